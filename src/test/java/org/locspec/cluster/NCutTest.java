package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.NeuronGraph;

class NCutTest {

  /** Two triangles of weight-1 edges joined by a bridge 2-3 of weight 2. */
  static NeuronGraph twoTriangles() {
    double[][] a = new double[6][6];
    int[][] edges = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}};
    for (int[] e : edges) {
      a[e[0]][e[1]] = a[e[1]][e[0]] = 1;
    }
    a[2][3] = a[3][2] = 2;
    return NeuronGraph.fromAdjacency(List.of(new LayerUnits("x", 6)), a);
  }

  @Test
  void handComputedValues() {
    NeuronGraph g = twoTriangles();
    // vol({0,1,2}) = 2 + 2 + 4 = 8, cut = 2: 2/8 + 2/8
    assertEquals(0.5, NCut.of(g, new int[] {0, 0, 0, 1, 1, 1}), 1e-15);
    // {0}: cut 2, vol 2 -> 1; rest: cut 2, vol 14 -> 1/7
    assertEquals(1 + 1 / 7.0, NCut.of(g, new int[] {1, 0, 0, 0, 0, 0}), 1e-15);
    // one cluster: 0; every node alone: k = 6
    assertEquals(0, NCut.of(g, new int[6]), 1e-15);
    assertEquals(6, NCut.of(g, new int[] {0, 1, 2, 3, 4, 5}), 1e-15);
  }

  @Test
  void spectralClusteringFindsTheTriangles() {
    NeuronGraph g = twoTriangles();
    Partition p = SpectralClustering.fit(g, SpectralOptions.paper(2));
    assertEquals(0.5, p.ncut(g), 1e-12);
  }

  @Test
  void rejectsWrongLength() {
    var e = assertThrows(IllegalArgumentException.class, () -> NCut.of(twoTriangles(), new int[5]));
    assertEquals("labels must have one entry per node (6), got 5", e.getMessage());
  }
}
