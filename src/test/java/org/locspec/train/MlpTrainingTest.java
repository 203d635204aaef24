package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;

/** Trains small MLPs on a real Fashion-MNIST subset (3000 train, 1000 test images). */
class MlpTrainingTest {
  static ImageDataset train;
  static ImageDataset test;
  static final MlpSpec SMALL = MlpSpec.paper().withHidden(64, 64);
  static final TrainingConfig ONE_EPOCH = TrainingConfig.paper().withEpochs(1).withSeed(11);

  @BeforeAll
  static void loadSubset() {
    train = FashionSubsets.train(3000);
    test = FashionSubsets.test(1000);
  }

  static float[][] firstLayer(TrainedNetwork m) {
    return m.weights("dense1");
  }

  @Test
  void learnsFarAboveChanceAndReportsProgress() {
    RecordingProgress recorder = new RecordingProgress();
    List<String> events = recorder.events;
    try (TrainedNetwork m = Trainer.train(SMALL, ONE_EPOCH, train, test, recorder)) {
      double acc = m.evaluation().accuracy();
      assertTrue(acc >= 0.60, "test accuracy " + acc + " should be >= 0.60 (chance is 0.10)");
      assertEquals(24, m.history().steps()); // ceil(3000 / 128)
      assertEquals(acc, m.history().finalTestAccuracy());
      assertEquals("start epoch 1/1 24", events.get(0));
      assertTrue(events.get(1).matches("update 1 loss \\d\\.\\d{3}"), events.get(1));
      assertEquals(26, events.size());
      assertTrue(events.get(25).startsWith("finish mean loss "), events.get(25));
      // The first steps' loss is near ln(10) = 2.30, and training lowers it.
      double[] steps = m.history().stepLosses();
      assertTrue(steps[0] > 1.8 && steps[0] < 3.0, "first loss " + steps[0]);
      assertTrue(steps[23] < steps[0] - 0.8, Arrays.toString(steps));
      assertEquals(64, firstLayer(m).length);
      assertEquals(784, firstLayer(m)[0].length);
      assertEquals(10, m.bias("dense3").length);
    }
  }

  @Test
  void sameSeedSameWeightsDifferentSeedDifferentWeights() {
    try (TrainedNetwork a = Trainer.train(SMALL, ONE_EPOCH, train, test, ProgressListener.none());
        TrainedNetwork b = Trainer.train(SMALL, ONE_EPOCH, train, test, ProgressListener.none());
        TrainedNetwork c =
            Trainer.train(SMALL, ONE_EPOCH.withSeed(12), train, test, ProgressListener.none())) {
      assertEquals(a.evaluation(), b.evaluation());
      assertArrayEquals(a.history().stepLosses(), b.history().stepLosses());
      float[][] wa = firstLayer(a);
      float[][] wb = firstLayer(b);
      for (int j = 0; j < wa.length; j++) {
        assertArrayEquals(wa[j], wb[j], "row " + j + " of dense1");
      }
      assertFalse(Arrays.deepEquals(wa, firstLayer(c)));
    }
  }

  @Test
  void evaluationPerClassSumsAgreeWithOverall() {
    try (TrainedNetwork m = Trainer.train(SMALL, ONE_EPOCH, train, test, ProgressListener.none())) {
      Evaluation e = m.evaluate(test);
      assertEquals(m.evaluation(), e);
      assertArrayEquals(test.classCounts(), e.counts());
      assertEquals(test.size(), Arrays.stream(e.counts()).sum());
      int correct = Arrays.stream(e.correct()).sum();
      assertEquals(e.accuracy(), (double) correct / test.size(), 1e-12);
      double weighted = 0;
      for (int c = 0; c < 10; c++) {
        weighted += e.classAccuracy(c) * e.counts()[c];
      }
      assertEquals(e.accuracy(), weighted / test.size(), 1e-12);
      // Evaluating on the training subset works too and is not worse than chance.
      assertTrue(m.evaluate(train).accuracy() > 0.5);
    }
  }

