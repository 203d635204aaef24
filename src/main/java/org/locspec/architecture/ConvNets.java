package org.locspec.architecture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locspec.model.Layer;
import org.locspec.model.LayerNames;
import org.locspec.model.Network;

/**
 * Builds the DJL block of a conv-net spec and its layer view, from one list of layers (the spec's
 * plan, {@link Step}s made with a {@link Planner}) so that the two always agree.
 *
 * <p>The block is a {@link SequentialBlock} with one child per layer of the view: {@link Conv2d}
 * (3×3, stride 1, padding 1), {@link BatchNorm} (over the channel axis, ε = {@value
 * #BATCH_NORM_EPSILON}, momentum {@value #BATCH_NORM_MOMENTUM} as in Keras), ReLU, 2×2 max pool
 * (stride 2), flatten, dropout ({@link MaskDropout}) and {@link Linear}. Each layer gets a LocSpec
 * name from {@link LayerNames}: kind and 1-based ordinal among layers of that kind ({@code conv1},
 * {@code bn1}, {@code relu1}, {@code pool1}, {@code flatten1}, {@code dropout1}, {@code dense1},
 * …).
 */
final class ConvNets {
  /** The kernel size of every convolution (3×3, "same" padding). */
  static final int KERNEL = 3;

  /** The ε batch norm adds to the variance (Keras' default, used by the papers' code). */
  static final float BATCH_NORM_EPSILON = 1e-3f;

  /**
   * The share of the old running mean and variance kept at each training step (Keras' default 0.99;
   * PyTorch's 0.1 "momentum" means 0.9 here).
   */
  static final float BATCH_NORM_MOMENTUM = 0.99f;

  private ConvNets() {}

  /** The kinds of layer a conv net is made of. */
  enum Kind {
    CONV("conv"),
    BATCH_NORM("bn"),
    RELU("relu"),
    POOL("pool"),
    FLATTEN("flatten"),
    DROPOUT("dropout"),
    DENSE("dense");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  /**
   * One layer of the plan.
   *
   * @param kind its kind
   * @param name its LocSpec name
   * @param units filters or dense units (0 for other kinds)
   * @param rate the dropout rate (0 for other kinds)
   */
  record Step(Kind kind, String name, int units, float rate) {}

  /** Assigns names in order. */
  static final class Planner {
    final List<Step> steps = new ArrayList<>();
    final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);

    void add(Kind kind, int units, double rate) {
      int ordinal = counts.merge(kind, 1, Integer::sum);
      steps.add(new Step(kind, LayerNames.of(kind.prefix, ordinal), units, (float) rate));
    }

    void addIf(boolean cond, Kind kind, int units, double rate) {
      if (cond) {
        add(kind, units, rate);
      }
    }

    List<Step> steps() {
      return List.copyOf(steps);
    }
  }

  /**
   * The LocSpec names of a plan's layers, in order.
   *
   * @param plan the layers
   * @return e.g. {@code [conv1, relu1, dropout1, conv2, …, dense2]}
   */
  static List<String> layerNames(List<Step> plan) {
    List<String> names = new ArrayList<>();
    for (Step s : plan) {
      names.add(s.name());
    }
    return List.copyOf(names);
  }

  /**
   * Builds the (uninitialized) block of a plan: one child per layer.
   *
   * @param plan the layers
   * @return the sequential block
   */
  static SequentialBlock build(List<Step> plan) {
    SequentialBlock block = new SequentialBlock();
    for (Step s : plan) {
      block.add(
          switch (s.kind()) {
            case CONV ->
                Conv2d.builder()
                    .setKernelShape(new Shape(KERNEL, KERNEL))
                    .optPadding(new Shape(KERNEL / 2, KERNEL / 2))
                    .setFilters(s.units())
                    .build();
            case BATCH_NORM ->
                BatchNorm.builder()
                    .optEpsilon(BATCH_NORM_EPSILON)
                    .optMomentum(BATCH_NORM_MOMENTUM)
                    .build();
            case RELU -> Activation.reluBlock();
            case POOL -> Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
            case FLATTEN -> Blocks.batchFlattenBlock();
            case DROPOUT -> new MaskDropout(s.rate());
            case DENSE -> Linear.builder().setUnits(s.units()).build();
          });
    }
    return block;
  }

