package org.locspec.lesion;

import java.util.Arrays;
import java.util.Objects;
import org.locspec.cluster.SubCluster;
import org.locspec.stats.BaselineStats;
import org.locspec.stats.EffectFactors;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.stats.SequentialMonteCarlo;
import org.locspec.viz.Format;

/**
 * The lesion test of one sub-cluster: accuracies after lesioning it and after lesioning random
 * same-size sets of units of the same layer, LocSpec's test of the "mean" statistic with its
 * Benjamini–Hochberg decision, and the papers' statistics from their first {@code papersDraws}
 * random lesions. A value: arrays are compared by content.
 *
 * @param subCluster the lesioned sub-cluster
 * @param trueAccuracy the overall test accuracy with the sub-cluster lesioned, in [0, 1]
 * @param truePerClass per-class test accuracy with the sub-cluster lesioned (NaN for a class
 *     without test images)
 * @param randomAccuracies the overall test accuracy after each random lesion, in draw order: the
 *     draws the test used, and at least {@code papersDraws}
 * @param randomPerClass {@code [draw][class]} per-class accuracy after each random lesion
 * @param test LocSpec's Monte-Carlo test of the "mean" statistic: is {@code trueAccuracy} lower
 *     than the random lesions' (ties count as at least as harmful)? Its p-value is {@link
 *     #pMean()}, in {@code [1/(budget + 1), 1]}, low = important
 * @param papersDraws the random lesions behind the papers' statistics (the first ones), in {@code
 *     [1, randomAccuracies.length]}
 * @param trueRange the papers' "range" statistic of the true lesion, {@link ImportanceTest#range}:
 *     (max − min) / |mean| of the per-class accuracy changes, in {@code [0, ∞)} (high =
 *     class-specific); NaN when the mean change is 0
 * @param randomRanges the same statistic for each random lesion (NaN where undefined)
 * @param effectFactor LocSpec's {@link EffectFactors#lesion}: {@code Δtrue / (Δtrue + mean
 *     Δrandom)} over all random lesions drawn, Δ = intact − lesioned accuracy, in [0, 1] (0.5 = as
 *     harmful as a random lesion); NaN when a drop is negative or both are 0
 * @param qValue the Benjamini–Hochberg adjusted {@link #pMean()} over the network's sub-clusters
 * @param significant whether {@code qValue} is at most the false discovery rate: important
 */
