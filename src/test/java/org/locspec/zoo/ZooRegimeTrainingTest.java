package org.locspec.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.Trainer;

/**
 * The regimes of the papers' grid, each trained a few steps with its zoo config on the real
 * Fashion-MNIST images of {@link ModelZooTest} (3000 training, 1000 test), checked for what makes
 * it that regime.
 */
class ZooRegimeTrainingTest {
  /** One epoch, then 5 pruning epochs (24 steps each: 120 pruning steps, masks every 10). */
  static final ZooGrid SHORT = ZooGrid.paper().withEpochs(1, 5);

  @BeforeAll
  static void load() {
    ModelZooTest.load();
  }

  static TrainedNetwork train(ZooRegime regime, int epochs) {
    ZooModel m = SHORT.withEpochs(epochs, 5).model("fashion-mnist", ZooArchitecture.MLP, regime, 4);
    return Trainer.train(
        m.spec(), m.config(), ModelZooTest.train, ModelZooTest.test, ProgressListener.none());
  }

  static double squares(TrainedNetwork net) {
    double s = 0;
    for (String layer : net.weightLayerNames()) {
      for (float[] row : net.weights(layer)) {
        for (float w : row) {
          s += (double) w * w;
        }
      }
    }
    return s;
  }

  static double ncut(TrainedNetwork net) {
    try (Network n = net.network()) {
      NeuronGraph g = NeuronGraph.fromWeights(NetworkGraphs.weights(n, Norm.L1));
      return SpectralClustering.fit(g, SpectralOptions.paper().withSeed(0)).ncut(g);
    }
  }

  @Test
  void l2AddsItsPenaltyToTheLossAndShrinksTheWeightsAgainstAnUnregularizedTwin() {
    try (TrainedNetwork plain = train(ZooRegime.PLAIN, 3);
        TrainedNetwork l2 = train(ZooRegime.L2, 3)) {
      // same seed, same initial weights and batches: the first loss differs by 5e-5 × Σ w₀²
      // (measured: 0.103, Σ w₀² ≈ 2060)
      double extra = l2.history().stepLosses()[0] - plain.history().stepLosses()[0];
      assertTrue(extra > 0.05 && extra < 0.2, "the L2 penalty raises the first loss by " + extra);
      // after 3 epochs (72 steps), measured: Σ w² 1895 against 2104
      double ratio = squares(l2) / squares(plain);
      assertTrue(ratio < 0.95, "Σ w² of the L2 net / the plain net = " + ratio);
    }
  }

  @Test
  void aClusterableInitializedNetStaysMoreClusterableThanItsPlainTwin() {
    try (TrainedNetwork plain = train(ZooRegime.PLAIN, 1);
        TrainedNetwork modular = train(ZooRegime.CLUSTERABLE, 1)) {
      double a = ncut(plain);
      double b = ncut(modular);
      // measured after one epoch: 7.4 against 10.3
      assertTrue(b < a - 1.5, "n-cut (k = 12) clusterable " + b + " vs plain " + a);
      assertTrue(modular.evaluation().accuracy() > 0.6, modular.evaluation().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"PLAIN_PRUNED", "L1_PRUNED", "L2_PRUNED", "CLUSTERABLE_PRUNED"})
  void prunedNetsReachTheTargetSparsityInEveryLayer(ZooRegime regime) {
    try (TrainedNetwork net = train(regime, 1)) {
      // last mask update at step 110 of 120: 0.9 − 0.4 × (10/120)³ = 0.89977
      Map<String, Double> sparsity = net.sparsity();
      assertEquals(5, sparsity.size());
      for (Map.Entry<String, Double> e : sparsity.entrySet()) {
        assertEquals(0.8998, e.getValue(), 0.002, regime + " " + e.getKey());
      }
      assertEquals(6, net.history().epochs());
      assertTrue(net.history().epochSparsities()[0] < 0.01, "no pruning in the normal epoch");
      assertTrue(net.evaluation().accuracy() > 0.6, regime + " " + net.evaluation());
    }
  }
}
