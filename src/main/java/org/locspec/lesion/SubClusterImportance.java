package org.locspec.lesion;

import java.util.Arrays;
import java.util.Objects;
import org.locspec.cluster.SubCluster;
import org.locspec.stats.BaselineStats;
import org.locspec.stats.EffectFactors;
import org.locspec.viz.Format;

/**
 * The lesion test of one sub-cluster: accuracies after lesioning it and after lesioning random
 * same-size sets of units of the same layer, and the paper's statistics. A value: arrays are
 * compared by content.
 *
 * @param subCluster the lesioned sub-cluster
 * @param trueAccuracy the overall test accuracy with the sub-cluster lesioned, in [0, 1]
 * @param truePerClass per-class test accuracy with the sub-cluster lesioned (NaN for a class
 *     without test images)
 * @param randomAccuracies the overall test accuracy after each random lesion, in draw order
 * @param randomPerClass {@code [draw][class]} per-class accuracy after each random lesion
 * @param pMean the paper's "mean" statistic: the lower-tail Monte-Carlo p-value of {@code
 *     trueAccuracy} among {@code randomAccuracies}, in {@code [1/(n+1), 1]} (low = important); with
 *     a sequential test, its p-value
 * @param trueRange the paper's "range" statistic of the true lesion, {@link ImportanceTest#range}:
 *     (max − min) / |mean| of the per-class accuracy changes, in {@code [0, ∞)} (high =
 *     class-specific); NaN when the mean change is 0
 * @param randomRanges the same statistic for each random lesion (NaN where undefined)
 * @param pRange the upper-tail Monte-Carlo p-value of {@code trueRange} among the defined random
 *     ranges (low = class-specific); NaN when undefined
 * @param rangePercentile the paper's percentile of {@code trueRange} among the defined random
 *     ranges, {@code (#{random < true} + 1) / (n + 1)} (high = class-specific); NaN when undefined
 * @param effectFactor LocSpec's {@link EffectFactors#lesion}: {@code Δtrue / (Δtrue + mean
 *     Δrandom)}, Δ = intact − lesioned accuracy, in [0, 1] (0.5 = as harmful as a random lesion);
 *     NaN when a drop is negative or both are 0
 * @param significant whether {@code pMean} is rejected by Benjamini–Hochberg across the network's
 *     sub-clusters
 */
public record SubClusterImportance(
    SubCluster subCluster,
    double trueAccuracy,
    double[] truePerClass,
    double[] randomAccuracies,
    double[][] randomPerClass,
    double pMean,
    double trueRange,
    double[] randomRanges,
    double pRange,
    double rangePercentile,
    double effectFactor,
    boolean significant) {

  /** Validates sizes and copies the arrays. */
  public SubClusterImportance {
    Objects.requireNonNull(subCluster, "subCluster");
    if (randomAccuracies.length == 0) {
      throw new IllegalArgumentException("at least one random lesion is needed, got none");
    }
    if (randomPerClass.length != randomAccuracies.length
        || randomRanges.length != randomAccuracies.length) {
      throw new IllegalArgumentException(
          "random lesions disagree in number: "
              + randomAccuracies.length
              + " accuracies, "
              + randomPerClass.length
              + " per-class profiles, "
              + randomRanges.length
              + " ranges");
    }
    truePerClass = truePerClass.clone();
    randomAccuracies = randomAccuracies.clone();
    randomRanges = randomRanges.clone();
    for (int i = 0; i < randomPerClass.length; i++) {
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

  /** This row with another Benjamini–Hochberg decision. */
  public SubClusterImportance withSignificant(boolean rejected) {
    return new SubClusterImportance(
        subCluster,
        trueAccuracy,
        truePerClass,
        randomAccuracies,
        randomPerClass,
        pMean,
        trueRange,
        randomRanges,
        pRange,
        rangePercentile,
        effectFactor,
        rejected);
  }

  /** The number of random lesions drawn. */
  public int draws() {
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

  /** The number of random lesions whose range statistic is defined. */
  public int definedRandomRanges() {
    return (int) Arrays.stream(randomRanges).filter(Double::isFinite).count();
  }

  /**
   * The papers' {@code effect_factor_means} of this sub-cluster ({@link
   * EffectFactors#papersMeans}): the mean over random lesions of the class-averaged accuracy,
   * divided by the true lesion's class-averaged accuracy (classes without test images left out). In
   * {@code [0, ∞]}: 1 = as harmful as a random lesion, above 1 = more; NaN when both are 0.
   */
  public double effectFactorMeans() {
    double random = 0;
    for (double[] pc : randomPerClass) {
      random += classMean(pc);
    }
    return EffectFactors.papersMeans(random / randomPerClass.length, classMean(truePerClass));
  }

  /**
   * The papers' {@code effect_factor_range} of this sub-cluster ({@link
   * EffectFactors#papersRange}): the mean range of the random lesions divided by the true range. In
   * {@code [0, ∞]}: 1 = as class-specific as a random lesion, below 1 = more class-specific; NaN
   * when the true range or any random range is undefined (as the papers' {@code np.mean} gives).
   */
  public double effectFactorRange() {
    return EffectFactors.papersRange(BaselineStats.mean(randomRanges), trueRange);
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

  /** The mean of the per-class accuracies of the classes that have test images. */
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
      pMean,
      trueRange,
      randomRanges,
      pRange,
      rangePercentile,
      effectFactor,
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
   * One line, e.g. {@code "dense2 #3 (17 units): accuracy 0.712 vs 0.8512 ± 0.012 (19 random),
   * ..."}.
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
        + " ("
        + draws()
        + " random), p mean "
        + Format.number(pMean)
        + ", range "
        + Format.number(trueRange)
        + " (percentile "
        + Format.number(rangePercentile)
        + "), effect factor "
        + Format.number(effectFactor)
        + (significant ? " *" : "");
  }
}
