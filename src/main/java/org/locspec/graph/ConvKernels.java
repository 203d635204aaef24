package org.locspec.graph;

import java.util.Objects;

/**
 * Static utilities that turn conv kernels into channel-by-channel weight matrices.
 *
 * <p>Kernels are flat arrays in PyTorch/DJL order {@code [out][in][kh][kw]} (OIHW).
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), section on CNN graphs: edge weight = L1 norm of the kernel slice; batch norm folded
 * into the preceding conv first.
 */
public final class ConvKernels {
  private ConvKernels() {}

  /**
   * The channel adjacency of a conv layer: entry {@code (j, i)} is the norm of the slice {@code
   * W[j, i, :, :]}.
   *
   * @param kernel {@code out * in * kh * kw} weights in OIHW order
   * @param out output channels
   * @param in input channels
   * @param kh kernel height
   * @param kw kernel width
   * @param norm {@link Norm#L1} (paper) or {@link Norm#L2}
   * @return an {@code out x in} matrix of non-negative weights
   */
  public static WeightMatrix channelAdjacency(
      float[] kernel, int out, int in, int kh, int kw, Norm norm) {
    Objects.requireNonNull(kernel, "kernel must not be null");
    Objects.requireNonNull(norm, "norm must not be null");
    if (out < 1 || in < 1 || kh < 1 || kw < 1) {
      throw new IllegalArgumentException(
          "out, in, kh, kw must all be >= 1, got " + out + ", " + in + ", " + kh + ", " + kw);
    }
    int slice = kh * kw;
    if ((long) out * in * slice != kernel.length) {
      throw new IllegalArgumentException(
          "kernel must hold out * in * kh * kw = "
              + (long) out * in * slice
              + " weights (OIHW), got "
              + kernel.length);
    }
    float[] adj = new float[out * in];
    for (int c = 0; c < out * in; c++) {
      double s = 0;
      int base = c * slice;
      for (int t = 0; t < slice; t++) {
        double w = kernel[base + t];
        s += norm == Norm.L1 ? Math.abs(w) : w * w;
      }
      adj[c] = (float) (norm == Norm.L1 ? s : Math.sqrt(s));
    }
    return WeightMatrix.wrap(out, in, adj);
  }

  /**
   * Folds a following batch norm into a conv kernel: output channel {@code j} is multiplied by
   * {@code gamma[j] / sqrt(var[j] + eps)}. The shift (beta, mean) only changes the bias and does
   * not enter the weight graph.
   *
   * @param kernel the kernel, OIHW, with {@code gamma.length} output channels
   * @param gamma the batch norm's scale, one per output channel
   * @param var the batch norm's running variance, one per output channel
   * @param eps the batch norm's epsilon, {@code >= 0}
   * @return a new folded kernel
   */
  public static float[] foldBatchNorm(float[] kernel, float[] gamma, float[] var, double eps) {
    Objects.requireNonNull(kernel, "kernel must not be null");
    Objects.requireNonNull(gamma, "gamma must not be null");
    Objects.requireNonNull(var, "var must not be null");
    if (gamma.length != var.length) {
      throw new IllegalArgumentException(
          "gamma and var must both have one entry per output channel, got "
              + gamma.length
              + " and "
              + var.length);
    }
    if (gamma.length == 0 || kernel.length % gamma.length != 0) {
      throw new IllegalArgumentException(
          "kernel length "
              + kernel.length
              + " must be a multiple of the "
              + gamma.length
              + " output channels of gamma");
    }
    if (!(eps >= 0)) {
      throw new IllegalArgumentException("eps must be >= 0, got " + eps);
    }
    int per = kernel.length / gamma.length;
    float[] out = new float[kernel.length];
    for (int j = 0; j < gamma.length; j++) {
      if (var[j] + eps <= 0) {
        throw new IllegalArgumentException(
            "var[" + j + "] + eps must be > 0, got " + (var[j] + eps) + "; pass eps > 0");
      }
      double s = gamma[j] / Math.sqrt(var[j] + eps);
      for (int t = j * per; t < (j + 1) * per; t++) {
        out[t] = (float) (kernel[t] * s);
      }
    }
    return out;
  }
}
