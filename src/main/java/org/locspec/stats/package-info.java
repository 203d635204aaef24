/**
 * Statistics shared by every analysis: Monte-Carlo p-values, percentiles and z-scores against
 * random baselines ({@link org.locspec.stats.MonteCarloPValue}), Fisher and Bates combinations
 * ({@link org.locspec.stats.CombinedTests}), effect sizes with their ranges, LocSpec's and the
 * papers' ({@link org.locspec.stats.EffectFactors}), Benjamini–Hochberg false-discovery-rate
 * control ({@link org.locspec.stats.BenjaminiHochberg}) and what its count can mean under the
 * smallest attainable p-value ({@link org.locspec.stats.Discoveries}), the per-sub-cluster
 * Monte-Carlo test, fixed or sequential ({@link org.locspec.stats.SequentialMonteCarlo}), with its
 * draws made in batched rounds ({@link org.locspec.stats.SequentialRounds}), partition agreement
 * ({@link org.locspec.stats.AdjustedRandIndex}), means and standard deviations ({@link
 * org.locspec.stats.BaselineStats}), and randomness: the one place seeds are derived ({@link
 * org.locspec.stats.Seeds}) and Fisher–Yates permutations and samples on {@link
 * java.util.SplittableRandom}, LocSpec's one generator type ({@link
 * org.locspec.stats.Permutations}).
 */
package org.locspec.stats;
