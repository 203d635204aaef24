/**
 * Importance of sub-clusters by lesions: {@link org.locspec.lesion.ImportanceTest} lesions each
 * sub-cluster and random same-size sets of units of its layer, and reports the paper's "mean" and
 * "range" statistics, effect factors, Fisher/Bates combinations and Benjamini–Hochberg decisions in
 * an {@link org.locspec.lesion.ImportanceResult}. {@link org.locspec.lesion.LesionEngine} evaluates
 * many lesions of one layer fast: the network's prefix runs once, the suffix is batched over masks.
 *
 * <p>Reference: Hod et al., "Quantifying Local Specialization in Deep Neural Networks", arXiv
 * 2110.08058.
 */
package org.locspec.lesion;
