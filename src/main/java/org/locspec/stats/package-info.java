/**
 * Statistics shared by every analysis: Monte-Carlo p-values, percentiles and z-scores against
 * random baselines ({@link org.locspec.stats.MonteCarloPValue}), Fisher and Bates combinations and
 * effect factors ({@link org.locspec.stats.CombinedTests}), Benjamini–Hochberg false-discovery-rate
 * control ({@link org.locspec.stats.BenjaminiHochberg}), sequential Monte-Carlo p-values ({@link
 * org.locspec.stats.SequentialMonteCarlo}), partition agreement ({@link
 * org.locspec.stats.AdjustedRandIndex}), means and standard deviations ({@link
 * org.locspec.stats.BaselineStats}) and reproducible seed derivation ({@link
 * org.locspec.stats.Seeds}).
 */
package org.locspec.stats;
