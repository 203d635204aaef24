package org.locspec.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.SubCluster;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.Measure;
import org.locspec.data.ImageDataset;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.report.PartitionGrid.Kind;
import org.locspec.stats.CombinedTests;
import tech.tablesaw.api.Table;

/**
 * The four partitions of a network with planted modules, and the importance and coherence grids.
 */
class GridsTest {
  static final PartitionGrid.Options OPTIONS =
      PartitionGrid.Options.paper().withK(PlantedModules.CLASSES).withActivationSamples(300);
  static final ImageDataset TRAIN = PlantedModules.data("planted/train", 600, 1);
  static final ImageDataset TEST = PlantedModules.data("planted/test", 300, 2);

  static Network planted;
  static PartitionGrid grid;
  static ImportanceGrid importance;

  @BeforeAll
  static void fit() {
    planted = PlantedModules.network(false);
    grid = PartitionGrid.fit(planted, TRAIN, OPTIONS, ProgressListener.none());
    importance =
        ImportanceGrid.run(
            planted, TEST, grid, ImportanceOptions.paper().withSeed(3), ProgressListener.none());
  }

  /** The unit sets of a list of sub-clusters, as sets of "layer:unit". */
  private static Set<Set<Integer>> blocksOf(List<SubCluster> subs, String layer) {
    return subs.stream()
        .filter(s -> s.layer().equals(layer))
        .map(s -> Arrays.stream(s.units()).boxed().collect(Collectors.toSet()))
        .collect(Collectors.toSet());
  }

  @Test
  void everyPartitionFindsThePlantedModulesInTheHiddenLayers() {
    Set<Set<Integer>> planted =
        Set.of(Set.of(0, 1, 2, 3, 4), Set.of(5, 6, 7, 8, 9), Set.of(10, 11, 12, 13, 14));
    assertEquals(List.of(Kind.values()), grid.kinds());
    for (Kind k : Kind.values()) {
      List<SubCluster> subs = grid.forImportance(k);
      assertEquals(planted, blocksOf(subs, "dense1"), k.label());
      assertEquals(planted, blocksOf(subs, "dense2"), k.label());
      assertTrue(
          subs.stream().noneMatch(s -> s.layer().equals("input") || s.layer().equals("dense3")),
          k.label() + ": input and output units are never lesioned");
    }
    assertEquals(List.of("input", "dense3"), grid.excludedLayers());
    assertEquals(0.0, grid.ncuts().get(Kind.WEIGHTS_GLOBAL), 1e-9, "three separate components");
    assertFalse(grid.ncuts().containsKey(Kind.WEIGHTS_LOCAL), "local partitions have no n-cut");
    Table t = grid.toTable();
    assertEquals(4, t.rowCount());
    assertEquals(List.of(6, 6, 6, 6), t.intColumn("sub-clusters (lesions)").asList());
    assertTrue(t.doubleColumn("n-cut").isMissing(1));
    assertTrue(grid.toString().startsWith("PartitionGrid[planted: k=3"), grid.toString());
    assertTrue(grid.caption().contains("lower = more modular"), grid.caption());
  }

  @Test
  void plantedModulesAreImportantUnderEveryPartition() {
    assertEquals(4, importance.results().size());
    for (Kind k : Kind.values()) {
      ImportanceResult r = importance.result(k);
      assertEquals(6, r.rows().size(), k.label());
      assertTrue(r.combinedPMeans() < 1e-4, k.label() + " combined p " + r.combinedPMeans());
    }
    Table t = importance.toTable();
    assertEquals(
        List.of(
            "weights / global", "weights / local", "activations / global", "activations / local"),
        t.stringColumn("label").asList());
    assertTrue(importance.toString().contains("weights / local: 6 sub-clusters"));
  }

  @Test
  void acrossNetsCombinesEachKindWithBates() {
    try (Network scrambled = PlantedModules.network(true)) {
      PartitionGrid g = PartitionGrid.fit(scrambled, TRAIN, OPTIONS, ProgressListener.none());
      ImportanceGrid other =
          ImportanceGrid.run(
              scrambled, TEST, g, ImportanceOptions.paper().withSeed(3), ProgressListener.none());
      Table t = ImportanceGrid.acrossNets(Map.of("two nets", List.of(importance, other)));
      assertEquals(4, t.rowCount());
      for (int row = 0; row < 4; row++) {
        Kind k = Kind.values()[row];
        assertEquals(k.label(), t.stringColumn("partition").get(row));
        assertEquals(2, t.intColumn("nets").get(row));
        double expected =
            CombinedTests.bates(
                new double[] {
                  importance.result(k).combinedPMeans(), other.result(k).combinedPMeans()
                });
        assertEquals(expected, t.doubleColumn("combined p mean (Bates)").get(row), 1e-12);
      }
    }
  }