  /**
   * The convolution and dense layers' names of a plan, in order.
   *
   * @param plan the layers
   * @return e.g. {@code [conv1, conv2, conv3, dense1, dense2]}
   */
  static List<String> weightLayerNames(List<Step> plan) {
    List<String> names = new ArrayList<>();
    for (Step s : plan) {
      if (s.kind() == Kind.CONV || s.kind() == Kind.DENSE) {
        names.add(s.name());
      }
    }
    return List.copyOf(names);
  }

  /**
   * The convolution and dense layers of a block built from a plan, by LocSpec name in order: the
   * layers whose weights take penalties and pruning.
   *
   * @param plan the layers the block was built from
   * @param block the block
   * @return layer name → layer
   */
  static Map<String, Block> weightLayers(List<Step> plan, Block block) {
    List<Block> children = children(plan, block);
    Map<String, Block> out = new LinkedHashMap<>();
    for (int i = 0; i < plan.size(); i++) {
      Kind kind = plan.get(i).kind();
      if (kind == Kind.CONV || kind == Kind.DENSE) {
        out.put(plan.get(i).name(), children.get(i));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<Block> children(List<Step> plan, Block block) {
    List<Block> children = new ArrayList<>(block.getChildren().values());
    if (children.size() != plan.size()) {
      throw new IllegalStateException(
          "block has " + children.size() + " layers but its plan has " + plan.size());
    }
    return children;
  }

  /**
   * The layer view of an initialized block built from a plan: parameters are copied.
   *
   * @param name the network's name
   * @param inputShape {@code {channels, height, width}}
   * @param plan the layers the block was built from
   * @param block the block
   * @return a new network (close it when done)
   */
  static Network toNetwork(String name, long[] inputShape, List<Step> plan, Block block) {
    List<Block> children = children(plan, block);
    List<Layer> layers = new ArrayList<>(plan.size());
    for (int i = 0; i < plan.size(); i++) {
      Step s = plan.get(i);
      Block b = children.get(i);
      layers.add(
          switch (s.kind()) {
            case CONV -> {
              NDArray w = b.getParameters().get("weight").getArray();
              long[] shape = w.getShape().getShape();
              yield new Layer.Conv2d(
                  s.name(),
                  (int) shape[1],
                  (int) shape[0],
                  (int) shape[2],
                  (int) shape[3],
                  1,
                  KERNEL / 2,
                  w.toFloatArray(),
                  b.getParameters().get("bias").getArray().toFloatArray());
            }
            case BATCH_NORM ->
                new Layer.BatchNorm(
                    s.name(),
                    b.getParameters().get("gamma").getArray().toFloatArray(),
                    b.getParameters().get("beta").getArray().toFloatArray(),
                    b.getParameters().get("runningMean").getArray().toFloatArray(),
                    b.getParameters().get("runningVar").getArray().toFloatArray(),
                    BATCH_NORM_EPSILON);
            case RELU -> new Layer.Relu(s.name());
            case POOL -> new Layer.MaxPool2d(s.name(), 2, 2);
            case FLATTEN -> new Layer.Flatten(s.name());
            case DROPOUT -> new Layer.Dropout(s.name(), s.rate());
            case DENSE -> {
              NDArray w = b.getParameters().get("weight").getArray();
              long[] shape = w.getShape().getShape();
              yield new Layer.Dense(
                  s.name(),
                  (int) shape[1],
                  (int) shape[0],
                  w.toFloatArray(),
                  b.getParameters().get("bias").getArray().toFloatArray());
            }
          });
    }
    return Network.of(name, inputShape, layers);
  }
}