  @Test
  void penaltiesShrinkWeightsAndDropoutTrains() {
    double plain;
    double penalized;
    try (TrainedNetwork m = Trainer.train(SMALL, ONE_EPOCH, train, test, ProgressListener.none())) {
      plain = l1Norm(firstLayer(m));
    }
    try (TrainedNetwork m =
        Trainer.train(
            SMALL, ONE_EPOCH.withL1(1e-3).withL2(1e-3), train, test, ProgressListener.none())) {
      penalized = l1Norm(firstLayer(m));
      assertTrue(m.evaluation().accuracy() > 0.4, m.evaluation().toString());
    }
    assertTrue(penalized < 0.9 * plain, "L1 norm " + penalized + " vs unpenalized " + plain);
    try (TrainedNetwork m =
        Trainer.train(SMALL.withDropout(0.5), ONE_EPOCH, train, test, ProgressListener.none())) {
      assertTrue(m.evaluation().accuracy() > 0.5, m.evaluation().toString());
    }
  }

  @Test
  void nativeArraysDoNotGrowWithSteps() {
    ImageDataset small = train.slice(0, 640);
    TrainingConfig penalized = ONE_EPOCH.withBatchSize(64).withL1(1e-4).withL2(1e-4);
    int afterOne;
    int afterThree;
    try (TrainedNetwork m = Trainer.train(SMALL, penalized, small, test, ProgressListener.none())) {
      afterOne = m.model().getNDManager().getManagedArrays().size();
    }
    try (TrainedNetwork m =
        Trainer.train(SMALL, penalized.withEpochs(3), small, test, ProgressListener.none())) {
      afterThree = m.model().getNDManager().getManagedArrays().size();
    }
    // 10 steps versus 30 steps: the same arrays remain (weights, biases, Adam state).
    assertEquals(afterOne, afterThree);
    assertTrue(afterOne <= 3 * 6, "arrays left attached to the model: " + afterOne);
  }

  @Test
  void mismatchedDataIsRejectedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Trainer.train(
                    SMALL.withInputSize(100), ONE_EPOCH, train, test, ProgressListener.none()));
    assertTrue(
        e.getMessage().contains("1×28×28 = 784 values but the MLP takes 100 inputs"),
        e.getMessage());
    assertTrue(e.getMessage().contains("spec.forData(data)"), e.getMessage());
  }

  @Test
  void closedModelSaysSo() {
    TrainedNetwork m = Trainer.train(SMALL, ONE_EPOCH, train, test, ProgressListener.none());
    m.close();
    m.close();
    assertTrue(m.isClosed());
    assertThrows(IllegalStateException.class, () -> m.weights("dense1"));
    assertTrue(m.toString().endsWith("; closed]"), m.toString());
  }

  static double l1Norm(float[][] w) {
    double s = 0;
    for (float[] row : w) {
      for (float v : row) {
        s += Math.abs(v);
      }
    }
    return s;
  }

  @Test
  void layerViewPredictsLikeTheTrainedModel() {
    try (TrainedNetwork m =
            Trainer.train(SMALL.withDropout(0.5), ONE_EPOCH, train, test, ProgressListener.none());
        Network net = m.network()) {
      assertArrayEquals(new long[] {1, 28, 28}, net.inputShape());
      assertEquals(
          List.of("dense1", "dense2", "dense3"),
          net.unitLayers().stream().map(Layer::name).toList());
      int[] predicted = net.predict(test, java.util.Map.of(), 250);
      int correct = 0;
      for (int i = 0; i < predicted.length; i++) {
        correct += predicted[i] == test.label(i) ? 1 : 0;
      }
      assertEquals(m.evaluation().numCorrect(), correct);
      assertArrayEquals(
          m.weights("dense2")[5],
          Arrays.copyOfRange(((Layer.Dense) net.unitLayer("dense2")).weight(), 5 * 64, 6 * 64));
    }
  }
}
