package org.locspec.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locspec.data.ImageDataset;

/**
 * The papers' VGG-style CIFAR-10 network: 3×3 convolutions with "same" padding, ReLU and batch
 * norm, 2×2 max pooling after some of them, then dense ReLU layers and a linear output layer.
 *
 * <p>Layer order per convolution, with {@link BatchNormOrder#AFTER_RELU} (the papers' Keras code,
 * after geifmany/cifar-vgg): conv, ReLU, (max pool), batch norm, (dropout); with {@link
 * BatchNormOrder#BEFORE_RELU} (the common PyTorch order): conv, batch norm, ReLU, (max pool),
 * (dropout). Dense layers: every hidden dense layer but the last is followed by batch norm (placed
 * the same way) and dropout 0.5; the last hidden dense layer has neither.
 *
 * <p>Dropout, when on, follows the papers' rates: 0.3 after the first convolution, 0.4 after every
 * later convolution that is not followed by pooling, 0.5 after the last convolution's pool and
 * after the dense layers with batch norm.
 *
 * <p>Either way the layer view ({@link #toNetwork}) lists the layers in exactly this order, so
 * lesion masks (applied after the ReLU) and pre-activations (before the ReLU: the convolution's
 * output, or the batch norm's with {@code BEFORE_RELU}) mean what they meant during training.
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058): 13 conv layers (64, 64, M, 128, 128, M, 256 × 3, M, 512 × 3, M, 512 × 3, M) with
 * batch norm, dense 512-512, L2 5 × 10⁻⁴, augmentation, 200 epochs ({@code
 * TrainingConfig.paperVgg()} in {@code org.locspec.train}). Their {@code src/cnn/__init__.py};
 * Simonyan and Zisserman, "Very Deep Convolutional Networks for Large-Scale Image Recognition"
 * (arXiv 1409.1556).
 *
 * @param inputChannels channels of an input image
 * @param inputHeight height of an input image
 * @param inputWidth width of an input image
 * @param convChannels the filters of each convolution, in order
 * @param poolAfter for each convolution, whether a 2×2 max pool follows it
 * @param dense the width of each hidden dense layer
 * @param numClasses the number of output logits
 * @param dropout whether to use the papers' dropout layers
 * @param batchNormOrder where batch norm sits relative to the ReLU
 */
