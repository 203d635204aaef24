/**
 * Importance of sub-clusters by lesions: {@link org.locspec.lesion.ImportanceTest} lesions each
 * sub-cluster and random same-size sets of units of its layer, decides each sub-cluster by a
 * Monte-Carlo test (by default sequential, {@link org.locspec.lesion.ImportanceOptions#defaults()})
 * with Benjamini–Hochberg over the network, and reports beside it the papers' statistics from their
 * 19 draws ("mean" and "range" percentiles, Fisher/Bates combinations, effect factors) in an {@link
 * org.locspec.lesion.ImportanceResult}. {@link org.locspec.lesion.LesionEngine} evaluates many
 * lesions of one layer fast: the network's prefix runs once; where a dense layer reads the lesioned
 * layer, a lesion of units S changes its cached output by a rank-|S| update and only the layers
 * after it run again; the suffix is batched over masks, and the random lesions of all undecided
 * sub-clusters of a layer share its batches.
 *
 * <p>Reference: Hod et al., "Quantifying Local Specialization in Deep Neural Networks", arXiv
 * 2110.08058.
 */
package org.locspec.lesion;