  @Test
  void plantedModulesAreCoherentByTheirTopExamples() {
    CoherenceGrid g =
        CoherenceGrid.examples(
            planted, TEST, grid, CoherenceOptions.paper().withTopK(60), ProgressListener.none());
    assertEquals(CoherenceResult.Analysis.DATASET_EXAMPLES, g.analysis());
    for (Kind k : Kind.values()) {
      CoherenceResult r = g.result(k);
      assertEquals(6, r.scores(Measure.LABEL_ENTROPY).size(), k.label());
      for (var score : r.scores(Measure.LABEL_ENTROPY)) {
        assertEquals(0.0, score.observed(), 1e-12, k.label() + ": top examples of one class");
      }
      assertTrue(
          r.combinedP(Measure.LABEL_ENTROPY) < 0.05,
          k.label() + " " + r.combinedP(Measure.LABEL_ENTROPY));
    }
    Table t = g.toTable();
    assertEquals(8, t.rowCount(), "4 partitions × 2 measures");
    assertEquals(
        g.result(Kind.WEIGHTS_GLOBAL).coherent(Measure.LABEL_ENTROPY).size(),
        t.intColumn("coherent after BH").get(0));
    assertEquals(
        g.result(Kind.ACTIVATIONS_LOCAL).combinedP(Measure.PREDICTION_ENTROPY),
        t.doubleColumn("combined p").get(7),
        1e-12);
    // the papers' effect factor: undefined where every observed entropy is 0 (their code leaves
    // such sub-clusters out), the mean of random / observed elsewhere
    assertTrue(t.doubleColumn("effect_factor").isMissing(0), t.print());
    assertEquals(
        g.result(Kind.ACTIVATIONS_LOCAL).meanEffectFactor(Measure.PREDICTION_ENTROPY),
        t.doubleColumn("effect_factor").getDouble(7),
        1e-12);
    Table across = CoherenceGrid.acrossNets(Map.of("planted", List.of(g)));
    assertEquals(8, across.rowCount());
    assertEquals(
        r0(g, Kind.WEIGHTS_GLOBAL), across.doubleColumn("combined p (Bates)").get(0), 1e-12);
    assertEquals(
        t.doubleColumn("effect_factor").getDouble(7),
        across.doubleColumn("effect_factor").getDouble(7),
        1e-12);
  }

  @Test
  void visualizationGridHasThePapersEffectFactorPerPartitionAndMeasure() {
    CoherenceGrid g =
        CoherenceGrid.visualization(
            planted,
            grid,
            CoherenceOptions.paper().withSteps(8).withSeed(5),
            ProgressListener.none());
    Table t = g.toTable();
    assertEquals(8, t.rowCount(), "4 partitions × 2 measures");
    for (int row = 0; row < t.rowCount(); row++) {
      Kind k = Kind.values()[row / 2];
      Measure m = row % 2 == 0 ? Measure.VIS_SCORE : Measure.VIS_ENTROPY;
      double expected = g.result(k).meanEffectFactor(m);
      assertTrue(Double.isFinite(expected) && expected > 0, k + " " + m + ": " + expected);
      assertEquals(expected, t.doubleColumn("effect_factor").getDouble(row), 1e-12, t.print());
    }
    assertTrue(g.caption().contains("effect_factor (the papers' code)"), g.caption());
  }

  private static double r0(CoherenceGrid g, Kind k) {
    return CombinedTests.bates(new double[] {g.result(k).combinedP(Measure.LABEL_ENTROPY)});
  }

  @Test
  void optionsAndLookupsSayWhatIsWrong() {
    assertEquals(
        "k must be >= 2, got 1 (the papers use 16)",
        assertThrows(IllegalArgumentException.class, () -> OPTIONS.withK(1)).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> OPTIONS.withActivationSamples(2))
            .getMessage()
            .contains("the papers use 5000"));
    PartitionGrid weightsOnly =
        new PartitionGrid(
            "x",
            OPTIONS,
            Map.of(Kind.WEIGHTS_GLOBAL, grid.partition(Kind.WEIGHTS_GLOBAL)),
            Map.of(),
            List.of());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> weightsOnly.partition(Kind.WEIGHTS_LOCAL))
            .getMessage()
            .contains("no weights / local partition"));
  }
}
