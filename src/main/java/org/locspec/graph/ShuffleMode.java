package org.locspec.graph;

/**
 * How a weight matrix is permuted for the shuffled baseline.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section 3.
 */
public enum ShuffleMode {
  /** Permute all entries of each matrix, zeros included (the paper's default, "layer"). */
  ALL,
  /** Permute only the non-zero entries among the non-zero positions ("layer_nonzero"). */
  NON_ZERO
}
