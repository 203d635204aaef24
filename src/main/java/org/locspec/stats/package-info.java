/**
 * Statistics shared by the analyses: partition agreement ({@link
 * org.locspec.stats.AdjustedRandIndex}), summary statistics of baselines ({@link
 * org.locspec.stats.BaselineStats}) and reproducible seed derivation ({@link
 * org.locspec.stats.Seeds}).
 */
package org.locspec.stats;
