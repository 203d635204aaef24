package org.locspec.architecture;

import java.util.List;
import org.locspec.data.ImageDataset;

/**
 * The shape of a convolutional network LocSpec can build and train: the papers' small CNN ({@link
 * CnnSpec}) or their VGG-style CIFAR-10 network ({@link VggSpec}). {@link ConvNets} builds the DJL
 * block of a spec and names its layers; {@link ConvNetTrainer} trains it.
 */
public sealed interface ConvNetSpec permits CnnSpec, VggSpec {

  /** A short name of the architecture, "cnn" or "vgg", used in network names and saved files. */
  String architecture();

  /** Channels of an input image. */
  int inputChannels();

  /** Height of an input image. */
  int inputHeight();

  /** Width of an input image. */
  int inputWidth();

  /** The number of output logits. */
  int numClasses();

  /** This spec with the input shape and class count of a data set. */
  ConvNetSpec forData(ImageDataset data);

  /** The input shape {@code {channels, height, width}}. */
  default long[] inputShape() {
    return new long[] {inputChannels(), inputHeight(), inputWidth()};
  }

  /**
   * The LocSpec names of all layers in order, as in the layer view ({@code conv1}, {@code relu1},
   * …, {@code dense2}); see {@link ConvNets#layerNames}.
   */
  default List<String> layerNames() {
    return ConvNets.layerNames(this);
  }
}
