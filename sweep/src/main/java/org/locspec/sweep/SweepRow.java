package org.locspec.sweep;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row of a sweep's results table: one model × analysis × measure × sub-cluster, or the whole
 * network ({@link #NETWORK} in {@code layer}, cluster -1) for the network's combined numbers.
 *
 * <p>What the numbers are, by analysis:
 *
 * <ul>
 *   <li>{@code clusterability} (network): observed = the true n-cut (k = 12, in [0, 12], low =
 *       clusterable), random mean and sd of the shuffled networks' n-cuts, p = the percentile
 *       (#shuffled below + 1)/(shuffles + 1), z = (n-cut − mean)/sd, draws = shuffles.
 *   <li>{@code importance}, measure "accuracy" (per sub-cluster): observed = test accuracy with the
 *       sub-cluster lesioned, random mean and sd of the random same-size lesions, p = the test's
 *       p-value (low = important), effect factor = LocSpec's Δtrue/(Δtrue + mean Δrandom), q and
 *       significant after Benjamini–Hochberg. Network rows: measure "mean" and "range", observed =
 *       intact accuracy, p = the papers' combined_p_means / combined_p_ranges, effect factor = the
 *       papers' effect_factor_means / effect_factor_range, rejected = important after BH.
 *   <li>{@code coherence} (dataset examples) and {@code visualization}: one row per sub-cluster and
 *       measure (label entropy, predicted-label entropy; objective, softmax entropy): observed, the
 *       random sets' mean and sd, p, the papers' effect factor, q, significant; network rows: p =
 *       the papers' combined p, effect factor = their mean effect factor, rejected = coherent after
 *       BH.
 * </ul>
 *
 * <p>A statistic that is undefined or does not apply is NaN (a missing value in the table).
 *
 * @param dataset the model's data set
 * @param architecture the model's architecture id
 * @param regime the model's regime id
 * @param seed the model's seed: training and every analysis of the model draw from it
 * @param testAccuracy the model's test accuracy after training
 * @param analysis clusterability, importance, coherence or visualization
 * @param measure what is measured (see above)
 * @param layer the sub-cluster's layer, or {@link #NETWORK}
 * @param cluster the sub-cluster's cluster, or -1 for the network
 * @param units the sub-cluster's units (network rows: sub-clusters tested; clusterability: 0)
 * @param observed the observed statistic
 * @param randomMean the mean of the random baseline
 * @param randomSd the standard deviation of the random baseline
 * @param pValue the p-value or percentile
 * @param z (observed − mean)/sd
 * @param effectFactor the effect factor (see above)
 * @param qValue the Benjamini–Hochberg q-value (sub-cluster rows)
 * @param significant significant after Benjamini–Hochberg (sub-cluster rows)
 * @param draws random draws used
 * @param rejected sub-clusters significant after Benjamini–Hochberg (network rows), else -1
 * @param options the analysis options, with the seed
 * @param model the model's description (data set, spec, training config with seed)
 * @param trainImages training images of the model
 * @param testImages test images of the analyses
 */
public record SweepRow(
    String dataset,
    String architecture,
    String regime,
    long seed,
    double testAccuracy,
    String analysis,
    String measure,
    String layer,
    int cluster,
    int units,
    double observed,
    double randomMean,
    double randomSd,
    double pValue,
    double z,
    double effectFactor,
    double qValue,
    boolean significant,
    long draws,
    int rejected,
    String options,
    String model,
    int trainImages,
    int testImages)
    implements Serializable {

  /** The {@code layer} of a row about the whole network. */
  public static final String NETWORK = "network";

  /** Checks the fields. */
  public SweepRow {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(model, "model");
  }

  /** {@code dataset/architecture/regime/seed<k>}. */
  public String label() {
    return dataset + "/" + architecture + "/" + regime + "/seed" + seed;
  }

  /**
   * This row with the random baseline filled in (the clusterability row, once the shuffled networks
   * are in).
   *
   * @param mean the baseline's mean
   * @param sd its standard deviation
   * @param p the percentile
   * @param zScore (observed − mean)/sd
   * @return the row
   */
  public SweepRow withBaseline(double mean, double sd, double p, double zScore) {
    return new SweepRow(
        dataset,
        architecture,
        regime,
        seed,
        testAccuracy,
        analysis,
        measure,
        layer,
        cluster,
        units,
        observed,
        mean,
        sd,
        p,
        zScore,
        effectFactor,
        qValue,
        significant,
        draws,
        rejected,
        options,
        model,
        trainImages,
        testImages);
  }
}
