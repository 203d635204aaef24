package org.locspec.stats;

import java.util.Objects;

/**
 * Monte-Carlo p-values of an observed statistic against statistics drawn under the null (random
 * lesions, random unit sets, shuffled networks).
 *
 * <p>For a lower-tail test (small is extreme, e.g. accuracy after a lesion or an n-cut) the p-value
 * is {@code (#{null ≤ observed} + 1) / (n + 1)}; ties count as at least as extreme, so the test is
 * valid (never anti-conservative). The paper's percentile of an n-cut among shuffles is the same
 * with strict inequality; {@link #percentile} gives it.
 *
 * <p>References: Davison &amp; Hinkley, Bootstrap Methods and their Application (1997), §4.2; Hod
 * et al., arXiv 2110.08058, §3.
 */
public final class MonteCarloPValue {
  /** Which values of the statistic count as extreme. */
  public enum Tail {
    /** Small values are extreme (e.g. accuracy after lesioning an important sub-cluster). */
    LOWER,
    /** Large values are extreme (e.g. a feature-visualization score). */
    UPPER
  }

  private MonteCarloPValue() {}

  /**
   * The Monte-Carlo p-value {@code (#{null at least as extreme} + 1) / (n + 1)}.
   *
   * @param observed the observed statistic
   * @param nulls statistics drawn under the null hypothesis (at least one)
   * @param tail which tail is extreme
   * @return a p-value in {@code [1/(n+1), 1]}
   */
  public static double of(double observed, double[] nulls, Tail tail) {
    Objects.requireNonNull(tail, "tail");
    requireNonEmpty(nulls);
    int extreme = 0;
    for (double v : nulls) {
      if (tail == Tail.LOWER ? v <= observed : v >= observed) {
        extreme++;
      }
    }
    return (extreme + 1.0) / (nulls.length + 1.0);
  }

  /**
   * The paper's percentile of an observed value among null values: {@code (#{null < observed} + 1)
   * / (n + 1)} (low = the observed value is smaller than most null values).
   *
   * @param observed the observed statistic
   * @param nulls the null statistics
   * @return the percentile in {@code [1/(n+1), 1]}
   */
  public static double percentile(double observed, double[] nulls) {
    requireNonEmpty(nulls);
    int below = 0;
    for (double v : nulls) {
      if (v < observed) {
        below++;
      }
    }
    return (below + 1.0) / (nulls.length + 1.0);
  }

  /**
   * The mid-rank correction the paper applies before combining Monte-Carlo p-values, so that they
   * are centred like uniform ones: {@code p − 1/(2(n+1))}.
   *
   * @param p a Monte-Carlo p-value from {@code n} null draws
   * @param n the number of null draws
   * @return the corrected p-value, in {@code (0, 1)}
   */
  public static double midRank(double p, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("number of null draws must be >= 1, got " + n);
    }
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("p-value must be in (0, 1], got " + p);
    }
    return p - 1.0 / (2.0 * (n + 1));
  }

  /**
   * The z-score of an observed value among null values: {@code (observed − mean) / sd} with the
   * sample standard deviation; NaN when the null values do not vary.
   */
  public static double zScore(double observed, double[] nulls) {
    if (nulls.length < 2) {
      throw new IllegalArgumentException(
          "a z-score needs at least 2 null values, got " + nulls.length);
    }
    double sd = BaselineStats.sd(nulls);
    return sd == 0 ? Double.NaN : (observed - BaselineStats.mean(nulls)) / sd;
  }

  private static void requireNonEmpty(double[] nulls) {
    if (nulls == null || nulls.length == 0) {
      throw new IllegalArgumentException("at least one null statistic is needed, got none");
    }
  }
}
