package org.locspec.lesion;

import java.util.Arrays;
import java.util.Objects;
import org.locspec.cluster.SubCluster;

/**
 * The lesion test of one sub-cluster: accuracies after lesioning it and after lesioning random
 * same-size sets of units of the same layer, and the paper's statistics.
 *
 * @param subCluster the lesioned sub-cluster
 * @param trueAccuracy the overall test accuracy with the sub-cluster lesioned
 * @param truePerClass per-class test accuracy with the sub-cluster lesioned
 * @param randomAccuracies the overall test accuracy after each random lesion, in draw order
 * @param randomPerClass {@code [draw][class]} per-class accuracy after each random lesion
 * @param pMean the paper's "mean" statistic: the lower-tail Monte-Carlo p-value of {@code
 *     trueAccuracy} among {@code randomAccuracies} (low = important); with a sequential test, its
 *     p-value
 * @param trueRange the paper's "range" statistic of the true lesion: (max − min over classes of
 *     the per-class accuracy drop) / (mean drop); NaN when the mean drop is not positive
 * @param randomRanges the same statistic for each random lesion (NaN where undefined)
 * @param pRange the upper-tail Monte-Carlo p-value of {@code trueRange} among the defined random
 *     ranges (low = class-specific); NaN when undefined
 * @param rangePercentile the paper's percentile of {@code trueRange} among the defined random
 *     ranges, {@code (#{random < true} + 1) / (n + 1)} (high = class-specific); NaN when undefined
 * @param effectFactor {@code Δtrue / (Δtrue + mean Δrandom)}, Δ = intact − lesioned accuracy
 * @param significant whether {@code pMean} is rejected by Benjamini–Hochberg across the
 *     network's sub-clusters
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
          "random lesions disagree in number: " + randomAccuracies.length + " accuracies, "
              + randomPerClass.length + " per-class profiles, " + randomRanges.length + " ranges");
    }
    truePerClass = truePerClass.clone();
    randomAccuracies = randomAccuracies.clone();
    randomRanges = randomRanges.clone();
    double[][] copy = new double[randomPerClass.length][];
    for (int i = 0; i < copy.length; i++) {
      if (randomPerClass[i].length != truePerClass.length) {
        throw new IllegalArgumentException(
            "random lesion " + i + " has " + randomPerClass[i].length + " classes, the true one "
                + truePerClass.length);
      }
      copy[i] = randomPerClass[i].clone();
    }
    randomPerClass = copy;
  }

  /** The number of random lesions drawn. */
  public int draws() {
    return randomAccuracies.length;
  }

  /** The mean overall accuracy of the random lesions. */
  public double randomMean() {
    return Arrays.stream(randomAccuracies).average().orElse(Double.NaN);
  }

  /** The sample standard deviation of the random lesions' accuracy (0 for one draw). */
  public double randomSd() {
    return sd(randomAccuracies);
  }

  /** Per class, the mean accuracy over the random lesions. */
  public double[] randomMeanPerClass() {
    double[] out = new double[truePerClass.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = Arrays.stream(column(c)).average().orElse(Double.NaN);
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
    double[][] copy = new double[randomPerClass.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = randomPerClass[i].clone();
    }
    return copy;
  }

  @Override
  public double[] randomRanges() {
    return randomRanges.clone();
  }

  private double[] column(int c) {
    double[] v = new double[randomPerClass.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = randomPerClass[i][c];
    }
    return v;
  }

  private static double sd(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double mean = Arrays.stream(v).average().orElse(0);
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  /** Equal sub-cluster, statistics and accuracies. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SubClusterImportance r
        && r.subCluster.equals(subCluster)
        && Double.compare(r.trueAccuracy, trueAccuracy) == 0
        && Arrays.equals(r.truePerClass, truePerClass)
        && Arrays.equals(r.randomAccuracies, randomAccuracies)
        && Arrays.deepEquals(r.randomPerClass, randomPerClass)
        && Double.compare(r.pMean, pMean) == 0
        && Double.compare(r.trueRange, trueRange) == 0
        && Arrays.equals(r.randomRanges, randomRanges)
        && Double.compare(r.pRange, pRange) == 0
        && Double.compare(r.rangePercentile, rangePercentile) == 0
        && Double.compare(r.effectFactor, effectFactor) == 0
        && r.significant == significant;
  }

  @Override
  public int hashCode() {
    return Objects.hash(subCluster, trueAccuracy, pMean, Arrays.hashCode(randomAccuracies));
  }

  /** E.g. {@code "dense2 #3 (17 units): acc 0.712 vs 0.851 ± 0.012, p 0.05, EF 0.91 *"}. */
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%s #%d (%d units): acc %.4f vs %.4f ± %.4f (%d random), p mean %.3g, range %.3g"
            + " (percentile %.3g), effect factor %.3f%s",
        subCluster.layer(),
        subCluster.cluster(),
        subCluster.size(),
        trueAccuracy,
        randomMean(),
        randomSd(),
        draws(),
        pMean,
        trueRange,
        rangePercentile,
        effectFactor,
        significant ? " *" : "");
  }
}
