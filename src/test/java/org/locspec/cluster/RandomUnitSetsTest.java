package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.Neuron;

class RandomUnitSetsTest {
  /** Layer "h" of 12 units in clusters of sizes 5, 4 and 3; layer "g" of 6 units. */
  private static Partition partition() {
    int[] h = {0, 1, 0, 2, 1, 0, 0, 2, 1, 1, 2, 0};
    List<Neuron> neurons = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int u = 0; u < h.length; u++) {
      neurons.add(new Neuron("h", u));
      labels.add(h[u]);
    }
    for (int u = 0; u < 6; u++) {
      neurons.add(new Neuron("g", u));
      labels.add(u % 2);
    }
    return Partition.of(
        neurons,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        3,
        List.of(new LayerUnits("h", 12), new LayerUnits("g", 6)),
        PartitionProvenance.given());
  }

  private static List<SubCluster> layer(String name) {
    return SubClusters.of(partition(), 1, 1.0).stream()
        .filter(s -> s.layer().equals(name))
        .toList();
  }

  @Test
  void sameSeedSameSetsOtherSeedOtherSets() {
    for (RandomUnitSets.Mode mode : RandomUnitSets.Mode.values()) {
      SubCluster s = layer("h").get(0);
      int[][] a = new RandomUnitSets(mode, 7).draws(s, 50);
      int[][] b = new RandomUnitSets(mode, 7).draws(s, 50);
      int[][] c = new RandomUnitSets(mode, 8).draws(s, 50);
      assertTrue(Arrays.deepEquals(a, b), mode.toString());
      assertFalse(Arrays.deepEquals(a, c), mode.toString());
      assertArrayEquals(a[17], new RandomUnitSets(mode, 7).draw(s, 17), "draw r alone");
    }
  }

  @Test
  void setsAreSameSizeDistinctSortedAndWithinTheLayer() {
    for (RandomUnitSets.Mode mode : RandomUnitSets.Mode.values()) {
      RandomUnitSets sampler = new RandomUnitSets(mode, 3);
      for (String name : List.of("h", "g")) {
        for (SubCluster s : layer(name)) {
          for (int[] set : sampler.draws(s, 200)) {
            assertEquals(s.size(), set.length);
            for (int i = 0; i < set.length; i++) {
              assertTrue(set[i] >= 0 && set[i] < s.layerUnits(), Arrays.toString(set));
              assertTrue(
                  i == 0 || set[i] > set[i - 1], "sorted and distinct: " + Arrays.toString(set));
            }
          }
        }
      }
    }
  }

  @Test
  void papersModeIsAPermutationOfTheLayersClusterLabels() {
    List<SubCluster> subs = layer("h");
    Map<Integer, int[]> clusters = partition().clustersIn("h");
    int[] labels = new int[12];
    clusters.forEach((label, units) -> Arrays.stream(units).forEach(u -> labels[u] = label));
    RandomUnitSets sampler = RandomUnitSets.paper(11);
    boolean moved = false;
    for (int r = 0; r < 100; r++) {
      // Label every unit by the sub-cluster whose random set holds it in draw r.
      int[] permuted = new int[12];
      Arrays.fill(permuted, -1);
      for (SubCluster s : subs) {
        for (int u : sampler.draw(s, r)) {
          assertEquals(-1, permuted[u], "draw " + r + ": unit " + u + " in two random sets");
          permuted[u] = s.cluster();
        }
      }
      // Every unit is labelled, and the labels are those of the layer, rearranged.
      int[] a = labels.clone();
      int[] b = permuted.clone();
      Arrays.sort(a);
      Arrays.sort(b);
      assertArrayEquals(a, b, "draw " + r);
      moved |= !Arrays.equals(labels, permuted);
    }
    assertTrue(moved, "the labels should move");
  }

  @Test
  void eachModeDrawsUniformSetsAndUniformDrawsAreIndependentAcrossSubClusters() {
    SubCluster s = layer("h").get(2); // 3 units of 12
    for (RandomUnitSets.Mode mode : RandomUnitSets.Mode.values()) {
      int[] hits = new int[12];
      for (int[] set : new RandomUnitSets(mode, 5).draws(s, 6000)) {
        for (int u : set) {
          hits[u]++;
        }
      }
      for (int u = 0; u < 12; u++) {
        assertEquals(1500, hits[u], 150, mode + " unit " + u);
      }
    }
    // In one UNIFORM draw two sub-clusters' sets overlap sometimes; in PERMUTE_LABELS never.
    SubCluster other = layer("h").get(1);
    int overlaps = 0;
    RandomUnitSets uniform = new RandomUnitSets(RandomUnitSets.Mode.UNIFORM, 5);
    for (int r = 0; r < 500; r++) {
      int[] x = uniform.draw(s, r);
      int[] y = uniform.draw(other, r);
      overlaps += Arrays.stream(x).anyMatch(u -> Arrays.binarySearch(y, u) >= 0) ? 1 : 0;
    }
    // P(no overlap) for 3 and 4 of 12 units = C(9,4)/C(12,4) = 126/495.
    assertEquals(500 * (1 - 126.0 / 495), overlaps, 45);
  }

  @Test
  void badArgumentsAreExplained() {
    SubCluster s = layer("g").get(0);
    RandomUnitSets sampler = RandomUnitSets.paper(0);
    assertEquals(
        "draw index must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> sampler.draw(s, -1)).getMessage());
    assertThrows(NullPointerException.class, () -> new RandomUnitSets(null, 0));
    assertEquals(0, sampler.draws(s, 0).length);
  }
}
