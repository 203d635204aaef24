package org.locspec.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.math3.special.Gamma;

/**
 * Combining p-values: Fisher's method across the sub-clusters of one network, and the Bates
 * (Irwin–Hall mean) distribution across several networks, as in the paper.
 *
 * <p>References: R. A. Fisher, Statistical Methods for Research Workers (1925); G. E. Bates, "Joint
 * distributions of time intervals for the occurrence of successive accidents..." (1955); Hod et
 * al., arXiv 2110.08058, §3. Effect sizes are in {@link EffectFactors}.
 */
public final class CombinedTests {
  private static final MathContext MC = new MathContext(60);

  private CombinedTests() {}

  /**
   * Fisher's combined p-value: {@code X = −2 Σ ln p_i} is chi-square with {@code 2k} degrees of
   * freedom under the null; returns {@code P(χ²_{2k} ≥ X)}.
   *
   * @param p independent p-values, each in {@code (0, 1]}
   * @return the combined p-value
   */
  public static double fisher(double[] p) {
    if (p.length == 0) {
      throw new IllegalArgumentException("Fisher's method needs at least one p-value, got none");
    }
    double x = 0;
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] > 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("p-value " + i + " must be in (0, 1], got " + p[i]);
      }
      x += -2 * Math.log(p[i]);
    }
    // P(chi2_{2k} >= x) = Q(k, x / 2), the regularized upper incomplete gamma function, which
    // stays accurate where 1 - cdf would underflow.
    return Gamma.regularizedGammaQ(p.length, x / 2);
  }

  /**
   * The papers' {@code combine_ps} ({@code src/utils.py} of {@code
   * github.com/dfilan/clusterability_in_neural_networks}): Fisher's method on Monte-Carlo
   * percentiles from {@code n} draws each, shifted by the mid-rank correction {@code 1/(2(n+1))}
   * ({@link MonteCarloPValue#midRank}) so that they are centred like uniform p-values.
   *
   * @param percentiles percentiles in {@code [1/(n+1), 1]}, e.g. the papers' {@code
   *     mean_percentiles}
   * @param n the draws behind each percentile (the papers: 19)
   * @return the combined p-value ({@code combined_p_means} for the "mean" statistic)
   */
  public static double combinePs(double[] percentiles, int n) {
    double[] shifted = new double[percentiles.length];
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] = MonteCarloPValue.midRank(percentiles[i], n);
    }
    return fisher(shifted);
  }

  /**
   * The Bates combined p-value of {@code n} independent p-values: the probability that the mean of
   * {@code n} uniform variables is at most the observed mean (the Irwin–Hall CDF of {@code n ·
   * mean}), computed exactly in 60-digit decimal arithmetic.
   *
   * @param p independent p-values in {@code [0, 1]}
   * @return {@code P(mean of n uniforms ≤ mean(p))}
   */
  public static double bates(double[] p) {
    if (p.length == 0) {
      throw new IllegalArgumentException("the Bates test needs at least one p-value, got none");
    }
    double mean = 0;
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], got " + p[i]);
      }
      mean += p[i];
    }
    return batesCdf(mean / p.length, p.length);
  }

  /**
   * The CDF of the Bates distribution (mean of {@code n} independent uniforms on [0, 1]) at {@code
   * x}: {@code (1/n!) Σ_{k=0}^{⌊nx⌋} (−1)^k C(n,k) (nx − k)^n}.
   *
   * @param x a value in [0, 1]
   * @param n the number of uniforms, at least 1
   * @return the CDF value
   */
  public static double batesCdf(double x, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    BigDecimal nx = new BigDecimal(x).multiply(BigDecimal.valueOf(n), MC);
    int upper = (int) Math.floor(n * x);
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal binom = BigDecimal.ONE;
    for (int k = 0; k <= upper; k++) {
      if (k > 0) {
        binom = binom.multiply(BigDecimal.valueOf(n - k + 1)).divide(BigDecimal.valueOf(k), MC);
      }
      BigDecimal term = binom.multiply(nx.subtract(BigDecimal.valueOf(k)).pow(n, MC), MC);
      sum = (k % 2 == 0) ? sum.add(term, MC) : sum.subtract(term, MC);
    }
    BigDecimal factorial = BigDecimal.ONE;
    for (int i = 2; i <= n; i++) {
      factorial = factorial.multiply(BigDecimal.valueOf(i));
    }
    double v = sum.divide(factorial, MC).doubleValue();
    return Math.min(1, Math.max(0, v));
  }
}
