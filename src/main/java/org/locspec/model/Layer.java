package org.locspec.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One layer of a feed-forward {@code Network} or {@code LayerGraph}: the layer kinds of the papers'
 * MLPs and CNNs and of PyTorch models such as torchvision's VGG and ResNet. Parameters are held as
 * immutable float arrays in PyTorch's layouts (dense weight {@code [out][in]}, conv weight {@code
 * [out][in][kh][kw]}, row-major).
 *
 * <p>A layer that has <em>units</em> (a dense layer's neurons, a convolution's channels) is a
 * {@link UnitLayer}; lesions, activation capture and the neuron graph address those units. A {@link
 * Join} (a residual addition, a channel concatenation) reads several layers; it exists only in a
 * {@code LayerGraph}, never in the sequential {@code Network}.
 */
public sealed interface Layer
    permits Layer.UnitLayer,
        Layer.BatchNorm,
        Layer.Relu,
        Layer.MaxPool2d,
        Layer.AdaptiveAvgPool2d,
        Layer.Flatten,
        Layer.Dropout,
        Layer.Join {

  /** The layer's stable name, e.g. "dense2" or "conv1"; see {@code LayerNames}. */
  String name();

  /** A layer whose outputs are units: dense neurons or convolution channels. */
  sealed interface UnitLayer extends Layer permits Dense, Conv2d {
    /** The number of units (output neurons or output channels). */
    int units();

    /** The number of inputs (input neurons or input channels). */
    int inputs();

    /** A copy of the weights, row-major in PyTorch's layout. */
    float[] weight();

    /** A copy of the bias, one value per unit. */
    float[] bias();

    /** The weight tensor's shape: {@code [out, in]} or {@code [out, in, kh, kw]}. */
    long[] weightShape();
  }

  /**
   * A fully connected layer {@code y = x Wᵀ + b}.
   *
   * @param name the layer's name
   * @param inputs input size
   * @param units output size
   * @param weight {@code units × inputs} values, row-major
   * @param bias {@code units} values
   */
  record Dense(String name, int inputs, int units, float[] weight, float[] bias)
      implements UnitLayer {
    /** Validates sizes and copies the arrays. */
    public Dense {
      Objects.requireNonNull(name, "name");
      check(name, "weight", weight.length, (long) inputs * units);
      check(name, "bias", bias.length, units);
      weight = weight.clone();
      bias = bias.clone();
    }

    @Override
    public float[] weight() {
      return weight.clone();
    }

    @Override
    public float[] bias() {
      return bias.clone();
    }

    @Override
    public long[] weightShape() {
      return new long[] {units, inputs};
    }

    @Override
    public String toString() {
      return "Dense[" + name + ": " + inputs + " → " + units + "]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Dense d
          && d.name.equals(name)
          && d.inputs == inputs
          && d.units == units
          && Arrays.equals(d.weight, weight)
          && Arrays.equals(d.bias, bias);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, inputs, units, Arrays.hashCode(weight), Arrays.hashCode(bias));
    }
  }

  /**
   * A 2-D convolution with square stride and padding.
   *
   * @param name the layer's name
   * @param inputs input channels
   * @param units output channels
   * @param kernelH kernel height
   * @param kernelW kernel width
   * @param stride stride in both directions
   * @param padding zero padding in both directions
   * @param weight {@code units × inputs × kernelH × kernelW} values, row-major
   * @param bias {@code units} values
   */
  record Conv2d(
      String name,
      int inputs,
      int units,
      int kernelH,
      int kernelW,
      int stride,
      int padding,
      float[] weight,
      float[] bias)
      implements UnitLayer {
    /** Validates sizes and copies the arrays. */
    public Conv2d {
      Objects.requireNonNull(name, "name");
      if (stride < 1) {
        throw new IllegalArgumentException(name + ": stride must be >= 1, got " + stride);
      }
      if (padding < 0) {
        throw new IllegalArgumentException(name + ": padding must be >= 0, got " + padding);
      }
      check(name, "weight", weight.length, (long) units * inputs * kernelH * kernelW);
      check(name, "bias", bias.length, units);
      weight = weight.clone();
      bias = bias.clone();
    }

    @Override
    public float[] weight() {
      return weight.clone();
    }

    @Override
    public float[] bias() {
      return bias.clone();
    }

    @Override
    public long[] weightShape() {
      return new long[] {units, inputs, kernelH, kernelW};
    }

    @Override
    public String toString() {
      return "Conv2d["
          + name
          + ": "
          + inputs
          + " → "
          + units
          + ", "
          + kernelH
          + "×"
          + kernelW
          + ", stride "
          + stride
          + ", padding "
          + padding
          + "]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Conv2d c
          && c.name.equals(name)
          && c.inputs == inputs
          && c.units == units
          && c.kernelH == kernelH
          && c.kernelW == kernelW
          && c.stride == stride
          && c.padding == padding
          && Arrays.equals(c.weight, weight)
          && Arrays.equals(c.bias, bias);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          name, inputs, units, kernelH, kernelW, stride, padding, Arrays.hashCode(weight));
    }
  }

  /**
   * Batch normalization in inference mode over the channel (or feature) axis 1: {@code y = (x −
   * mean) / sqrt(var + eps) · gamma + beta}.
   *
   * @param name the layer's name
   * @param gamma scale per channel
   * @param beta shift per channel
   * @param runningMean running mean per channel
   * @param runningVar running variance per channel
   * @param eps the epsilon added to the variance
   */
  record BatchNorm(
      String name, float[] gamma, float[] beta, float[] runningMean, float[] runningVar, float eps)
      implements Layer {
    /** Validates sizes and copies the arrays. */
    public BatchNorm {
      Objects.requireNonNull(name, "name");
      int n = gamma.length;
      check(name, "beta", beta.length, n);
      check(name, "running mean", runningMean.length, n);
      check(name, "running variance", runningVar.length, n);
      if (!(eps > 0)) {
        throw new IllegalArgumentException(name + ": eps must be > 0, got " + eps);
      }
      gamma = gamma.clone();
      beta = beta.clone();
      runningMean = runningMean.clone();
      runningVar = runningVar.clone();
    }

    /** The number of channels normalized. */
    public int channels() {
      return gamma.length;
    }

    @Override
    public float[] gamma() {
      return gamma.clone();
    }

    @Override
    public float[] beta() {
      return beta.clone();
    }

    @Override
    public float[] runningMean() {
      return runningMean.clone();
    }

    @Override
    public float[] runningVar() {
      return runningVar.clone();
    }

    @Override
    public String toString() {
      return "BatchNorm[" + name + ": " + gamma.length + " channels]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BatchNorm b
          && b.name.equals(name)
          && b.eps == eps
          && Arrays.equals(b.gamma, gamma)
          && Arrays.equals(b.beta, beta)
          && Arrays.equals(b.runningMean, runningMean)
          && Arrays.equals(b.runningVar, runningVar);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, eps, Arrays.hashCode(gamma), Arrays.hashCode(runningVar));
    }
  }

  /** The rectifier {@code max(x, 0)}. @param name the layer's name */
  record Relu(String name) implements Layer {}

  /**
   * Max pooling over square windows, with implicit negative-infinity padding as in PyTorch.
   *
   * @param name the layer's name
   * @param kernel window size
   * @param stride stride
   * @param padding padding on each side, at most {@code kernel / 2} (PyTorch's rule)
   */
  record MaxPool2d(String name, int kernel, int stride, int padding) implements Layer {
    /** Validates the window. */
    public MaxPool2d {
      if (kernel < 1 || stride < 1) {
        throw new IllegalArgumentException(
            name + ": pooling kernel and stride must be >= 1, got " + kernel + " and " + stride);
      }
      if (padding < 0 || padding > kernel / 2) {
        throw new IllegalArgumentException(
            name
                + ": pooling padding must be in [0, kernel / 2] = [0, "
                + kernel / 2
                + "], got "
                + padding);
      }
    }

    /**
     * Max pooling without padding.
     *
     * @param name the layer's name
     * @param kernel window size
     * @param stride stride
     */
    public MaxPool2d(String name, int kernel, int stride) {
      this(name, kernel, stride, 0);
    }
  }

  /**
   * Adaptive average pooling to a fixed output size, as PyTorch's {@code AdaptiveAvgPool2d}: output
   * cell {@code (i, j)} is the mean of input rows {@code [⌊i·H/oh⌋, ⌈(i+1)·H/oh⌉)} and columns
   * likewise (torchvision's VGG pools to 7×7, its ResNets to 1×1).
   *
   * @param name the layer's name
   * @param outputHeight the output height, {@code >= 1}
   * @param outputWidth the output width, {@code >= 1}
   */
  record AdaptiveAvgPool2d(String name, int outputHeight, int outputWidth) implements Layer {
    /** Validates the output size. */
    public AdaptiveAvgPool2d {
      if (outputHeight < 1 || outputWidth < 1) {
        throw new IllegalArgumentException(
            name + ": output size must be >= 1, got " + outputHeight + "×" + outputWidth);
      }
    }
  }

  /** Flattens all axes but the batch axis. @param name the layer's name */
  record Flatten(String name) implements Layer {}

  /**
   * Dropout: the identity at inference; LocSpec's analyses always run in inference mode.
   *
   * @param name the layer's name
   * @param rate the training-time drop rate
   */
  record Dropout(String name, float rate) implements Layer {
    /** Validates the rate. */
    public Dropout {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1), got " + rate);
      }
    }
  }

  /** A layer that reads several layers of a {@code LayerGraph} and joins their channels. */
  sealed interface Join extends Layer permits Add, Concat {}

  /**
   * The element-wise sum of its inputs, all of one shape: a residual addition.
   *
   * @param name the layer's name
   */
  record Add(String name) implements Join {}

  /**
   * The concatenation of its inputs along the channel axis, in input order.
   *
   * @param name the layer's name
   */
  record Concat(String name) implements Join {}

  private static void check(String layer, String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          layer + ": " + what + " has " + actual + " values, expected " + expected);
    }
  }
}
