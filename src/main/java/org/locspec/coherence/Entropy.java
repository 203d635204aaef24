package org.locspec.coherence;

/** Shannon entropies in bits. */
final class Entropy {
  private Entropy() {}

  /** The entropy (bits) of the empirical distribution of {@code labels} over {@code classes}. */
  static double ofLabels(int[] labels, int classes) {
    int[] counts = new int[classes];
    for (int l : labels) {
      counts[l]++;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / labels.length;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(2);
  }

  /** The entropy (bits) of a softmax over logits, computed stably. */
  static double ofSoftmax(float[] logits, int from, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[from + i]);
    }
    double z = 0;
    for (int i = 0; i < n; i++) {
      z += Math.exp(logits[from + i] - max);
    }
    double logZ = Math.log(z);
    double h = 0;
    for (int i = 0; i < n; i++) {
      double logP = logits[from + i] - max - logZ;
      h -= Math.exp(logP) * logP;
    }
    return h / Math.log(2);
  }
}
