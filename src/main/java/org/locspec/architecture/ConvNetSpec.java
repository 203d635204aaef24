package org.locspec.architecture;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;

/**
 * The shape of a convolutional network LocSpec can build and train: the papers' small CNN ({@link
 * CnnSpec}) or their VGG-style CIFAR-10 network ({@link VggSpec}). Each spec plans its layers; one
 * builder makes the DJL block and the layer view from that plan, so the two always agree.
 */
public sealed interface ConvNetSpec extends ArchitectureSpec permits CnnSpec, VggSpec {

  /** Channels of an input image. */
  int inputChannels();

  /** Height of an input image. */
  int inputHeight();

  /** Width of an input image. */
  int inputWidth();

  @Override
  ConvNetSpec forData(ImageDataset data);

  /** The input shape {@code {channels, height, width}}. */
  @Override
  default long[] inputShape() {
    return new long[] {inputChannels(), inputHeight(), inputWidth()};
  }

  /**
   * The LocSpec names of all layers in order, as in the layer view ({@code conv1}, {@code relu1},
   * …, {@code dense2}).
   */
  default List<String> layerNames() {
    return ConvNets.layerNames(plan(this));
  }

  @Override
  default SequentialBlock build() {
    return ConvNets.build(plan(this));
  }

  @Override
  default Map<String, Block> weightLayers(Block block) {
    return ConvNets.weightLayers(plan(this), block);
  }

  /** The convolution and dense layers' names, in order. */
  @Override
  default List<String> weightLayerNames() {
    return ConvNets.weightLayerNames(plan(this));
  }

  /** The layer view, batch norm with its running statistics (inference mode). */
  @Override
  default Network toNetwork(String name, Block block) {
    return ConvNets.toNetwork(name, inputShape(), plan(this), block);
  }

  @Override
  default void checkFits(ImageDataset data, String what) {
    String takes = Arrays.toString(inputShape());
    Specs.checkFits(architecture(), inputShape(), numClasses(), data, what, takes);
  }

  private static List<ConvNets.Step> plan(ConvNetSpec spec) {
    return spec instanceof CnnSpec c ? c.plan() : ((VggSpec) spec).plan();
  }
}
