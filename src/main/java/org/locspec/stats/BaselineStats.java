package org.locspec.stats;

import java.util.Objects;

/**
 * How a true statistic compares with samples of a null baseline.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section 3.
 */
public final class BaselineStats {
  private BaselineStats() {}

  /**
   * The one-sided percentile {@code (#{samples < value} + 1) / (n + 1)}: small when the value is
   * lower than almost all samples.
   *
   * @param value the true statistic
   * @param samples the baseline samples
   * @return a p-value-like percentile in {@code (0, 1]}
   */
  public static double percentileBelow(double value, double[] samples) {
    Objects.requireNonNull(samples, "samples must not be null");
    int below = 0;
    for (double s : samples) {
      if (s < value) {
        below++;
      }
    }
    return (below + 1.0) / (samples.length + 1.0);
  }

  /**
   * The z-score {@code (value - mean) / sd} with the sample standard deviation (n - 1).
   *
   * @param value the true statistic
   * @param samples at least two baseline samples
   * @return the z-score; NaN if the samples do not vary
   */
  public static double zScore(double value, double[] samples) {
    if (samples.length < 2) {
      throw new IllegalArgumentException(
          "a z-score needs at least 2 samples, got " + samples.length);
    }
    double sd = sd(samples);
    return sd > 0 ? (value - mean(samples)) / sd : Double.NaN;
  }

  /** The mean of the values. */
  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** The sample standard deviation (divisor n - 1) of at least two values. */
  public static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
