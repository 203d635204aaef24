package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locspec.graph.NeuronGraph;

class SpectralEmbeddingTest {

  @Test
  void arpackAgreesWithDenseDecomposition() {
    NeuronGraph g = Graphs.sbm(5, 40, 0.3, 0.03, 3);
    int k = 5;
    SpectralEmbedding sparse = SpectralEmbedding.compute(g, k, 1e-10, true);
    SpectralEmbedding dense = SpectralEmbedding.compute(g, k, 1e-10, false);
    double[] ls = sparse.eigenvalues();
    double[] ld = dense.eigenvalues();
    assertEquals(1.0, ld[0], 1e-10);
    for (int c = 0; c < k; c++) {
      assertEquals(ld[c], ls[c], 1e-8, "eigenvalue " + c);
      if (c > 0) {
        assertTrue(ld[c] <= ld[c - 1], "descending order");
      }
    }
    // the k-th and (k+1)-th eigenvalues are well separated on a planted graph, so the
    // individual vectors are determined up to sign, which the embedding fixes
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < g.nodeCount(); i++) {
        assertEquals(dense.get(i, c), sparse.get(i, c), 1e-6, "vector " + c + " node " + i);
      }
    }
  }

  @Test
  void layeredGraphsTakeTheBipartiteRouteWithTheSameEmbedding() {
    // A chain of four layers (edges only between consecutive ones) is bipartite: layers 0 and 2
    // against 1 and 3. Larger than DENSE_LIMIT, so compute(.., true) would use ARPACK otherwise.
    java.util.SplittableRandom r = new java.util.SplittableRandom(4);
    java.util.List<float[][]> ws = new java.util.ArrayList<>();
    int[] widths = {300, 120, 90, 40};
    for (int l = 0; l + 1 < widths.length; l++) {
      float[][] w = new float[widths[l + 1]][widths[l]];
      for (float[] row : w) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) (r.nextDouble() < 0.3 ? 0 : r.nextDouble());
        }
      }
      ws.add(w);
    }
    NeuronGraph g =
        NeuronGraph.fromWeights(
            org.locspec.graph.LayerWeights.ofDense(java.util.List.of("a", "b", "c", "d"), ws));
    assertTrue(g.nodeCount() > SpectralEmbedding.DENSE_LIMIT);
    boolean[] small = SpectralEmbedding.bipartition(g);
    assertTrue(
        small != null
            && small[g.indexOf(new org.locspec.graph.Neuron("b", 0))]
            && small[g.indexOf(new org.locspec.graph.Neuron("d", 0))],
        "b and d are the smaller side");
    int k = 6;
    SpectralEmbedding bipartite = SpectralEmbedding.compute(g, k, 1e-10, true);
    SpectralEmbedding dense = SpectralEmbedding.compute(g, k, 1e-10, false);
    for (int c = 0; c < k; c++) {
      assertEquals(dense.eigenvalues()[c], bipartite.eigenvalues()[c], 1e-10, "eigenvalue " + c);
      for (int i = 0; i < g.nodeCount(); i++) {
        assertEquals(dense.get(i, c), bipartite.get(i, c), 1e-8, "vector " + c + " node " + i);
      }
    }
    assertEquals(
        null,
        SpectralEmbedding.bipartition(Graphs.sbm(5, 100, 0.3, 0.03, 3)),
        "a graph with edges inside a layer is not bipartite by layers");
  }

  @Test
  void embeddingSolvesTheEigenproblemAndIsDividedBySqrtDegree() {
    NeuronGraph g = Graphs.sbm(3, 30, 0.4, 0.05, 9);
    SpectralEmbedding e = SpectralEmbedding.compute(g, 3, 1e-10, true);
    double[][] a = g.toDense();
    int n = g.nodeCount();
    double[] d = g.degrees();
    for (int c = 0; c < 3; c++) {
      double lambda = e.eigenvalues()[c];
      // v = sqrt(d) * embedding column; check D^-1/2 A D^-1/2 v = lambda v and |v| = 1
      double norm = 0;
      for (int i = 0; i < n; i++) {
        double vi = Math.sqrt(d[i]) * e.get(i, c);
        norm += vi * vi;
        double mv = 0;
        for (int j = 0; j < n; j++) {
          mv += a[i][j] / Math.sqrt(d[i] * d[j]) * Math.sqrt(d[j]) * e.get(j, c);
        }
        assertEquals(lambda * vi, mv, 1e-7);
      }
      assertEquals(1, norm, 1e-8);
    }
    // the first vector of D^-1/2 A D^-1/2 is sqrt(d)/|sqrt(d)|: its embedding column is constant
    for (int i = 1; i < n; i++) {
      assertEquals(e.get(0, 0), e.get(i, 0), 1e-8);
    }
  }
}
