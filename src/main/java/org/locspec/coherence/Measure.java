package org.locspec.coherence;

import org.locspec.stats.MonteCarloPValue;

/** A coherence statistic of a unit set, and which of its tails means "coherent". */
public enum Measure {
  /** Entropy (bits) of the true labels of the top-k dataset examples; low = coherent. */
  LABEL_ENTROPY(MonteCarloPValue.Tail.LOWER, "label entropy of top examples (bits)"),
  /** Entropy (bits) of the network's predicted labels of the top-k dataset examples. */
  PREDICTION_ENTROPY(MonteCarloPValue.Tail.LOWER, "predicted-label entropy of top examples (bits)"),
  /** The final feature-visualization objective; high = coherent. */
  VIS_SCORE(MonteCarloPValue.Tail.UPPER, "feature-visualization objective"),
  /** Entropy (bits) of the network's softmax on the visualization; low = coherent. */
  VIS_ENTROPY(MonteCarloPValue.Tail.LOWER, "softmax entropy of the visualization (bits)");

  private final MonteCarloPValue.Tail tail;
  private final String description;

  Measure(MonteCarloPValue.Tail tail, String description) {
    this.tail = tail;
    this.description = description;
  }

  /** Which tail of the statistic counts as coherent (extreme). */
  public MonteCarloPValue.Tail tail() {
    return tail;
  }

  /** A short description for tables and charts. */
  public String description() {
    return description;
  }
}
