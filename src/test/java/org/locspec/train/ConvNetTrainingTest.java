package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.ConvNetSpec;
import org.locspec.architecture.VggSpec;
import org.locspec.data.DerivedDatasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.PairLabel;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.model.TorchEngine;
import org.locspec.progress.ProgressListener;

/**
 * Trains the papers' small CNN one epoch on 2000 real Fashion-MNIST images, and tiny CNNs and VGGs
 * for the seed and batch-norm checks (saving and loading: {@code ModelFileTest}).
 */
class ConvNetTrainingTest {
  static ImageDataset train;
  static ImageDataset test;
  static TrainedNetwork paperCnn;
  static final RecordingProgress recorder = new RecordingProgress();
  static final List<String> events = recorder.events;
  static final TrainingConfig ONE_EPOCH = TrainingConfig.paperCnn().withEpochs(1);
  static final CnnSpec TINY = CnnSpec.paper().withFilters(8).withDense(32);

  @BeforeAll
  static void trainPaperCnn() {
    train = FashionSubsets.train(2000);
    test = FashionSubsets.test(1000);
    paperCnn = Trainer.train(CnnSpec.paper(), ONE_EPOCH, train, test, recorder);
  }

  @AfterAll
  static void close() {
    if (paperCnn != null) {
      paperCnn.close();
    }
  }

  @Test
  void paperCnnLearnsFarAboveChanceAndReportsProgressPerBatch() {
    double acc = paperCnn.evaluation().accuracy();
    assertTrue(acc >= 0.6, "test accuracy " + acc + " should be >= 0.6 (chance is 0.1)");
    assertEquals(32, paperCnn.history().steps()); // ceil(2000 / 64)
    assertEquals("start epoch 1/1 32", events.get(0));
    assertTrue(events.get(1).matches("update 1 loss \\d\\.\\d{3}"), events.get(1));
    assertEquals(34, events.size());
    assertTrue(events.get(33).startsWith("finish mean loss "), events.get(33));
    double[] steps = paperCnn.history().stepLosses();
    double lastFive = Arrays.stream(steps, steps.length - 5, steps.length).average().orElseThrow();
    assertTrue(lastFive < steps[0] - 1, Arrays.toString(steps));
    assertEquals(paperCnn.evaluation(), paperCnn.evaluate(test));
    System.out.println(paperCnn + " " + paperCnn.history());
  }

  @Test
  void layerViewPredictsExactlyLikeTheDjlModel() {
    int[] djl = paperCnn.predict(test);
    float[][] logits = paperCnn.outputs(test);
    try (Network net = paperCnn.network()) {
      assertEquals(
          ((ConvNetSpec) paperCnn.spec()).layerNames(),
          net.layers().stream().map(Layer::name).toList());
      assertEquals(
          List.of("conv1", "conv2", "conv3", "dense1", "dense2"),
          net.unitLayers().stream().map(Layer::name).toList());
      int[] view = net.predict(test, Map.of(), 100);
      assertArrayEquals(djl, view);
      int correct = 0;
      for (int i = 0; i < view.length; i++) {
        correct += view[i] == test.label(i) ? 1 : 0;
      }
      assertEquals(paperCnn.evaluation().accuracy(), (double) correct / test.size(), 1e-12);
      assertClose(logits, viewLogits(net, test.slice(0, 200)), 1e-4);
    }
  }

  @Test
  void sameSeedSameWeightsDifferentSeedDifferentWeights() {
    ImageDataset small = train.slice(0, 640);
    TrainingConfig c = ONE_EPOCH.withSeed(5);
    try (TrainedNetwork a = Trainer.train(TINY, c, small, test, ProgressListener.none());
        TrainedNetwork b = Trainer.train(TINY, c, small, test, ProgressListener.none());
        TrainedNetwork d =
            Trainer.train(TINY, c.withSeed(6), small, test, ProgressListener.none())) {
      assertArrayEquals(a.history().stepLosses(), b.history().stepLosses());
      assertEquals(a.evaluation(), b.evaluation());
      try (Network na = a.network();
          Network nb = b.network();
          Network nd = d.network()) {
        assertEquals(na.layers(), nb.layers());
        assertFalse(na.layers().equals(nd.layers()));
      }
    }
  }

  @Test
  void tinyVggWithBatchNormMatchesItsLayerViewInInferenceMode() {
    ImageDataset source = train.slice(0, 400);
    ImageDataset stacked = DerivedDatasets.stack(source, PairLabel.SUM_MOD_10, 256, 3);
    ImageDataset stackedTest = DerivedDatasets.stack(source, PairLabel.SUM_MOD_10, 100, 4);
    for (VggSpec.BatchNormOrder order : VggSpec.BatchNormOrder.values()) {
      VggSpec spec = VggSpec.small().withBatchNormOrder(order).forData(stacked);
      TrainingConfig config = TrainingConfig.paperVgg().withEpochs(1).withBatchSize(64);
      try (TrainedNetwork vgg =
              Trainer.train(spec, config, stacked, stackedTest, ProgressListener.none());
          Network net = vgg.network()) {
        assertEquals(4, vgg.history().steps());
        List<Layer.BatchNorm> norms = new ArrayList<>();
        for (Layer l : net.layers()) {
          if (l instanceof Layer.BatchNorm bn) {
            norms.add(bn);
          }
        }
        assertEquals(5, norms.size()); // 4 convolutions and the first dense layer
        // Training mode updated the running statistics away from their start (0 and 1).
        float[] mean = norms.get(0).runningMean();
        assertTrue(Math.abs(mean[0]) + Math.abs(mean[1]) > 0, Arrays.toString(mean));
        assertClose(vgg.outputs(stackedTest), viewLogits(net, stackedTest), 1e-4);
        assertArrayEquals(vgg.predict(stackedTest), net.predict(stackedTest, Map.of(), 50));
      }
    }
  }

  @Test
  void rejectsDataOfTheWrongShape() {
    ImageDataset stacked = DerivedDatasets.stack(train.slice(0, 50), PairLabel.SAME_CLASS, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Trainer.train(CnnSpec.paper(), ONE_EPOCH, stacked, test, ProgressListener.none()));
    assertTrue(
        e.getMessage().contains("2×28×28 = 1568 values but the CNN takes [1, 28, 28]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("forData"), e.getMessage());
  }

  static float[][] viewLogits(Network net, ImageDataset data) {
    try (NDManager m = NDManager.newBaseManager(TorchEngine.NAME);
        TorchScope scope = TorchScope.inference()) {
      Shape shape = new Shape(data.size(), data.channels(), data.height(), data.width());
      NDArray x = m.create(data.pixels(), shape);
      float[] flat = net.forward(x).toFloatArray();
      int k = net.numClasses();
      float[][] out = new float[data.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
      }
      return out;
    }
  }

  static void assertClose(float[][] expected, float[][] actual, double tol) {
    int n = Math.min(expected.length, actual.length);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
      }
    }
    assertTrue(worst <= tol, "largest logit difference " + worst + " > " + tol);
  }
}
