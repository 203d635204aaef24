/**
 * Coherence of sub-clusters: do the units of one cluster within one layer respond to one kind of
 * input? Two analyses, each against random same-size unit sets from the same layer:
 *
 * <ul>
 *   <li>{@link org.locspec.coherence.DatasetExamples}: the inputs that excite a sub-cluster most,
 *       and the entropy of their labels (low = coherent);
 *   <li>{@link org.locspec.coherence.FeatureVisualization}: an input optimized to excite the
 *       sub-cluster, its objective (high = coherent) and the entropy of the network's prediction on
 *       it (low = coherent).
 * </ul>
 *
 * Both decide each sub-cluster and measure by a Monte-Carlo test (by default sequential, {@link
 * org.locspec.coherence.CoherenceOptions#defaults()}) and return a {@link
 * org.locspec.coherence.CoherenceResult} with its p-values, draws and Benjamini–Hochberg flags, and
 * the papers' percentiles, combined p-values and effect factors from their 19 draws, all computed
 * with {@link org.locspec.stats}. {@link org.locspec.coherence.ExampleGrids} shows a sub-cluster's
 * top dataset examples beside those of its random sets.
 *
 * <p>Reference: Hod et al., "Quantifying Local Specialization in Deep Neural Networks", arXiv
 * 2110.08058, §4 (coherence).
 */
package org.locspec.coherence;
