package org.locspec.architecture;

import java.util.Collections;
import java.util.List;
import org.locspec.data.ImageDataset;

/**
 * The papers' small CNN: 3×3 convolutions with "same" padding and ReLU, 2×2 max pooling after some
 * of them, dropout after every convolution block, then dense ReLU layers with dropout, then a
 * linear output layer. Layer order per convolution {@code i}: conv, ReLU, (max pool), (dropout);
 * per hidden dense layer: dense, ReLU, (dropout); then the output dense layer.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386) and Hod et
 * al. (arXiv 2110.08058): 3 conv layers of 64 filters, max pool after conv 2 and 3, dense 128, 10
 * outputs, dropout 0.25 after the convolutions and 0.5 before the output; trained 10 epochs with
 * batch 64 ({@code TrainingConfig.paperCnn()} in {@code org.locspec.train}). Their {@code
 * src/cnn/__init__.py}.
 *
 * @param inputChannels channels of an input image
 * @param inputHeight height of an input image
 * @param inputWidth width of an input image
 * @param convChannels the filters of each convolution, in order
 * @param poolAfter for each convolution, whether a 2×2 max pool follows it
 * @param dense the width of each hidden dense layer
 * @param numClasses the number of output logits
 * @param convDropout dropout after each convolution block, in [0, 1); 0 means none
 * @param denseDropout dropout after each hidden dense layer, in [0, 1); 0 means none
 */
public record CnnSpec(
    int inputChannels,
    int inputHeight,
    int inputWidth,
    List<Integer> convChannels,
    List<Boolean> poolAfter,
    List<Integer> dense,
    int numClasses,
    double convDropout,
    double denseDropout)
    implements ConvNetSpec {

  /** The kernel size of every convolution. */
  public static final int KERNEL = ConvNets.KERNEL;

  /** Validates the fields and copies the lists. */
  public CnnSpec {
    convChannels = Specs.positive("convChannels", convChannels);
    poolAfter = Specs.flags("poolAfter", poolAfter, convChannels.size());
    dense = Specs.positive("dense", dense);
    String none = "; use MlpSpec for a network without convolutions";
    Specs.checkConvNet(
        inputChannels, inputHeight, inputWidth, convChannels, poolAfter, numClasses, none);
    Specs.checkRate("convDropout", convDropout);
    Specs.checkRate("denseDropout", denseDropout);
  }

  /** The papers' CNN for 1×28×28 images: conv 64, 64, pool, 64, pool, dense 128, 10 outputs. */
  public static CnnSpec paper() {
    return new CnnSpec(
        1, 28, 28, List.of(64, 64, 64), List.of(false, true, true), List.of(128), 10, 0.25, 0.5);
  }

  @Override
  public String architecture() {
    return "cnn";
  }

  /** This spec with every convolution given {@code filters} filters, e.g. 8 for quick tests. */
  public CnnSpec withFilters(int filters) {
    return withConvLayers(Collections.nCopies(convChannels.size(), filters), poolAfter);
  }

  /** This spec with other convolutions: filters and pooling per layer (lists of equal size). */
  public CnnSpec withConvLayers(List<Integer> channels, List<Boolean> pool) {
    return new CnnSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        channels,
        pool,
        dense,
        numClasses,
        convDropout,
        denseDropout);
  }

  /** This spec with other hidden dense widths. */
  public CnnSpec withDense(int... widths) {
    return new CnnSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        convChannels,
        poolAfter,
        Specs.list(widths),
        numClasses,
        convDropout,
        denseDropout);
  }

  /** This spec with other dropout rates (0 for none). */
  public CnnSpec withDropout(double conv, double dense) {
    return new CnnSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        convChannels,
        poolAfter,
        this.dense,
        numClasses,
        conv,
        dense);
  }

  /** This spec with another input shape. */
  public CnnSpec withInput(int channels, int height, int width) {
    return new CnnSpec(
        channels,
        height,
        width,
        convChannels,
        poolAfter,
        dense,
        numClasses,
        convDropout,
        denseDropout);
  }

  /** This spec with another number of classes. */
  public CnnSpec withNumClasses(int classes) {
    return new CnnSpec(
        inputChannels,
        inputHeight,
        inputWidth,
        convChannels,
        poolAfter,
        dense,
        classes,
        convDropout,
        denseDropout);
  }

  @Override
  public CnnSpec forData(ImageDataset data) {
    return withInput(data.channels(), data.height(), data.width())
        .withNumClasses(data.numClasses());
  }

  /** The layers in order (see {@link ConvNets}). */
  List<ConvNets.Step> plan() {
    ConvNets.Planner p = new ConvNets.Planner();
    for (int i = 0; i < convChannels.size(); i++) {
      p.add(ConvNets.Kind.CONV, convChannels.get(i), 0);
      p.add(ConvNets.Kind.RELU, 0, 0);
      p.addIf(poolAfter.get(i), ConvNets.Kind.POOL, 0, 0);
      p.addIf(convDropout > 0, ConvNets.Kind.DROPOUT, 0, convDropout);
    }
    p.add(ConvNets.Kind.FLATTEN, 0, 0);
    for (int d : dense) {
      p.add(ConvNets.Kind.DENSE, d, 0);
      p.add(ConvNets.Kind.RELU, 0, 0);
      p.addIf(denseDropout > 0, ConvNets.Kind.DROPOUT, 0, denseDropout);
    }
    p.add(ConvNets.Kind.DENSE, numClasses, 0);
    return p.steps();
  }

  @Override
  public String toString() {
    StringBuilder sb = Specs.describe("CNN", inputChannels, inputHeight, inputWidth);
    for (int i = 0; i < convChannels.size(); i++) {
      sb.append(" → conv").append(convChannels.get(i));
      if (poolAfter.get(i)) {
        sb.append(" → pool");
      }
    }
    Specs.appendDense(sb, dense, numClasses);
    if (convDropout > 0 || denseDropout > 0) {
      sb.append(" (dropout ").append(convDropout).append('/').append(denseDropout).append(')');
    }
    return sb.toString();
  }
}
