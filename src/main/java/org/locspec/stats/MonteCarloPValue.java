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
      if (isExtreme(v, observed, tail)) {
        extreme++;
      }
    }
    return (extreme + 1.0) / (nulls.length + 1.0);
  }

  /**
   * Whether a null statistic is at least as extreme as the observed one in the given tail (ties
   * count as extreme). Every Monte-Carlo p-value of LocSpec counts with this rule.
   *
   * @param value a null statistic
   * @param observed the observed statistic
   * @param tail which tail is extreme
   * @return {@code value ≤ observed} for {@link Tail#LOWER}, {@code value ≥ observed} for {@link
   *     Tail#UPPER}
   */
  public static boolean isExtreme(double value, double observed, Tail tail) {
    return tail == Tail.LOWER ? value <= observed : value >= observed;
  }

  /**
   * The paper's percentile of an observed value among null values: {@code (#{null < observed} + 1)
   * / (n + 1)} (low = the observed value is smaller than most null values); {@link
   * #percentile(double, double[], Tail)} in the lower tail.
   *
   * @param observed the observed statistic
   * @param nulls the null statistics
   * @return the percentile in {@code [1/(n+1), 1]}
   */
  public static double percentile(double observed, double[] nulls) {
    return percentile(observed, nulls, Tail.LOWER);
  }

  /**
   * The papers' percentile in a tail, {@code compute_pvalue} of their code ({@code src/utils.py} of
   * {@code github.com/dfilan/clusterability_in_neural_networks}): {@code (#{null strictly more
   * extreme than observed} + 1) / (n + 1)}, i.e. {@code side='left'} counts nulls below the
   * observed value ({@link Tail#LOWER}) and {@code side='right'} nulls above it ({@link
   * Tail#UPPER}). Low = extreme. Unlike {@link #of}, ties do not count, so with ties (e.g. equal
   * accuracies, equal label entropies) it is smaller than the valid p-value. NaN nulls count in
   * {@code n} but never as more extreme, as in numpy.
   *
   * @param observed the observed statistic
   * @param nulls the null statistics
   * @param tail which tail is extreme
   * @return the percentile in {@code [1/(n+1), 1]}
   */
  public static double percentile(double observed, double[] nulls, Tail tail) {
    Objects.requireNonNull(tail, "tail");
    requireNonEmpty(nulls);
    int beyond = 0;
    for (double v : nulls) {
      if (tail == Tail.LOWER ? v < observed : v > observed) {
        beyond++;
      }
    }
    return (beyond + 1.0) / (nulls.length + 1.0);
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
