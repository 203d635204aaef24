package org.locspec.train;

import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.VggSpec;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.data.DataFileException;
import org.locspec.data.Datasets;
import org.locspec.data.DerivedDatasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.PairLabel;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;

/**
 * Trains the papers' small CNN one epoch on 2000 real Fashion-MNIST images, and tiny CNNs and VGGs
 * for the seed, save/load and batch-norm checks.
 */
class ConvNetTrainerTest {
  static ImageDataset train;
  static ImageDataset test;
  static TrainedConvNet paperCnn;
  static final List<String> events = new ArrayList<>();
  static final ConvNetTrainingConfig ONE_EPOCH = ConvNetTrainingConfig.paperCnn().withEpochs(1);
  static final CnnSpec TINY = CnnSpec.paper().withFilters(8).withDense(32);

  @BeforeAll
  static void trainPaperCnn() {
    assumeTrue(
        Files.isRegularFile(Datasets.DEBIAN_FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz")),
        "Debian package dataset-fashion-mnist is not installed");
    ImageDataset all =
        Datasets.load("fashion-mnist", Split.TEST, Datasets.DEBIAN_FASHION_MNIST.getParent());
    train = all.slice(0, 6000).stratifiedSample(2000, 1);
    test = all.slice(6000, 10000).stratifiedSample(1000, 2);
    ProgressListener recorder =
        new ProgressListener() {
          @Override
          public void start(String task, long total) {
            events.add("start " + task + " " + total);
          }

          @Override
          public void update(long done, String message) {
            events.add("update " + done + " " + message);
          }

          @Override
          public void finish(String message) {
            events.add("finish " + message);
          }
        };
    paperCnn = ConvNetTrainer.train(CnnSpec.paper(), ONE_EPOCH, train, test, recorder);
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
    assertEquals(paperCnn.evaluation(), ConvNetTrainer.evaluate(paperCnn, test));
    System.out.println(paperCnn + " " + paperCnn.history());
  }

  @Test
  void layerViewPredictsExactlyLikeTheDjlModel() {
    int[] djl = paperCnn.predict(test);
    float[][] logits = paperCnn.outputs(test);
    try (Network net = paperCnn.toNetwork()) {
      assertEquals(paperCnn.layerNames(), net.layers().stream().map(Layer::name).toList());
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
    ConvNetTrainingConfig c = ONE_EPOCH.withSeed(5);
    try (TrainedConvNet a = ConvNetTrainer.train(TINY, c, small, test, ProgressListener.none());
        TrainedConvNet b = ConvNetTrainer.train(TINY, c, small, test, ProgressListener.none());
        TrainedConvNet d =
            ConvNetTrainer.train(TINY, c.withSeed(6), small, test, ProgressListener.none())) {
      assertArrayEquals(a.history().stepLosses(), b.history().stepLosses());
      assertEquals(a.evaluation(), b.evaluation());
      try (Network na = a.toNetwork();
          Network nb = b.toNetwork();
          Network nd = d.toNetwork()) {
        assertEquals(na.layers(), nb.layers());
        assertFalse(na.layers().equals(nd.layers()));
      }
    }
  }

  @Test
  void saveLoadRoundTripAndClearErrorsForBadFiles(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("cnn");
    paperCnn.save(saved);
    try (Stream files = new Stream(saved)) {
      assertEquals(
          List.of(TrainedConvNet.PARAMS_FILE, TrainedConvNet.METADATA_FILE), files.names());
    }
    try (TrainedConvNet back = TrainedConvNet.load(saved);
        Network a = paperCnn.toNetwork();
        Network b = back.toNetwork()) {
      assertEquals(paperCnn.spec(), back.spec());
      assertEquals(paperCnn.config(), back.config());
      assertEquals(paperCnn.history(), back.history());
      assertEquals(paperCnn.evaluation(), back.evaluation());
      assertEquals(a.layers(), b.layers());
      assertArrayEquals(paperCnn.predict(test), back.predict(test));
    }

    // Missing description.
    Path empty = Files.createDirectories(dir.resolve("empty"));
    DataFileException e = assertThrows(DataFileException.class, () -> TrainedConvNet.load(empty));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());

    // Truncated description.
    Path broken = copy(saved, dir.resolve("truncated-json"));
    Path meta = broken.resolve(TrainedConvNet.METADATA_FILE);
    String json = Files.readString(meta);
    Files.writeString(meta, json.substring(0, json.length() / 2));
    e = assertThrows(DataFileException.class, () -> TrainedConvNet.load(broken));
    assertTrue(e.getMessage().contains("damaged or truncated"), e.getMessage());

    // Truncated parameters.
    Path cut = copy(saved, dir.resolve("truncated-params"));
    Path params = cut.resolve(TrainedConvNet.PARAMS_FILE);
    byte[] bytes = Files.readAllBytes(params);
    Files.write(params, Arrays.copyOf(bytes, bytes.length - 100));
    e = assertThrows(DataFileException.class, () -> TrainedConvNet.load(cut));
    assertTrue(e.getMessage().contains("does not match its description"), e.getMessage());

    // Missing parameters.
    Path noParams = copy(saved, dir.resolve("no-params"));
    Files.delete(noParams.resolve(TrainedConvNet.PARAMS_FILE));
    e = assertThrows(DataFileException.class, () -> TrainedConvNet.load(noParams));
    assertTrue(e.getMessage().contains("is missing"), e.getMessage());

    // Parameters of another network under this description.
    Path mixed = copy(saved, dir.resolve("mixed"));
    try (TrainedConvNet other =
        ConvNetTrainer.train(TINY, ONE_EPOCH, train.slice(0, 128), test, ProgressListener.none())) {
      Path otherDir = dir.resolve("other");
      other.save(otherDir);
      Files.copy(
          otherDir.resolve(TrainedConvNet.PARAMS_FILE),
          mixed.resolve(TrainedConvNet.PARAMS_FILE),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    e = assertThrows(DataFileException.class, () -> TrainedConvNet.load(mixed));
    assertTrue(e.getMessage().contains("from another save"), e.getMessage());
  }

  @Test
  void tinyVggWithBatchNormMatchesItsLayerViewInInferenceMode() {
    ImageDataset source = train.slice(0, 400);
    ImageDataset stacked = DerivedDatasets.stack(source, PairLabel.SUM_MOD_10, 256, 3);
    ImageDataset stackedTest = DerivedDatasets.stack(source, PairLabel.SUM_MOD_10, 100, 4);
    for (VggSpec.BatchNormOrder order : VggSpec.BatchNormOrder.values()) {
      VggSpec spec = VggSpec.small().withBatchNormOrder(order).forData(stacked);
      ConvNetTrainingConfig config =
          new ConvNetTrainingConfig(
              TrainingConfig.paper().withEpochs(1).withBatchSize(64).withL2(VggSpec.PAPER_L2),
              Augmentation.paper());
      try (TrainedConvNet vgg =
              ConvNetTrainer.train(spec, config, stacked, stackedTest, ProgressListener.none());
          Network net = vgg.toNetwork()) {
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
                ConvNetTrainer.train(
                    CnnSpec.paper(), ONE_EPOCH, stacked, test, ProgressListener.none()));
    assertTrue(e.getMessage().contains("[2, 28, 28]"), e.getMessage());
    assertTrue(e.getMessage().contains("forData"), e.getMessage());
  }

  static float[][] viewLogits(Network net, ImageDataset data) {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        TorchScope scope = TorchScope.inference()) {
      NDArray x = Network.batch(m, data, 0, data.size(), new float[data.size() * data.imageSize()]);
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

  static Path copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  /** The sorted file names of a folder. */
  record Stream(Path dir) implements AutoCloseable {
    List<String> names() throws Exception {
      try (var files = Files.list(dir)) {
        return files.map(p -> p.getFileName().toString()).sorted().toList();
      }
    }

    @Override
    public void close() {}
  }
}
