package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.Neuron;
import org.locspec.graph.NeuronGraph;

class PartitionTest {

  @Test
  void labelsAreCanonicalAndMapBackToNeurons() {
    List<Neuron> ns = List.of(new Neuron("a", 0), new Neuron("a", 2), new Neuron("b", 1));
    Partition p =
        Partition.of(
            ns,
            new int[] {4, 1, 4},
            5,
            List.of(new LayerUnits("a", 3), new LayerUnits("b", 2)),
            PartitionProvenance.given());
    assertArrayEquals(new int[] {0, 1, 0}, p.labels());
    assertEquals(0, p.label(new Neuron("b", 1)));
    assertEquals(-1, p.label(new Neuron("a", 1)));
    assertEquals(2, p.clusterCount());
    assertArrayEquals(new int[] {1, 1, 0, 0, 0}, p.sizesByLayer()[0]);
    assertEquals(3, p.toTable().rowCount());
    assertEquals(3, p.sizesTable().rowCount());
    assertThrows(
        IllegalArgumentException.class,
        () -> Partition.of(ns, new int[] {0, 5, 0}, 5, List.of(), PartitionProvenance.given()));
  }

  @Test
  void isolatedNodesDoNotShiftLabels() {
    // two modular blocks; unit 3 of the middle layer is dead (all its weights zero)
    LayerWeights w = ShuffledBaselineTest.modular(3, 20, 2, 0.01, 4);
    List<float[][]> ms = new ArrayList<>();
    for (var m : w.matrices()) {
      float[][] d = new float[m.rows()][m.cols()];
      for (int o = 0; o < m.rows(); o++) {
        for (int i = 0; i < m.cols(); i++) {
          d[o][i] = m.get(o, i);
        }
      }
      ms.add(d);
    }
    java.util.Arrays.fill(ms.get(0)[3], 0f);
    for (float[] row : ms.get(1)) {
      row[3] = 0f;
    }
    NeuronGraph g = NeuronGraph.fromWeights(LayerWeights.ofDense(List.of("l0", "l1", "l2"), ms));
    assertEquals(List.of(new Neuron("l1", 3)), g.removed());
    Partition p = SpectralClustering.fit(g, SpectralOptions.paper(2).withNInit(4));
    assertEquals(-1, p.label(new Neuron("l1", 3)));
    // units of the same block share a label in every layer, across the removed unit
    for (String layer : List.of("l0", "l1", "l2")) {
      for (int u = 0; u < 20; u++) {
        if (layer.equals("l1") && u == 3) {
          continue;
        }
        int expected = p.label(new Neuron("l0", u < 10 ? 0 : 10));
        assertEquals(expected, p.label(new Neuron(layer, u)), layer + "[" + u + "]");
      }
    }
  }

  @Test
  void subClustersFilterBySizeAndFraction() {
    List<Neuron> ns = new ArrayList<>();
    List<Integer> ls = new ArrayList<>();
    // layer "in" (excluded), layer "h" of 10 units: cluster sizes 1, 3, 6
    for (int u = 0; u < 4; u++) {
      ns.add(new Neuron("in", u));
      ls.add(0);
    }
    int[] hLabels = {0, 1, 1, 1, 2, 2, 2, 2, 2, 2};
    for (int u = 0; u < 10; u++) {
      ns.add(new Neuron("h", u));
      ls.add(hLabels[u]);
    }
    Partition p =
        Partition.of(
            ns,
            ls.stream().mapToInt(Integer::intValue).toArray(),
            3,
            List.of(new LayerUnits("in", 4), new LayerUnits("h", 10)),
            PartitionProvenance.given());
    List<SubCluster> imp = SubClusters.forImportance(p, List.of("in"));
    assertEquals(2, imp.size());
    assertEquals(new SubCluster("h", 1, new int[] {1, 2, 3}, 10), imp.get(0));
    assertEquals(6, imp.get(1).size());
    List<SubCluster> coh = SubClusters.forCoherence(p, List.of("in"));
    assertEquals(1, coh.size()); // 6 >= 5 and 6 <= 7.5
    assertEquals(
        0, SubClusters.of(p, 2, 0.5, List.of("in")).stream().filter(s -> s.size() > 5).count());
    // the input layer's single cluster of 4 = 100% is dropped by the 99% rule when not excluded
    assertEquals(2, SubClusters.forImportance(p, List.of()).size());
    assertEquals(2, SubClusters.toTable(imp).rowCount());
  }

  @Test
  void optionsValidate() {
    var e = assertThrows(IllegalArgumentException.class, () -> SpectralOptions.paper(1));
    assertEquals("k must be >= 2, got 1", e.getMessage());
    assertEquals(25, SpectralOptions.paper().restartsFor(2000));
    assertEquals(100, SpectralOptions.paper().restartsFor(2001));
  }
}
