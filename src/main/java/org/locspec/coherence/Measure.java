package org.locspec.coherence;

import org.locspec.stats.MonteCarloPValue;

/** A coherence statistic of a unit set, its range, and which of its tails means "coherent". */
public enum Measure {
  /** Entropy (bits) of the true labels of the top-k dataset examples; low = coherent. */
  LABEL_ENTROPY(
      MonteCarloPValue.Tail.LOWER,
      "label entropy of top examples (bits)",
      "in [0, log2(min(top k, classes))] bits, low = coherent"),
  /** Entropy (bits) of the network's predicted labels of the top-k dataset examples. */
  PREDICTION_ENTROPY(
      MonteCarloPValue.Tail.LOWER,
      "predicted-label entropy of top examples (bits)",
      "in [0, log2(min(top k, classes))] bits, low = coherent"),
  /** The final feature-visualization objective; high = coherent. */
  VIS_SCORE(
      MonteCarloPValue.Tail.UPPER,
      "feature-visualization objective",
      "sum of |mean pre-activation| over the units, >= 0, high = coherent"),
  /** Entropy (bits) of the network's softmax on the visualization; low = coherent. */
  VIS_ENTROPY(
      MonteCarloPValue.Tail.LOWER,
      "softmax entropy of the visualization (bits)",
      "in [0, log2(classes)] bits, low = coherent");

  private final MonteCarloPValue.Tail tail;
  private final String description;
  private final String range;

  Measure(MonteCarloPValue.Tail tail, String description, String range) {
    this.tail = tail;
    this.description = description;
    this.range = range;
  }

  /** Which tail of the statistic counts as coherent (extreme). */
  public MonteCarloPValue.Tail tail() {
    return tail;
  }

  /** A short description for tables and charts. */
  public String description() {
    return description;
  }

  /** The statistic's range and which way is coherent, for captions. */
  public String range() {
    return range;
  }
}
