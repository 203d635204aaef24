package org.locspec.architecture;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.Map;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.model.TorchEngine;

/**
 * The shape of one of the papers' architectures, which LocSpec can build, train, save and turn into
 * its layer view: the multi-layer perceptron ({@link MlpSpec}) or a conv net ({@link ConvNetSpec}:
 * the small CNN {@link CnnSpec} or the VGG net {@link VggSpec}).
 *
 * <p>A spec is a validating record; it builds its DJL block with layers named as in the layer view
 * ({@link #build()}), lists the layers whose weights take penalties and pruning ({@link
 * #weightLayers}) and copies a built block's parameters into a {@link Network} ({@link
 * #toNetwork}).
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058).
 */
public sealed interface ArchitectureSpec permits MlpSpec, ConvNetSpec {

  /** A short name of the architecture, "mlp", "cnn" or "vgg", used in network and file names. */
  String architecture();

  /** The shape of one input as the block takes it: {@code {inputSize}} or {@code {c, h, w}}. */
  long[] inputShape();

  /** The number of output logits. */
  int numClasses();

  /** This spec with the input shape and class count of a data set. */
  ArchitectureSpec forData(ImageDataset data);

  /**
   * Builds the (uninitialized) DJL block of this spec.
   *
   * @return a sequential block mapping {@code (batch, inputShape...)} to {@code (batch,
   *     numClasses)} logits
   */
  SequentialBlock build();

  /**
   * The layers of a built block that have weights (dense and convolution layers), by LocSpec name
   * in layer order: the weights L1/L2 penalties and magnitude pruning apply to (not the biases, not
   * batch norm).
   *
   * @param block a block built by {@link #build()}
   * @return layer name → layer, in order
   */
  Map<String, Block> weightLayers(Block block);

  /**
   * The layer view of an initialized block built from this spec; the parameters are copied, so the
   * view stays valid after the block is closed.
   *
   * @param name the network's name
   * @param block the block
   * @return a new network (close it when done)
   */
  Network toNetwork(String name, Block block);

  /**
   * Checks that a data set fits this spec: input shape and number of classes.
   *
   * @param data the images
   * @param what the role of the data in the message, e.g. "training"
   * @throws IllegalArgumentException naming the data set, the difference and the fix
   */
  void checkFits(ImageDataset data, String what);

  /** The LocSpec names of the layers with weights, in order (see {@link #weightLayers}). */
  List<String> weightLayerNames();

  /**
   * A new DJL model on the CPU holding this spec's block, initialized for one input of {@link
   * #inputShape()}: its weights are drawn from the engine's random generator (seed it first for
   * reproducible weights) or are to be replaced by loading saved parameters.
   *
   * @param name the DJL model name
   * @return the model; close it when done
   */
  default Model newModel(String name) {
    Model model = Model.newInstance(name, Device.cpu(), TorchEngine.NAME);
    try {
      SequentialBlock block = build();
      model.setBlock(block);
      long[] input = inputShape();
      long[] shape = new long[input.length + 1];
      shape[0] = 1;
      System.arraycopy(input, 0, shape, 1, input.length);
      block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(shape));
      return model;
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }
}