public record SubClusterImportance(
    SubCluster subCluster,
    double trueAccuracy,
    double[] truePerClass,
    double[] randomAccuracies,
    double[][] randomPerClass,
    SequentialMonteCarlo.Outcome test,
    int papersDraws,
    double trueRange,
    double[] randomRanges,
    double effectFactor,
    double qValue,
    boolean significant) {

  /** Validates sizes and copies the arrays. */
  public SubClusterImportance {
    Objects.requireNonNull(subCluster, "subCluster");
    Objects.requireNonNull(test, "test");
    int n = randomAccuracies.length;
    if (n == 0) {
      throw new IllegalArgumentException("at least one random lesion is needed, got none");
    }
    if (randomPerClass.length != n || randomRanges.length != n) {
      throw new IllegalArgumentException(
          "random lesions disagree in number: "
              + n
              + " accuracies, "
              + randomPerClass.length
              + " per-class profiles, "
              + randomRanges.length
              + " ranges");
    }
    if (test.draws() > n || papersDraws < 1 || papersDraws > n) {
      throw new IllegalArgumentException(
          "the test's "
              + test.draws()
              + " draws and the papers' "
              + papersDraws
              + " must be among the "
              + n
              + " random lesions (papers' at least 1)");
    }
    truePerClass = truePerClass.clone();
    randomAccuracies = randomAccuracies.clone();
    randomRanges = randomRanges.clone();
    for (int i = 0; i < n; i++) {
      if (randomPerClass[i].length != truePerClass.length) {
        throw new IllegalArgumentException(
            "random lesion "
                + i
                + " has "
                + randomPerClass[i].length
                + " classes, the true one "
                + truePerClass.length);
      }
    }
    randomPerClass = deepCopy(randomPerClass);
  }

  /** This row with its Benjamini–Hochberg q-value and decision. */
  public SubClusterImportance withBenjaminiHochberg(double q, boolean rejected) {
    return new SubClusterImportance(
        subCluster,
        trueAccuracy,
        truePerClass,
        randomAccuracies,
        randomPerClass,
        test,
        papersDraws,
        trueRange,
        randomRanges,
        effectFactor,
        q,
        rejected);
  }

  /** LocSpec's p-value of the "mean" statistic ({@link #test()}'s): low = important. */
  public double pMean() {
    return test.pValue();
  }

  /** The random lesions LocSpec's test used (its stopping point). */
  public int draws() {
    return test.draws();
  }

  /** The random lesions evaluated: the test's draws, and at least {@code papersDraws}. */
  public int lesionsDrawn() {
    return randomAccuracies.length;
  }

  /** The mean overall accuracy of the random lesions. */
  public double randomMean() {
    return BaselineStats.mean(randomAccuracies);
  }

  /** The sample standard deviation of the random lesions' accuracy (0 for one draw). */
  public double randomSd() {
    return sd(randomAccuracies);
  }

  /** Per class, the mean accuracy over the random lesions. */
  public double[] randomMeanPerClass() {
    double[] out = new double[truePerClass.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = BaselineStats.mean(column(c));
    }
    return out;
  }

  /** Per class, the standard deviation of the accuracy over the random lesions. */
  public double[] randomSdPerClass() {
    double[] out = new double[truePerClass.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = sd(column(c));
    }
    return out;
  }

  /**
   * The papers' {@code mean_percentiles} entry of this sub-cluster ({@code do_lesion_hypo_tests} in
   * {@code src/lesion/experimentation.py} of {@code
   * github.com/dfilan/clusterability_in_neural_networks}): {@code (#{random < true} + 1) / (n + 1)}
   * of the class-averaged accuracies over the first {@code papersDraws} random lesions ({@link
   * MonteCarloPValue#percentile(double, double[], MonteCarloPValue.Tail)}). In {@code [1/(n+1),
   * 1]}, low = important; ties do not count, so with equal accuracies it is below {@link #pMean()}.
   */
  public double meanPercentile() {
    double[] random = new double[papersDraws];
    for (int i = 0; i < papersDraws; i++) {
      random[i] = classMean(randomPerClass[i]);
    }
    return MonteCarloPValue.percentile(
        classMean(truePerClass), random, MonteCarloPValue.Tail.LOWER);
  }

  /**
   * The papers' {@code range_percentiles} entry: {@code (#{random range > true range} + 1) / (n +
   * 1)} over the first {@code papersDraws} random lesions ({@code side='right'}). In {@code
   * [1/(n+1), 1]}, low = class-specific. NaN when the true range is undefined (the papers' code
   * would give {@code 1/(n+1)} there, as comparisons with NaN are false); undefined random ranges
   * count in {@code n} but never as larger, as in their code.
   */
  public double rangePercentile() {
    return Double.isNaN(trueRange)
        ? Double.NaN
        : MonteCarloPValue.percentile(
            trueRange, papersRandom(randomRanges), MonteCarloPValue.Tail.UPPER);
  }

  /**
   * The papers' {@code effect_factor_means} of this sub-cluster ({@link
   * EffectFactors#papersMeans}): the mean over the first {@code papersDraws} random lesions of the
   * class-averaged accuracy, divided by the true lesion's class-averaged accuracy. In {@code [0,
   * ∞]}: 1 = as harmful as a random lesion, above 1 = more; NaN when both are 0.
   */
  public double effectFactorMeans() {
    double random = 0;
    for (int i = 0; i < papersDraws; i++) {
      random += classMean(randomPerClass[i]);
    }
    return EffectFactors.papersMeans(random / papersDraws, classMean(truePerClass));
  }

  /**
   * The papers' {@code effect_factor_range} of this sub-cluster ({@link
   * EffectFactors#papersRange}): the mean range of the first {@code papersDraws} random lesions
   * divided by the true range. In {@code [0, ∞]}: 1 = as class-specific as a random lesion, below 1
   * = more class-specific; NaN when the true range or any of those random ranges is undefined (as
   * the papers' {@code np.mean} gives).
   */
  public double effectFactorRange() {
    return EffectFactors.papersRange(BaselineStats.mean(papersRandom(randomRanges)), trueRange);
  }

  @Override
  public double[] truePerClass() {
    return truePerClass.clone();
  }

  @Override
  public double[] randomAccuracies() {
    return randomAccuracies.clone();
  }

  @Override
  public double[][] randomPerClass() {
    return deepCopy(randomPerClass);
  }

  @Override
  public double[] randomRanges() {
    return randomRanges.clone();
  }

  private double[] papersRandom(double[] values) {
    return Arrays.copyOf(values, papersDraws);
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] copy = new double[a.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = a[i].clone();
    }
    return copy;
  }

  private double[] column(int c) {
    double[] v = new double[randomPerClass.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = randomPerClass[i][c];
    }
    return v;
  }

  /** The mean of the per-class accuracies of the classes that have test images (numpy's mean). */
  private static double classMean(double[] perClass) {
    return BaselineStats.mean(Arrays.stream(perClass).filter(v -> !Double.isNaN(v)).toArray());
  }

  private static double sd(double[] v) {
    return v.length < 2 ? 0 : BaselineStats.sd(v);
  }

  /** Every component, for equality by content. */
  private Object[] components() {
    return new Object[] {
      subCluster,
      trueAccuracy,
      truePerClass,
      randomAccuracies,
      randomPerClass,
      test,
      papersDraws,
      trueRange,
      randomRanges,
      effectFactor,
      qValue,
      significant
    };
  }

  /** Equal sub-cluster, statistics and accuracies (arrays by content). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SubClusterImportance r && Arrays.deepEquals(r.components(), components());
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(components());
  }

  /**
   * One line, e.g. {@code "dense2 #3 (17 units): accuracy 0.712 vs 0.8512 ± 0.012, p mean 0.001
   * (999 draws), q 0.012 important; mean_percentile 0.05, effect factor 0.83"}.
   */
  @Override
  public String toString() {
    return subCluster.layer()
        + " #"
        + subCluster.cluster()
        + " ("
        + subCluster.size()
        + " units): accuracy "
        + Format.number(trueAccuracy)
        + " vs "
        + Format.number(randomMean())
        + " ± "
        + Format.number(randomSd())
        + ", p mean "
        + Format.number(pMean())
        + " ("
        + draws()
        + " draws"
        + (test.stoppedEarly() ? ", stopped early" : "")
        + "), q "
        + Format.number(qValue)
        + (significant ? " important" : "")
        + "; mean_percentile "
        + Format.number(meanPercentile())
        + ", range "
        + Format.number(trueRange)
        + " (range_percentile "
        + Format.number(rangePercentile())
        + "), effect factor "
        + Format.number(effectFactor);
  }
}
