package org.locspec.stats;

/**
 * Effect sizes of a lesion against random same-size lesions: LocSpec's bounded effect factor and
 * the two ratios the papers' code reports, each with its range and the cases where it is undefined
 * (returned as NaN, shown as "–").
 *
 * <p>The papers' public code ({@code github.com/dfilan/clusterability_in_neural_networks}, file
 * {@code src/lesion/experimentation.py}, function {@code do_lesion_hypo_tests}) computes, per
 * sub-cluster, {@code effect_factor_means = mean(random_means) / true_mean} (mean accuracy after
 * the random lesions over accuracy after the true lesion, each the mean of the per-class
 * accuracies) and {@code effect_factor_range = mean(random_ranges) / true_range}, and reports their
 * {@code np.nanmean} over the sub-clusters of a network. Those are ratios around 1 (1 = no
 * different from random; {@code effect_factor_means} above 1 = the true lesion hurts more),
 * unbounded, and infinite when the denominator is 0. LocSpec's {@link #lesion} is a different,
 * bounded scale: a share of the accuracy drop. For coherence the papers' code reports the same kind
 * of ratio, {@link #papersCoherence}.
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), §3; the papers' code cited above.
 */
public final class EffectFactors {
  private EffectFactors() {}

  /**
   * LocSpec's effect factor of a lesion: {@code Δtrue / (Δtrue + mean Δrandom)}, where each Δ is a
   * drop in accuracy (intact − lesioned). Its range is [0, 1]: 0.5 means the true lesion hurts as
   * much as an average random one, above 0.5 more, 1 that only the true lesion hurts, 0 that only
   * the random ones do.
   *
   * @param deltaTrue the accuracy drop of the true lesion
   * @param meanDeltaRandom the mean accuracy drop of the random lesions
   * @return the effect factor in [0, 1], or NaN when it is undefined: a drop is negative (a lesion
   *     raised accuracy, so the share has no meaning) or both drops are 0
   */
  public static double lesion(double deltaTrue, double meanDeltaRandom) {
    if (!(deltaTrue >= 0 && meanDeltaRandom >= 0) || deltaTrue + meanDeltaRandom == 0) {
      return Double.NaN;
    }
    return deltaTrue / (deltaTrue + meanDeltaRandom);
  }

  /**
   * The papers' {@code effect_factor_means} of one sub-cluster: the mean accuracy after the random
   * lesions divided by the accuracy after the true lesion. Range {@code [0, ∞]}: 1 = the true
   * lesion hurts as much as a random one, above 1 = more, below 1 = less; infinite when the true
   * lesion leaves accuracy 0 and the random ones do not.
   *
   * @param meanRandomAccuracy the mean accuracy after the random lesions, in [0, 1]
   * @param trueAccuracy the accuracy after the true lesion, in [0, 1]
   * @return the ratio, or NaN when both accuracies are 0
   */
  public static double papersMeans(double meanRandomAccuracy, double trueAccuracy) {
    return meanRandomAccuracy / trueAccuracy;
  }

  /**
   * The papers' {@code effect_factor_range} of one sub-cluster: the mean "range" statistic of the
   * random lesions divided by that of the true lesion. Range {@code [0, ∞]}: 1 = as class-specific
   * as a random lesion, below 1 = the true lesion is more class-specific (its range is larger);
   * infinite when the true range is 0 and the random ones are not.
   *
   * @param meanRandomRange the mean range of the random lesions (NaN if any is undefined, as the
   *     papers' {@code np.mean} gives)
   * @param trueRange the range of the true lesion (NaN if undefined)
   * @return the ratio, or NaN when a range is undefined or both are 0
   */
  public static double papersRange(double meanRandomRange, double trueRange) {
    return meanRandomRange / trueRange;
  }

  /**
   * The papers' effect factor of a coherence statistic for one sub-cluster ({@code
   * evaluate_visualizations} in {@code src/lucid.py} of their code): the mean statistic of the
   * random unit sets divided by the sub-cluster's. Range {@code [0, ∞)}: 1 = like random sets; for
   * an entropy (low = coherent) above 1 = more coherent, for a visualization objective (high =
   * coherent) below 1 = more coherent.
   *
   * @param meanRandom the mean statistic of the random sets (the papers' first n draws)
   * @param observed the sub-cluster's statistic
   * @return the ratio, or NaN when {@code observed} is not positive: the papers' code leaves such
   *     sub-clusters out ({@code if max_entropies[i] > 0}), the ratio being infinite
   */
  public static double papersCoherence(double meanRandom, double observed) {
    return observed > 0 ? meanRandom / observed : Double.NaN;
  }

  /**
   * The papers' aggregate over a network's sub-clusters, {@code np.nanmean}: the mean of the values
   * that are not NaN ({@code +∞} if one of them is).
   *
   * @param values per-sub-cluster values
   * @return the mean, or NaN if no value is defined
   */
  public static double nanMean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
