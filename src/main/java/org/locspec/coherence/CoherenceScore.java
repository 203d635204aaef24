package org.locspec.coherence;

import java.util.Arrays;
import java.util.Objects;
import org.locspec.cluster.SubCluster;
import org.locspec.stats.BaselineStats;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.viz.Format;

/**
 * One sub-cluster's coherence under one measure, against its random same-size unit sets. A value:
 * the random statistics are compared by content.
 *
 * @param subCluster the sub-cluster
 * @param measure the statistic (its range: {@link Measure#range()})
 * @param observed the statistic of the sub-cluster's units
 * @param randoms the statistic of each random same-size set of the same layer
 * @param pValue the Monte-Carlo p-value in the measure's coherent tail, {@code (#{random at least
 *     as extreme} + 1) / (n + 1)}, in {@code [1/(n+1), 1]}
 * @param percentile the paper's percentile {@code (#{random < observed} + 1) / (n + 1)}
 * @param qValue the Benjamini–Hochberg adjusted p-value across the result's sub-clusters
 * @param significant whether {@code qValue} is at most the options' false discovery rate
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
    Objects.requireNonNull(subCluster, "subCluster must not be null");
    Objects.requireNonNull(measure, "measure must not be null");
    randoms = randoms.clone();
  }

  /** A copy of the random sets' statistics. */
  @Override
  public double[] randoms() {
    return randoms.clone();
  }

  /** The mean of the random sets' statistics. */
  public double randomMean() {
    return BaselineStats.mean(randoms);
  }

  /**
   * The z-score of the observed statistic among the random ones; NaN (undefined) when there are
   * fewer than two or they do not vary.
   */
  public double zScore() {
    return randoms.length < 2 ? Double.NaN : MonteCarloPValue.zScore(observed, randoms);
  }

  /** Every component, for equality by content. */
  private Object[] components() {
    return new Object[] {
      subCluster, measure, observed, randoms, pValue, percentile, qValue, significant
    };
  }

  /** Equal fields, the random statistics by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CoherenceScore s && Arrays.deepEquals(s.components(), components());
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(components());
  }

  /** One line: sub-cluster, measure, observed and random mean, p and q. */
  @Override
  public String toString() {
    return subCluster
        + " "
        + measure
        + ": observed "
        + Format.number(observed)
        + ", random mean "
        + Format.number(randomMean())
        + ", p = "
        + Format.number(pValue)
        + ", q = "
        + Format.number(qValue)
        + (significant ? " *" : "");
  }
}
