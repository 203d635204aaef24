package org.locspec.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.DataFileException;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.train.Augmentation;
import org.locspec.train.DataProvenance;
import org.locspec.train.FashionSubsets;
import org.locspec.train.PruningSchedule;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.Trainer;
import org.locspec.train.TrainingConfig;

/**
 * Saves and loads a pruned MLP and a small CNN trained on 600 real Fashion-MNIST images; damages
 * saved folders in every way the format checks; loads folders written in the layouts of the earlier
 * {@code TrainedMlp} and {@code TrainedConvNet}.
 */
class ModelFileTest {
  static ImageDataset train;
  static ImageDataset test;
  static TrainedNetwork mlp;
  static TrainedNetwork cnn;

  @BeforeAll
  static void trainNetworks() {
    train = FashionSubsets.train(600);
    test = FashionSubsets.test(200);
    TrainingConfig pruned =
        TrainingConfig.paper()
            .withEpochs(1)
            .withSeed(9)
            .withPruning(PruningSchedule.paper().withEpochs(1).withFrequency(2));
    mlp =
        Trainer.train(
            MlpSpec.paper().withHidden(32, 32).withDropout(0.5),
            pruned,
            train,
            test,
            ProgressListener.none());
    TrainingConfig augmented =
        TrainingConfig.paperCnn().withEpochs(1).withAugmentation(Augmentation.paper());
    cnn =
        Trainer.train(
            CnnSpec.paper().withFilters(4).withDense(16),
            augmented,
            train,
            test,
            ProgressListener.none());
  }

  @AfterAll
  static void close() {
    if (mlp != null) {
      mlp.close();
    }
    if (cnn != null) {
      cnn.close();
    }
  }

  static void assertSameNetwork(TrainedNetwork expected, TrainedNetwork actual) {
    assertEquals(expected.spec(), actual.spec());
    assertEquals(expected.config(), actual.config());
    assertEquals(expected.history(), actual.history());
    assertEquals(expected.evaluation(), actual.evaluation());
    assertEquals(expected.name(), actual.name());
    assertEquals(expected.sparsity(), actual.sparsity());
    for (String layer : expected.weightLayerNames()) {
      assertTrue(Arrays.deepEquals(expected.weights(layer), actual.weights(layer)), layer);
      assertArrayEquals(expected.bias(layer), actual.bias(layer), layer);
    }
    try (Network a = expected.network();
        Network b = actual.network()) {
      assertEquals(a.layers(), b.layers());
    }
    assertEquals(expected.evaluation(), actual.evaluate(test));
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void prunedMlpAndAugmentedCnnRoundTrip(@TempDir Path dir) throws IOException {
    for (TrainedNetwork net : List.of(mlp, cnn)) {
      Path saved = dir.resolve(net.spec().architecture());
      ModelFile.save(net, saved);
      assertEquals(List.of(ModelFile.DESCRIPTION_FILE, ModelFile.WEIGHTS_FILE), names(saved));
      try (TrainedNetwork back = ModelFile.load(saved)) {
        assertSameNetwork(net, back);
        assertEquals(DataProvenance.of(train, test), back.data());
      }
    }
    assertTrue(mlp.overallSparsity() > 0.4, "pruned: " + mlp.sparsity());
    // Saving again into the same folder replaces the model.
    ModelFile.save(mlp, dir.resolve("cnn"));
    try (TrainedNetwork back = ModelFile.load(dir.resolve("cnn"))) {
      assertEquals(mlp.spec(), back.spec());
    }
  }

  @Test
  void damagedFoldersGiveErrorsThatNameTheFileAndTheDifference(@TempDir Path dir)
      throws IOException {
    Path saved = dir.resolve("cnn");
    ModelFile.save(cnn, saved);

    Path empty = Files.createDirectories(dir.resolve("empty"));
    DataFileException e = assertThrows(DataFileException.class, () -> ModelFile.load(empty));
    assertTrue(e.getMessage().startsWith("saved model not found: "), e.getMessage());
    assertFalse(ModelFile.exists(empty));

    Path truncatedJson = copy(saved, dir.resolve("truncated-json"));
    Path meta = truncatedJson.resolve(ModelFile.DESCRIPTION_FILE);
    String json = Files.readString(meta);
    Files.writeString(meta, json.substring(0, json.length() / 2));
    e = assertThrows(DataFileException.class, () -> ModelFile.load(truncatedJson));
    assertTrue(e.getMessage().contains("damaged or truncated"), e.getMessage());
    assertEquals(meta, e.file());

    Path future = copy(saved, dir.resolve("future"));
    Path futureMeta = future.resolve(ModelFile.DESCRIPTION_FILE);
    Files.writeString(futureMeta, json.replace("\"format\": 2", "\"format\": 3"));
    e = assertThrows(DataFileException.class, () -> ModelFile.load(future));
    assertTrue(e.getMessage().contains("has format version 3"), e.getMessage());
    assertTrue(e.getMessage().contains("reads version 2"), e.getMessage());

    Path cut = copy(saved, dir.resolve("truncated-weights"));
    Path weights = cut.resolve(ModelFile.WEIGHTS_FILE);
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, Arrays.copyOf(bytes, bytes.length - 100));
    e = assertThrows(DataFileException.class, () -> ModelFile.load(cut));
    assertTrue(e.getMessage().contains("does not match its description"), e.getMessage());
    assertTrue(e.getMessage().contains((bytes.length - 100) + " bytes"), e.getMessage());
    assertTrue(e.getMessage().contains(bytes.length + " bytes"), e.getMessage());
    assertEquals(weights, e.file());

    Path flipped = copy(saved, dir.resolve("flipped"));
    byte[] changed = bytes.clone();
    changed[changed.length - 1] ^= 1;
    Files.write(flipped.resolve(ModelFile.WEIGHTS_FILE), changed);
    e = assertThrows(DataFileException.class, () -> ModelFile.load(flipped));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertTrue(e.getMessage().contains("from another save"), e.getMessage());

    Path noWeights = copy(saved, dir.resolve("no-weights"));
    Files.delete(noWeights.resolve(ModelFile.WEIGHTS_FILE));
    e = assertThrows(DataFileException.class, () -> ModelFile.load(noWeights));
    assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    assertEquals(noWeights.resolve(ModelFile.WEIGHTS_FILE), e.file());
  }

