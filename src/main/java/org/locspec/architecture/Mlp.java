package org.locspec.architecture;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locspec.model.Layer;
import org.locspec.model.LayerNames;
import org.locspec.model.Network;

/**
 * Builds the DJL block of a multi-layer perceptron and names its layers.
 *
 * <p>The block is a {@link SequentialBlock}: for each hidden layer a {@link Linear}, a ReLU and,
 * when the spec has dropout, a {@link Dropout}; then the output {@code Linear} (logits, no
 * activation). DJL names the children by position and type ({@code "01Linear"}, {@code
 * "02LambdaBlock"}, ...), which shift when dropout is added; LocSpec instead names the linear
 * layers {@code "dense1"}, {@code "dense2"}, …, in order, the last being the output layer, with
 * {@link LayerNames} like every LocSpec layer name ({@link #denseName}, {@link #denseIndex}).
 *
 * <p>A linear layer's weight has DJL/PyTorch shape {@code (out, in)}: row {@code j} holds the
 * weights into neuron {@code j}.
 */
final class Mlp {
  private Mlp() {}

  /**
   * The LocSpec name of the dense layer at position {@code index} (from 0) among the linear layers:
   * {@code "dense" + (index + 1)}, made by {@link LayerNames} like every layer name.
   *
   * @param index the layer's position among the linear layers, from 0
   * @return the name, e.g. "dense1" for index 0
   */
  static String denseName(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("dense layer index must be >= 0, got " + index);
    }
    return LayerNames.of("dense", index + 1);
  }

  /**
   * Parses a dense layer name into its position among the linear layers.
   *
   * @param name a name such as {@code "dense3"}
   * @return its position from 0, e.g. 2
   * @throws IllegalArgumentException if the name is not {@code "dense"} followed by a number from 1
   */
  static int denseIndex(String name) {
    LayerNames.Parsed parsed;
    try {
      parsed = LayerNames.parse(name);
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null
        || !parsed.kind().equals("dense")
        || !name.equals(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "layer name must be \"dense\" followed by a number from 1, e.g. \"dense1\"; got '"
              + name
              + "'");
    }
    return parsed.ordinal() - 1;
  }

  /**
   * Builds the (uninitialized) block of an MLP.
   *
   * @param hidden the hidden layers' widths
   * @param numClasses the number of outputs
   * @param dropout the dropout rate after each hidden layer, 0 for none
   * @return a sequential block: [Linear, ReLU, (Dropout)] per hidden layer, then the output Linear
   */
  static SequentialBlock build(List<Integer> hidden, int numClasses, double dropout) {
    SequentialBlock block = new SequentialBlock();
    for (int width : hidden) {
      block.add(Linear.builder().setUnits(width).build());
      block.add(Activation.reluBlock());
      if (dropout > 0) {
        block.add(Dropout.builder().optRate((float) dropout).build());
      }
    }
    block.add(Linear.builder().setUnits(numClasses).build());
    return block;
  }

  /**
   * The linear layers of an MLP block, in order; element {@code i} is layer {@code "dense" + i}.
   *
   * @param block a block made by {@link #build}
   * @return its linear children
   */
  static List<Linear> denseLayers(Block block) {
    List<Linear> out = new ArrayList<>();
    for (Block child : block.getChildren().values()) {
      if (child instanceof Linear linear) {
        out.add(linear);
      }
    }
    return out;
  }

  /**
   * One linear layer of an MLP block, by LocSpec name.
   *
   * @param block a block made by {@link #build}
   * @param name e.g. {@code "dense0"}
   * @return the layer
   * @throws IllegalArgumentException if the name is malformed or the block has no such layer
   */
  static Linear dense(Block block, String name) {
    int index = denseIndex(name);
    List<Linear> layers = denseLayers(block);
    if (index >= layers.size()) {
      throw new IllegalArgumentException(
          "no layer '"
              + name
              + "': this MLP has "
              + layers.size()
              + " dense layers, "
              + denseName(0)
              + " to "
              + denseName(layers.size() - 1));
    }
    return layers.get(index);
  }

  /**
   * The linear layers of an MLP block by LocSpec name, in order.
   *
   * @param block a block made by {@link #build}
   * @return {@code dense1 → Linear}, …
   */
  static Map<String, Block> weightLayers(Block block) {
    Map<String, Block> out = new LinkedHashMap<>();
    List<Linear> layers = denseLayers(block);
    for (int i = 0; i < layers.size(); i++) {
      out.put(denseName(i), layers.get(i));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The layer view of an initialized MLP block: Flatten, then per hidden layer Dense, ReLU (and
   * Dropout when the spec has it), then the output Dense; weights are copied.
   *
   * @param name the network's name
   * @param n the number of inputs
   * @param dropout the dropout rate after each hidden layer, 0 for none
   * @param block the block
   * @return a new network (close it when done)
   */
  static Network toNetwork(String name, int n, double dropout, Block block) {
    int side = (int) Math.round(Math.sqrt(n));
    long[] inputShape = side * side == n ? new long[] {1, side, side} : new long[] {1, 1, n};
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer.Flatten(LayerNames.of("flatten", 1)));
    List<Linear> dense = denseLayers(block);
    for (int i = 0; i < dense.size(); i++) {
      NDArray w = dense.get(i).getParameters().get("weight").getArray();
      long[] shape = w.getShape().getShape();
      float[] bias = dense.get(i).getParameters().get("bias").getArray().toFloatArray();
      layers.add(
          new Layer.Dense(denseName(i), (int) shape[1], (int) shape[0], w.toFloatArray(), bias));
      if (i < dense.size() - 1) {
        layers.add(new Layer.Relu(LayerNames.of("relu", i + 1)));
        if (dropout > 0) {
          layers.add(new Layer.Dropout(LayerNames.of("dropout", i + 1), (float) dropout));
        }
      }
    }
    return Network.of(name, inputShape, layers);
  }
}
