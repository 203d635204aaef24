package org.locspec.graph;

/** The norm that reduces a conv kernel slice {@code W[j, i, :, :]} to one edge weight. */
public enum Norm {
  /** Sum of absolute values (the paper's choice). */
  L1,
  /** Square root of the sum of squares. */
  L2
}
