package org.locspec.lesion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.locspec.cluster.PartitionProvenance;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.SubCluster;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.CombinedTests;
import tech.tablesaw.api.Table;

class ImportanceResultTest {
  static ImportanceResult planted;
  static ImportanceResult plantedOtherSeed;
  static ImportanceResult sequential;

  @BeforeAll
  static void run() {
    List<SubCluster> subs = new ArrayList<>(ImportanceAnalysisTest.blocks());
    subs.add(ImportanceAnalysisTest.mixed());
    try (Network net = ImportanceAnalysisTest.planted()) {
      var data = ImportanceAnalysisTest.plantedData(800, 4);
      List<String> tasks = new ArrayList<>();
      ProgressListener listener =
          new ProgressListener() {
            @Override
            public void start(String task, long total) {
              tasks.add(task + "/" + total);
            }

            @Override
            public void update(long done, String message) {}

            @Override
            public void finish(String message) {
              tasks.add(message);
            }
          };
      planted = ImportanceTest.run(net, data, subs, ImportanceOptions.paper(), listener);
      assertEquals("importance of 5 sub-clusters of planted/5", tasks.get(0));
      assertTrue(
          tasks.get(1).startsWith("0 of 5 sub-clusters important after Benjamini–Hochberg"),
          tasks.get(1));
      plantedOtherSeed =
          ImportanceTest.run(
              net, data, subs, ImportanceOptions.paper().withSeed(9), ProgressListener.none());
      sequential = ImportanceTest.run(net, data, subs);
    }
  }

  @Test
  void tableHasOneRowPerSubClusterWithProvenance() {
    Table t = planted.toTable();
    assertEquals(5, t.rowCount());
    assertEquals("importance of planted on planted-data", t.name());
    assertEquals("dense1", t.stringColumn("layer").get(0));
    assertEquals(4, t.intColumn("size").get(4));
    assertEquals(0.05, t.doubleColumn("p mean").get(0), 1e-12);
    assertEquals(19, t.intColumn("draws").get(0));
    assertEquals(16, t.columnCount());
    assertEquals(
        planted.rows().get(1).meanPercentile(), t.doubleColumn("mean_percentile").get(1), 0);
    assertTrue(t.doubleColumn("q (BH)").get(0) > 0.05);
    assertEquals(false, t.booleanColumn("important").get(0));
    assertEquals(
        planted.rows().get(4).effectFactorMeans(), t.doubleColumn("effect_factor_means").get(4), 0);
    Provenance<ImportanceOptions> p = planted.provenance();
    assertEquals("planted", p.network());
    assertEquals(new Provenance.Data("planted-data", "planted-data", "unknown", 800), p.data());
    assertEquals(PartitionProvenance.given(), p.partition());
    assertEquals(ImportanceOptions.paper(), p.options());
    assertEquals(0L, p.seed());
    assertEquals(9L, plantedOtherSeed.provenance().seed());
    assertTrue(
        planted.toString().startsWith("ImportanceResult[planted on planted-data, intact accuracy"),
        planted.toString());
    assertEquals(-1, planted.toString().indexOf('\n'), "one line: " + planted.toString());
    // With the papers' 19 draws the 0 is not a finding; the sequential test finds the 4 blocks.
    assertTrue(planted.toString().contains("0 of 5 sub-clusters important"), planted.toString());
    assertTrue(planted.toString().contains("cannot be found with these draws"), planted.toString());
    assertTrue(planted.caption().contains("at least 5 of the 5 reach p = 0.05"), planted.caption());
    assertTrue(planted.caption().contains("– when the mean change is 0"), planted.caption());
    assertTrue(planted.caption().contains("in [0.05, 1]"), planted.caption());
    assertTrue(
        sequential.toString().contains("4 of 5 sub-clusters important"), sequential.toString());
    assertTrue(sequential.caption().contains("smallest attainable p 0.001"), sequential.caption());
    assertTrue(
        sequential.caption().contains("evaluated with the papers' 19"), sequential.caption());
    assertEquals(sequential.totalDraws(), sequential.discoveries().draws());
    assertEquals(
        sequential.rows().stream().mapToInt(SubClusterImportance::draws).sum(),
        sequential.totalDraws());
    assertTrue(sequential.lesionsDrawn() >= sequential.totalDraws());
  }

  @Test
  void papersCombinedPValuesAreTheirCombinePsAndBatesAcrossNets() {
    double[] pct = new double[5];
    for (int i = 0; i < 5; i++) {
      pct[i] = planted.rows().get(i).meanPercentile();
    }
    assertEquals(CombinedTests.combinePs(pct, 19), planted.combinedPMeans(), 1e-15);
    assertEquals(
        CombinedTests.bates(
            new double[] {planted.combinedPMeans(), plantedOtherSeed.combinedPMeans()}),
        ImportanceResult.combineAcrossNets(List.of(planted, plantedOtherSeed)),
        1e-15);
    assertTrue(planted.combinedPRanges() < 0.01, "range " + planted.combinedPRanges());
    // The papers' statistics of the default (sequential) run come from the same first 19 draws.
    assertEquals(planted.combinedPMeans(), sequential.combinedPMeans(), 0);
    assertEquals(planted.combinedPRanges(), sequential.combinedPRanges(), 0);
    assertEquals(planted.effectFactorMeans(), sequential.effectFactorMeans(), 0);
    assertEquals(planted.effectFactorRange(), sequential.effectFactorRange(), 0);
  }

  @Test
  void chartsRender() throws Exception {
    SubCluster block = ImportanceAnalysisTest.blocks().get(2);
    CategoryChart profile = planted.profileChart(block);
    assertEquals(3, profile.getSeriesMap().size());
    assertEquals(4, profile.getSeriesMap().get("intact").getXData().size());
    XYChart scatter = planted.importanceVsSize();
    int points = scatter.getSeriesMap().values().stream().mapToInt(s -> s.getXData().length).sum();
    assertEquals(5, points);
    assertTrue(BitmapEncoder.getBitmapBytes(profile, BitmapEncoder.BitmapFormat.PNG).length > 1000);
    assertTrue(BitmapEncoder.getBitmapBytes(scatter, BitmapEncoder.BitmapFormat.PNG).length > 1000);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> planted.profileChart(new SubCluster("dense1", 7, new int[] {1, 2}, 16)));
    assertTrue(e.getMessage().contains("was not tested"), e.getMessage());
  }

  @Test
  void summaryTableKeepsCallerLabels() {
    Map<String, ImportanceResult> m = new LinkedHashMap<>();
    m.put("planted / weights / global", planted);
    m.put("planted / activations / local", plantedOtherSeed);
    Table t = ImportanceResult.summaryTable(m);
    assertEquals(2, t.rowCount());
    assertEquals("planted / activations / local", t.stringColumn("label").get(1));
    assertEquals(5, t.intColumn("sub-clusters").get(0));
    assertEquals(planted.combinedPMeans(), t.doubleColumn("combined_p_means").get(0), 0);
    assertEquals(planted.meanEffectFactor(), t.doubleColumn("mean effect factor").get(0), 0);
    assertEquals("cannot be found with these draws", t.stringColumn("finding").get(0));
    assertEquals(0.05, t.doubleColumn("smallest p").get(0), 1e-15);
    Table both = ImportanceResult.summaryTable(Map.of("sequential", sequential));
    assertEquals(4, both.intColumn("important (BH)").get(0));
    assertEquals("4 found", both.stringColumn("finding").get(0));
    assertEquals(sequential.totalDraws(), both.longColumn("draws").get(0));
  }
}
