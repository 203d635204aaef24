/**
 * Statistics shared by the importance and coherence analyses: Monte-Carlo p-values, percentiles
 * and z-scores against random baselines, Fisher and Bates combinations, effect factors,
 * Benjamini–Hochberg false-discovery-rate control, and sequential Monte-Carlo p-values.
 */
package org.locspec.stats;