  @Test
  void foldersOfTheEarlierTrainedMlpAndTrainedConvNetStillLoad(@TempDir Path dir)
      throws IOException {
    Path oldMlp = dir.resolve("old-mlp");
    LegacyFolders.writeMlp(mlp, oldMlp);
    assertEquals(List.of("locspec-mlp.json", "mlp-0000.params"), names(oldMlp));
    assertTrue(ModelFile.exists(oldMlp));
    try (TrainedNetwork back = ModelFile.load(oldMlp)) {
      assertSameNetwork(mlp, back);
      assertEquals(mlp.data().trainSet(), back.data().trainSet());
      assertEquals(0, back.data().trainImages()); // not recorded then
      assertEquals(test.size(), back.data().testImages());
    }
    Path oldCnn = dir.resolve("old-cnn");
    LegacyFolders.writeConvNet(cnn, oldCnn);
    try (TrainedNetwork back = ModelFile.load(oldCnn)) {
      assertSameNetwork(cnn, back);
      assertEquals(Augmentation.paper(), back.config().augmentation());
    }
    // The old conv-net folders recorded a checksum: it is checked too.
    Path params = oldCnn.resolve("convnet-0000.params");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length - 1] ^= 1;
    Files.write(params, bytes);
    DataFileException e = assertThrows(DataFileException.class, () -> ModelFile.load(oldCnn));
    assertTrue(e.getMessage().contains("does not match its description"), e.getMessage());

    // upgrade() rewrites an old folder in today's format.
    ModelFile.upgrade(oldMlp);
    assertEquals(List.of(ModelFile.DESCRIPTION_FILE, ModelFile.WEIGHTS_FILE), names(oldMlp));
    try (TrainedNetwork back = ModelFile.load(oldMlp)) {
      assertSameNetwork(mlp, back);
    }
  }

  @Test
  void weightsOfAnotherNetworkAreRejected(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    ModelFile.save(cnn, a);
    ModelFile.save(mlp, b);
    Files.copy(
        b.resolve(ModelFile.WEIGHTS_FILE),
        a.resolve(ModelFile.WEIGHTS_FILE),
        StandardCopyOption.REPLACE_EXISTING);
    DataFileException e = assertThrows(DataFileException.class, () -> ModelFile.load(a));
    assertTrue(e.getMessage().contains("does not match its description"), e.getMessage());
  }

  static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }
}
