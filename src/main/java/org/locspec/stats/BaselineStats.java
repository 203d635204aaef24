package org.locspec.stats;

/**
 * Means and sample standard deviations of baseline samples; p-values, percentiles and z-scores
 * against a baseline are in {@link MonteCarloPValue}.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section 3.
 */
public final class BaselineStats {
  private BaselineStats() {}

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
