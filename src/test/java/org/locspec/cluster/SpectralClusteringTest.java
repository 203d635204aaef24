package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locspec.graph.NeuronGraph;
import org.locspec.stats.AdjustedRandIndex;

class SpectralClusteringTest {

  @Test
  void recoversPlantedBlocksDense() {
    NeuronGraph g = Graphs.sbm(4, 50, 0.3, 0.02, 11);
    Partition p = SpectralClustering.fit(g, SpectralOptions.paper(4));
    double ari = AdjustedRandIndex.of(p.labels(), Graphs.sbmTruth(g, 50));
    assertTrue(ari >= 0.95, "ARI " + ari);
  }

  @Test
  void recoversPlantedBlocksSparseArpack() {
    // 600 nodes > DENSE_LIMIT: the ARPACK path
    NeuronGraph g = Graphs.sbm(6, 100, 0.2, 0.01, 5);
    assertTrue(g.nodeCount() > SpectralEmbedding.DENSE_LIMIT);
    Partition p = SpectralClustering.fit(g, SpectralOptions.paper(6));
    double ari = AdjustedRandIndex.of(p.labels(), Graphs.sbmTruth(g, 100));
    assertTrue(ari >= 0.95, "ARI " + ari);
  }

  @Test
  void sameSeedSamePartition() {
    NeuronGraph g = Graphs.sbm(3, 160, 0.05, 0.03, 2); // weakly clustered: k-means matters
    SpectralOptions o = SpectralOptions.paper(5).withSeed(42);
    Partition a = SpectralClustering.fit(g, o);
    Partition b = SpectralClustering.fit(g, o);
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.ncut(g), b.ncut(g));
  }

  @Test
  void ncutIsAtMostK() {
    for (long seed = 0; seed < 4; seed++) {
      NeuronGraph g = Graphs.sbm(3, 40, 0.2, 0.2, seed);
      int k = 2 + (int) seed;
      Partition p = SpectralClustering.fit(g, SpectralOptions.paper(k).withSeed(seed));
      double nc = p.ncut(g);
      assertTrue(nc >= 0 && nc <= k, "n-cut " + nc + " k " + k);
    }
  }

  @Test
  void rejectsTooFewNodes() {
    NeuronGraph g = Graphs.sbm(2, 3, 1, 0.5, 1);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpectralClustering.fit(g, SpectralOptions.paper()));
    assertTrue(e.getMessage().contains("k = 12"), e.getMessage());
  }
}
