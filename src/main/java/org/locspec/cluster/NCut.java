package org.locspec.cluster;

import java.util.Objects;
import org.locspec.graph.NeuronGraph;

/**
 * The normalized cut of a partition: {@code sum over clusters A of cut(A, not A) / vol(A)}, where
 * {@code cut} is the total weight of edges leaving {@code A} and {@code vol(A)} the sum of the
 * degrees in {@code A}. It lies in {@code [0, k]}; lower means more clusterable. Empty clusters
 * contribute nothing.
 *
 * <p>References: Shi and Malik, "Normalized cuts and image segmentation" (IEEE TPAMI 2000).
 */
public final class NCut {
  private NCut() {}

  /**
   * Computes the n-cut.
   *
   * @param graph the graph
   * @param labels one non-negative label per node of the graph, in node order
   * @return the n-cut
   */
  public static double of(NeuronGraph graph, int[] labels) {
    Objects.requireNonNull(graph, "graph must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    int n = graph.nodeCount();
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "labels must have one entry per node (" + n + "), got " + labels.length);
    }
    int k = 0;
    for (int l : labels) {
      if (l < 0) {
        throw new IllegalArgumentException("labels must be >= 0, got " + l);
      }
      k = Math.max(k, l + 1);
    }
    double[] vol = new double[k];
    double[] within = new double[k];
    for (int i = 0; i < n; i++) {
      vol[labels[i]] += graph.degree(i);
    }
    graph.forEachEntry(
        (i, j, w) -> {
          if (labels[i] == labels[j]) {
            within[labels[i]] += w;
          }
        });
    double s = 0;
    for (int c = 0; c < k; c++) {
      if (vol[c] > 0) {
        s += (vol[c] - within[c]) / vol[c];
      }
    }
    return s;
  }
}
