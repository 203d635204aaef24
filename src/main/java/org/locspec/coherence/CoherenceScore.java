package org.locspec.coherence;

import org.locspec.cluster.SubCluster;
import org.locspec.stats.MonteCarloPValue;

/**
 * One sub-cluster's coherence under one measure, against its random same-size unit sets.
 *
 * @param subCluster the sub-cluster
 * @param measure the statistic
 * @param observed the statistic of the sub-cluster's units
 * @param randoms the statistic of each random same-size set of the same layer
 * @param pValue the Monte-Carlo p-value in the measure's coherent tail, {@code (#{random at least
 *     as extreme} + 1) / (n + 1)}
 * @param percentile the paper's percentile {@code (#{random < observed} + 1) / (n + 1)}
 * @param qValue the Benjamini–Hochberg adjusted p-value across the result's sub-clusters
 * @param significant whether {@code qValue <= 0.05}
 */
public record CoherenceScore(
    SubCluster subCluster,
    Measure measure,
    double observed,
    double[] randoms,
    double pValue,
    double percentile,
    double qValue,
    boolean significant) {

  /** Copies the random statistics. */
  public CoherenceScore {
    randoms = randoms.clone();
  }

  /** A copy of the random sets' statistics. */
  @Override
  public double[] randoms() {
    return randoms.clone();
  }

  /** The mean of the random sets' statistics. */
  public double randomMean() {
    double s = 0;
    for (double v : randoms) {
      s += v;
    }
    return s / randoms.length;
  }

  /** The z-score of the observed statistic among the random ones (NaN if they do not vary). */
  public double zScore() {
    return randoms.length < 2 ? Double.NaN : MonteCarloPValue.zScore(observed, randoms);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%s %s: observed %.4g, random mean %.4g, p = %.3g, q = %.3g%s",
        subCluster,
        measure,
        observed,
        randomMean(),
        pValue,
        qValue,
        significant ? " *" : "");
  }
}
