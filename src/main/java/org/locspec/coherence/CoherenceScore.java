package org.locspec.coherence;

import java.util.Arrays;
import java.util.Objects;
import org.locspec.cluster.SubCluster;
import org.locspec.stats.BaselineStats;
import org.locspec.stats.EffectFactors;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.stats.SequentialMonteCarlo;
import org.locspec.viz.Format;

/**
 * One sub-cluster's coherence under one measure, against its random same-size unit sets: LocSpec's
 * Monte-Carlo test with its Benjamini–Hochberg decision, and the papers' percentile and effect
 * factor from their first {@code papersDraws} random sets. A value: the random statistics are
 * compared by content.
 *
 * @param subCluster the sub-cluster
 * @param measure the statistic (its range: {@link Measure#range()})
 * @param observed the statistic of the sub-cluster's units
 * @param randoms the statistic of each random same-size set of the same layer, in draw order: the
 *     draws the test used, and at least {@code papersDraws}
 * @param test LocSpec's Monte-Carlo test in the measure's coherent tail (ties count as at least as
 *     coherent): p-value in {@code [1/(budget + 1), 1]}, low = coherent, and the draws it used
 * @param papersDraws the random sets behind the papers' statistics (the first ones), in {@code [1,
 *     randoms.length]}
 * @param qValue the Benjamini–Hochberg adjusted p-value across the result's sub-clusters
 * @param significant whether {@code qValue} is at most the options' false discovery rate: coherent
 */
public record CoherenceScore(
    SubCluster subCluster,
    Measure measure,
    double observed,
    double[] randoms,
    SequentialMonteCarlo.Outcome test,
    int papersDraws,
    double qValue,
    boolean significant) {

  /** Validates and copies the random statistics. */
  public CoherenceScore {
    Objects.requireNonNull(subCluster, "subCluster must not be null");
    Objects.requireNonNull(measure, "measure must not be null");
    Objects.requireNonNull(test, "test must not be null");
    if (test.draws() > randoms.length || papersDraws < 1 || papersDraws > randoms.length) {
      throw new IllegalArgumentException(
          "the test's "
              + test.draws()
              + " draws and the papers' "
              + papersDraws
              + " must be among the "
              + randoms.length
              + " random sets (papers' at least 1)");
    }
    randoms = randoms.clone();
  }

  /** A copy of the random sets' statistics. */
  @Override
  public double[] randoms() {
    return randoms.clone();
  }

  /** LocSpec's p-value ({@link #test()}'s): low = coherent. */
  public double pValue() {
    return test.pValue();
  }

  /** The random sets LocSpec's test used (its stopping point). */
  public int draws() {
    return test.draws();
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

  /**
   * The papers' percentile of the sub-cluster among its first {@code papersDraws} random sets, in
   * the coherent tail ({@code compute_pvalue} in {@code src/lucid.py}'s {@code
   * evaluate_visualizations}: {@code side='left'} for an entropy, {@code 'right'} for the
   * objective): {@code (#{random strictly more coherent} + 1) / (n + 1)}, low = coherent; ties
   * (common for label entropies) do not count, so it can be below {@link #pValue()}.
   */
  public double percentile() {
    return MonteCarloPValue.percentile(observed, papersRandoms(), measure.tail());
  }

  /**
   * The papers' effect factor ({@link EffectFactors#papersCoherence}): the mean of the first {@code
   * papersDraws} random statistics over the observed one. In {@code [0, ∞)}, 1 = like random; above
   * 1 = coherent for an entropy, below 1 = coherent for the objective; NaN when the observed
   * statistic is 0 (the papers' code leaves such sub-clusters out).
   */
  public double effectFactor() {
    return EffectFactors.papersCoherence(BaselineStats.mean(papersRandoms()), observed);
  }

  private double[] papersRandoms() {
    return Arrays.copyOf(randoms, papersDraws);
  }

  /** Every component, for equality by content. */
  private Object[] components() {
    return new Object[] {
      subCluster, measure, observed, randoms, test, papersDraws, qValue, significant
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

  /** One line: sub-cluster, measure, observed and random mean, p with its draws, q. */
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
        + Format.number(pValue())
        + " ("
        + draws()
        + " draws), q = "
        + Format.number(qValue)
        + (significant ? " *" : "");
  }
}
