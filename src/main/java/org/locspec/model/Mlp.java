package org.locspec.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the DJL block of an {@link MlpSpec} and names its layers.
 *
 * <p>The block is a {@link SequentialBlock}: for each hidden layer a {@link Linear}, a ReLU and,
 * when the spec has dropout, a {@link Dropout}; then the output {@code Linear} (logits, no
 * activation). DJL names the children by position and type ({@code "01Linear"}, {@code
 * "02LambdaBlock"}, ...), which shift when dropout is added; LocSpec instead names the linear
 * layers {@code "dense0"}, {@code "dense1"}, …, in order, the last being the output layer. This
 * class is the one place where those names are made ({@link #denseName}) and parsed ({@link
 * #denseIndex}).
 *
 * <p>A linear layer's weight has DJL/PyTorch shape {@code (out, in)}: row {@code j} holds the
 * weights into neuron {@code j}.
 */
public final class Mlp {
  /** The prefix of LocSpec's dense layer names. */
  public static final String DENSE_PREFIX = "dense";

  private Mlp() {}

  /**
   * The LocSpec name of dense layer {@code index}: {@code "dense" + index}.
   *
   * @param index the layer's position among the linear layers, from 0
   * @return the name
   */
  public static String denseName(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("dense layer index must be >= 0, got " + index);
    }
    return DENSE_PREFIX + index;
  }

  /**
   * Parses a dense layer name.
   *
   * @param name a name such as {@code "dense2"}
   * @return its index, e.g. 2
   * @throws IllegalArgumentException if the name is not {@code "dense"} followed by a number
   */
  public static int denseIndex(String name) {
    if (name != null && name.startsWith(DENSE_PREFIX) && name.length() > DENSE_PREFIX.length()) {
      String digits = name.substring(DENSE_PREFIX.length());
      if (digits.chars().allMatch(Character::isDigit) && digits.length() < 9) {
        return Integer.parseInt(digits);
      }
    }
    throw new IllegalArgumentException(
        "layer name must be \"" + DENSE_PREFIX + "\" followed by an index, e.g. \"dense0\"; got '"
            + name
            + "'");
  }

  /**
   * Builds the (uninitialized) block of a spec.
   *
   * @param spec the network's shape
   * @return a sequential block: [Linear, ReLU, (Dropout)] per hidden layer, then the output Linear
   */
  public static SequentialBlock build(MlpSpec spec) {
    SequentialBlock block = new SequentialBlock();
    for (int width : spec.hidden()) {
      block.add(Linear.builder().setUnits(width).build());
      block.add(Activation.reluBlock());
      if (spec.dropout() > 0) {
        block.add(Dropout.builder().optRate((float) spec.dropout()).build());
      }
    }
    block.add(Linear.builder().setUnits(spec.numClasses()).build());
    return block;
  }

  /**
   * The linear layers of an MLP block, in order; element {@code i} is layer {@code "dense" + i}.
   *
   * @param block a block made by {@link #build}
   * @return its linear children
   */
  public static List<Linear> denseLayers(Block block) {
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
  public static Linear dense(Block block, String name) {
    int index = denseIndex(name);
    List<Linear> layers = denseLayers(block);
    if (index >= layers.size()) {
      throw new IllegalArgumentException(
          "no layer '"
              + name
              + "': this MLP has "
              + layers.size()
              + " dense layers, dense0 to dense"
              + (layers.size() - 1));
    }
    return layers.get(index);
  }
}