public record VggSpec(
    int inputChannels,
    int inputHeight,
    int inputWidth,
    List<Integer> convChannels,
    List<Boolean> poolAfter,
    List<Integer> dense,
    int numClasses,
    boolean dropout,
    BatchNormOrder batchNormOrder)
    implements ConvNetSpec {

  /**
   * The papers' L2 weight penalty for this network (the {@code l2} of {@code
   * TrainingConfig.paperVgg()}).
   */
  public static final double PAPER_L2 = 5e-4;

  /** Where batch norm sits relative to a layer's ReLU. */
  public enum BatchNormOrder {
    /** Layer, ReLU, (pool), batch norm: the papers' Keras model. */
    AFTER_RELU,
    /** Layer, batch norm, ReLU, (pool): the usual PyTorch VGG-BN. */
    BEFORE_RELU
  }

  /** Validates the fields and copies the lists. */
  public VggSpec {
    convChannels = Specs.positive("convChannels", convChannels);
    poolAfter = Specs.flags("poolAfter", poolAfter, convChannels.size());
    dense = Specs.positive("dense", dense);
    Specs.checkConvNet(
        inputChannels, inputHeight, inputWidth, convChannels, poolAfter, numClasses, "");
    Objects.requireNonNull(batchNormOrder, "batchNormOrder (e.g. BatchNormOrder.AFTER_RELU)");
  }

  /** The papers' VGG for 3×32×32 CIFAR-10 images, with dropout and batch norm after the ReLU. */
  public static VggSpec paper() {
    return fromConfig(
        new int[] {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0},
        List.of(512, 512));
  }

  /**
   * A small VGG for tests and quick runs on 3×32×32 images: conv 8, 8, M, 16, 16, M, dense 32-32,
   * 10 outputs, with the papers' dropout and batch norm placement.
   */
  public static VggSpec small() {
    return fromConfig(new int[] {8, 8, 0, 16, 16, 0}, List.of(32, 32));
  }

  /**
   * A VGG from a configuration string in the style of torchvision: filter counts, with 0 for a max
   * pool after the previous convolution, e.g. {@code {64, 64, 0, 128, 128, 0}}.
   *
   * @param config filter counts and 0 for pooling; must start with a convolution
   * @param dense hidden dense widths
   * @return a spec for 3×32×32 inputs and 10 classes with dropout and batch norm after the ReLU
   */
  public static VggSpec fromConfig(int[] config, List<Integer> dense) {
    List<Integer> channels = new ArrayList<>();
    List<Boolean> pool = new ArrayList<>();
    for (int i = 0; i < config.length; i++) {
      if (config[i] == 0) {
        if (pool.isEmpty() || pool.get(pool.size() - 1)) {
          throw new IllegalArgumentException(
              "config entry "
                  + i
                  + " is a pool (0) but does not follow a convolution: "
                  + java.util.Arrays.toString(config));
        }
        pool.set(pool.size() - 1, true);
      } else {
        channels.add(config[i]);
        pool.add(false);
      }
    }
    return new VggSpec(3, 32, 32, channels, pool, dense, 10, true, BatchNormOrder.AFTER_RELU);
  }

  @Override
  public String architecture() {
    return "vgg";
  }

  /** This spec with all filter counts multiplied by {@code factor} (at least 1 filter each). */
  public VggSpec withWidthFactor(double factor) {
    if (!(factor > 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("width factor must be a finite number > 0, got " + factor);
    }
    List<Integer> c = new ArrayList<>();
    for (int f : convChannels) {
      c.add(Math.max(1, (int) Math.round(f * factor)));
    }
    return withConvLayers(c, poolAfter);
  }

  /** This spec with other convolutions: filters and pooling per layer (lists of equal size). */
  public VggSpec withConvLayers(List<Integer> channels, List<Boolean> pool) {
    return new VggSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        channels,
        pool,
        dense,
        numClasses,
        dropout,
        batchNormOrder);
  }

  /** This spec with other hidden dense widths. */
  public VggSpec withDense(int... widths) {
    return new VggSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        convChannels,
        poolAfter,
        Specs.list(widths),
        numClasses,
        dropout,
        batchNormOrder);
  }

  /** This spec with or without the papers' dropout layers. */
  public VggSpec withDropout(boolean on) {
    return new VggSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        convChannels,
        poolAfter,
        dense,
        numClasses,
        on,
        batchNormOrder);
  }

  /** This spec with batch norm placed before or after the ReLU. */
  public VggSpec withBatchNormOrder(BatchNormOrder order) {
    return new VggSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        convChannels,
        poolAfter,
        dense,
        numClasses,
        dropout,
        order);
  }

  /** This spec with another input shape. */
  public VggSpec withInput(int channels, int height, int width) {
    return new VggSpec(
        channels,
        height,
        width,
        convChannels,
        poolAfter,
        dense,
        numClasses,
        dropout,
        batchNormOrder);
  }

  /** This spec with another number of classes. */
  public VggSpec withNumClasses(int classes) {
    return new VggSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        convChannels,
        poolAfter,
        dense,
        classes,
        dropout,
        batchNormOrder);
  }

  @Override
  public VggSpec forData(ImageDataset data) {
    return withInput(data.channels(), data.height(), data.width())
        .withNumClasses(data.numClasses());
  }

  /** The dropout rate after convolution {@code i} (from 0); 0 for none. */
  double convDropoutRate(int i) {
    if (!dropout) {
      return 0;
    }
    if (i == 0) {
      return 0.3;
    }
    if (i == convChannels.size() - 1) {
      return 0.5;
    }
    return poolAfter.get(i) ? 0 : 0.4;
  }

  /** The layers in order (see {@link ConvNets}). */
  List<ConvNets.Step> plan() {
    ConvNets.Planner p = new ConvNets.Planner();
    boolean before = batchNormOrder == BatchNormOrder.BEFORE_RELU;
    for (int i = 0; i < convChannels.size(); i++) {
      int f = convChannels.get(i);
      p.add(ConvNets.Kind.CONV, f, 0);
      p.addIf(before, ConvNets.Kind.BATCH_NORM, f, 0);
      p.add(ConvNets.Kind.RELU, 0, 0);
      p.addIf(poolAfter.get(i), ConvNets.Kind.POOL, 0, 0);
      p.addIf(!before, ConvNets.Kind.BATCH_NORM, f, 0);
      double rate = convDropoutRate(i);
      p.addIf(rate > 0, ConvNets.Kind.DROPOUT, 0, rate);
    }
    p.add(ConvNets.Kind.FLATTEN, 0, 0);
    for (int j = 0; j < dense.size(); j++) {
      int d = dense.get(j);
      boolean normed = j < dense.size() - 1;
      p.add(ConvNets.Kind.DENSE, d, 0);
      p.addIf(normed && before, ConvNets.Kind.BATCH_NORM, d, 0);
      p.add(ConvNets.Kind.RELU, 0, 0);
      p.addIf(normed && !before, ConvNets.Kind.BATCH_NORM, d, 0);
      p.addIf(normed && dropout, ConvNets.Kind.DROPOUT, 0, 0.5);
    }
    p.add(ConvNets.Kind.DENSE, numClasses, 0);
    return p.steps();
  }

  @Override
  public String toString() {
    StringBuilder sb = Specs.describe("VGG", inputChannels, inputHeight, inputWidth).append(" →");
    for (int i = 0; i < convChannels.size(); i++) {
      sb.append(' ').append(convChannels.get(i));
      if (poolAfter.get(i)) {
        sb.append(" M");
      }
    }
    Specs.appendDense(sb, dense, numClasses);
    sb.append(" (batch norm ")
        .append(batchNormOrder == BatchNormOrder.AFTER_RELU ? "after" : "before")
        .append(" ReLU");
    if (dropout) {
      sb.append(", dropout");
    }
    return sb.append(')').toString();
  }
}
