package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locspec.architecture.MlpSpec;
import org.locspec.progress.ProgressListener;

/** Magnitude pruning on the real Fashion-MNIST subset of {@link MlpTrainingTest}. */
class PruningTrainingTest {
  // 3000 images / batch 128 = 24 steps per epoch; 6 pruning epochs = 144 steps; masks every 10.
  static final PruningSchedule SCHEDULE = PruningSchedule.paper().withEpochs(6).withFrequency(10);
  static final TrainingConfig CONFIG =
      TrainingConfig.paper().withEpochs(3).withSeed(5).withPruning(SCHEDULE);
  static final MlpSpec SPEC = MlpSpec.paper().withHidden(128, 128);

  @BeforeAll
  static void load() {
    MlpTrainingTest.loadSubset();
  }

  static TrainedNetwork train() {
    return Trainer.train(
        SPEC, CONFIG, MlpTrainingTest.train, MlpTrainingTest.test, ProgressListener.none());
  }

  static float[] zeros(float[][] w) {
    float[] z = new float[w.length * w[0].length];
    for (int j = 0; j < w.length; j++) {
      for (int i = 0; i < w[j].length; i++) {
        z[j * w[j].length + i] = w[j][i] == 0f ? 1f : 0f;
      }
    }
    return z;
  }

  @Test
  void everyDenseLayerReachesTheFinalSparsityAndStillClassifies() {
    try (TrainedNetwork a = train();
        TrainedNetwork b = train()) {
      // last update at step 140 of 144: 0.9 - 0.4 * (4/144)^3 ≈ 0.89999
      Map<String, Double> sparsity = a.sparsity();
      assertEquals(SPEC.numDenseLayers(), sparsity.size());
      for (Map.Entry<String, Double> e : sparsity.entrySet()) {
        assertTrue(e.getValue() >= 0.895, e.getKey() + " sparsity " + e.getValue());
        assertTrue(e.getValue() <= 0.905, e.getKey() + " sparsity " + e.getValue());
        // biases are not pruned
        int zeroBias = 0;
        for (float v : a.bias(e.getKey())) {
          zeroBias += v == 0f ? 1 : 0;
        }
        assertTrue(zeroBias < a.bias(e.getKey()).length / 2, e.getKey() + " biases were pruned");
      }
      TrainingHistory h = a.history();
      assertEquals(9, h.epochs());
      assertEquals(9 * 24, h.steps());
      assertTrue(h.epochSparsities()[2] < 0.01, "no pruning before the pruning epochs");
      assertTrue(h.epochSparsities()[3] >= 0.5, "pruning starts at 0.5");
      assertEquals(a.overallSparsity(), h.finalSparsity(), 1e-12);
      // 10 classes: chance is 0.1
      assertTrue(
          a.evaluation().accuracy() > 0.6,
          "accuracy " + a.evaluation().accuracy() + "\n" + h.toTable().print());
      assertEquals(a.evaluation().accuracy(), h.finalTestAccuracy());
      // same seed => same masks and weights
      for (String layer : a.weightLayerNames()) {
        assertArrayEquals(zeros(a.weights(layer)), zeros(b.weights(layer)), layer + " mask");
        assertArrayEquals(a.weights(layer)[3], b.weights(layer)[3], layer + " weights");
      }
    }
  }

  @Test
  void differentSeedsGiveDifferentMasks() {
    try (TrainedNetwork a = train();
        TrainedNetwork c =
            Trainer.train(
                SPEC,
                CONFIG.withSeed(6),
                MlpTrainingTest.train,
                MlpTrainingTest.test,
                ProgressListener.none())) {
      assertTrue(
          !java.util.Arrays.equals(zeros(a.weights("dense2")), zeros(c.weights("dense2"))),
          "different seeds gave the same mask");
    }
  }
}
