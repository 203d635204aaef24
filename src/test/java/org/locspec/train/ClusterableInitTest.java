package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.model.TorchEngine;

/** The papers' clusterable initialization on freshly initialized networks (step 0). */
class ClusterableInitTest {
  static final ClusterableInit PAPER = ClusterableInit.paper();

  /** The layer view of a freshly initialized network, clusterable or not, engine seed 7. */
  static Network initialized(ArchitectureSpec spec, ClusterableInit init, long seed) {
    try (TorchScope scope = TorchScope.training()) {
      TorchEngine.get().setRandomSeed(7);
      try (Model model = spec.newModel("init")) {
        if (init != null) {
          init.apply(spec, model.getBlock(), seed);
        }
        return spec.toNetwork("init", model.getBlock());
      }
    }
  }

  static float[] weights(Network net, String layer) {
    for (Layer l : net.layers()) {
      if (l.name().equals(layer)) {
        return l instanceof Layer.Dense d ? d.weight() : ((Layer.Conv2d) l).weight();
      }
    }
    throw new AssertionError("no layer " + layer);
  }

  static double ncut(Network net, int k) {
    NeuronGraph g = NeuronGraph.fromWeights(NetworkGraphs.weights(net, Norm.L1));
    return SpectralClustering.fit(g, SpectralOptions.paper(k).withSeed(0)).ncut(g);
  }

  @Test
  void modulesFollowThePapersRules() {
    MlpSpec spec = MlpSpec.paper();
    List<int[]> m = PAPER.modules(spec, 3);
    assertEquals(5, m.size()); // 4 hidden layers and the outputs
    assertEquals(256, m.get(0).length);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, m.get(4));
    int[] counts = new int[10];
    for (int u : m.get(1)) {
      counts[u]++;
    }
    for (int c : counts) {
      assertTrue(c > 5 && c < 50, "module sizes of 256 random units: " + Arrays.toString(counts));
    }
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(m.get(i), PAPER.modules(spec, 3).get(i), "same seed, same modules");
    }
    assertFalse(Arrays.equals(m.get(0), PAPER.modules(spec, 4).get(0)));
    // more classes than modules: the outputs get random modules too
    int[] out = PAPER.withModules(4).modules(spec, 3).get(4);
    assertTrue(Arrays.stream(out).allMatch(u -> u >= 0 && u < 4), Arrays.toString(out));
    assertEquals(4.6, PAPER.up(0.6), 1e-12);
    assertEquals(2.8, PAPER.up(0.8), 1e-12);
  }

  @Test
  void scalesEveryDenseLayerButTheFirstByModule() {
    MlpSpec spec = MlpSpec.paper().withHidden(32, 32, 32);
    Network plain = initialized(spec, null, 0);
    Network modular = initialized(spec, PAPER, 5);
    List<int[]> m = PAPER.modules(spec, 5);
    assertArrayEquals(weights(plain, "dense1"), weights(modular, "dense1"));
    for (int l = 2; l <= 4; l++) {
      float[] a = weights(plain, "dense" + l);
      float[] b = weights(modular, "dense" + l);
      int[] in = m.get(l - 2);
      int[] out = m.get(l - 1);
      for (int o = 0; o < out.length; o++) {
        for (int i = 0; i < in.length; i++) {
          float factor = out[o] == in[i] ? 4.6f : 0.6f;
          int at = o * in.length + i;
          assertEquals(a[at] * factor, b[at], 1e-6f, "dense" + l + "[" + o + ", " + i + "]");
        }
      }
    }
  }

  @Test
  void aClusterableMlpIsMoreClusterableAtStepZero() {
    MlpSpec spec = MlpSpec.paper();
    double plain = ncut(initialized(spec, null, 0), 12);
    double modular = ncut(initialized(spec, PAPER, 0), 12);
    // measured: 10.3 for the default initialization, 7.4 with the modules (the first layer, 784
    // inputs × 256, keeps its default weights)
    assertTrue(
        modular < plain - 1.5,
        "n-cut (k = 12) clusterable " + modular + " should be well below default " + plain);
  }

  @Test
  void convNetsScaleKernelSlicesOfEveryConvolutionButTheFirst() {
    CnnSpec spec = CnnSpec.paper().withFilters(8);
    Network plain = initialized(spec, null, 0);
    Network modular = initialized(spec, PAPER, 2);
    List<int[]> m = PAPER.modules(spec, 2);
    assertEquals(3, m.size());
    assertArrayEquals(weights(plain, "conv1"), weights(modular, "conv1"));
    assertArrayEquals(weights(plain, "dense1"), weights(modular, "dense1"));
    float[] a = weights(plain, "conv3");
    float[] b = weights(modular, "conv3");
    for (int o = 0; o < 8; o++) {
      for (int i = 0; i < 8; i++) {
        float factor = m.get(2)[o] == m.get(1)[i] ? 2.8f : 0.8f;
        for (int x = 0; x < 9; x++) {
          int at = (o * 8 + i) * 9 + x;
          assertEquals(a[at] * factor, b[at], 1e-6f, "conv3[" + o + ", " + i + "]");
        }
      }
    }
  }

  @Test
  void configCarriesItAndOptionsAreChecked() {
    TrainingConfig c = TrainingConfig.paper().withClusterableInit(PAPER);
    assertEquals(PAPER, c.withSeed(3).withEpochs(2).clusterableInit());
    assertEquals(TrainingConfig.paper(), c.withoutClusterableInit());
    assertEquals(
        "Adam lr 0.001, batch 128, 20 epochs, seed 0, clusterable init (10 modules, dense ×4.6/×0.6,"
            + " conv ×2.8/×0.8 within/between)",
        c.toString());
    assertEquals(
        "modules must be >= 2, got 1 (papers: 10)",
        assertThrows(IllegalArgumentException.class, () -> PAPER.withModules(1)).getMessage());
    assertEquals(
        "denseDown must be in (0, 1], got 0.0 (papers: 0.6)",
        assertThrows(IllegalArgumentException.class, () -> new ClusterableInit(10, 0, 0.8))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.withClusterableInit(null));
  }
}
