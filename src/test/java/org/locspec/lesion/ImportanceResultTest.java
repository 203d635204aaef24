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
import org.locspec.stats.MonteCarloPValue;
import tech.tablesaw.api.Table;

class ImportanceResultTest {
  static ImportanceResult planted;
  static ImportanceResult plantedOtherSeed;

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
      assertTrue(tasks.get(1).contains("of 5 sub-clusters significant"), tasks.get(1));
      plantedOtherSeed =
          ImportanceTest.run(
              net, data, subs, ImportanceOptions.paper().withSeed(9), ProgressListener.none());
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
        planted.toString().startsWith("ImportanceResult[planted on planted-data: 5 sub-clusters"),
        planted.toString());
    assertEquals(-1, planted.toString().indexOf('\n'), "one line: " + planted.toString());
    assertTrue(
        planted.caption().contains("– when the mean accuracy change is 0"), planted.caption());
    assertTrue(planted.caption().contains("here at least 0.05"), planted.caption());
  }

  @Test
  void combinedPValuesUseMidRankFisherAndBates() {
    double[] p = new double[5];
    for (int i = 0; i < 5; i++) {
      p[i] = MonteCarloPValue.midRank(planted.rows().get(i).pMean(), 19);
    }
    assertEquals(CombinedTests.fisher(p), planted.combinedP(), 1e-15);
    assertEquals(
        CombinedTests.bates(new double[] {planted.combinedP(), plantedOtherSeed.combinedP()}),
        ImportanceResult.combineAcrossNets(List.of(planted, plantedOtherSeed)),
        1e-15);
    assertTrue(planted.combinedPRange() < 0.01, "range " + planted.combinedPRange());
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
    assertEquals(planted.combinedP(), t.doubleColumn("combined p mean").get(0), 0);
    assertEquals(planted.meanEffectFactor(), t.doubleColumn("mean effect factor").get(0), 0);
  }
}
