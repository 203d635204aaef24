package org.locspec.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.Partition;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.DatasetExamples;
import org.locspec.coherence.FeatureVisualization;
import org.locspec.coherence.Measure;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TrainedNetwork;
import org.locspec.zoo.ModelZoo;
import org.locspec.zoo.ZooEntry;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The papers' per-network numbers for the models of a zoo ({@code environment/zoo.sh}):
 * clusterability (true n-cut, shuffled mean ± sd, percentile, z; k = 12, paper shuffles),
 * importance (k = 16 sub-clusters, 19 random lesions, BH at q = 0.05, Fisher combined p, mean
 * effect factor) and coherence by dataset examples (sub-clusters coherent after BH, Fisher p) and
 * by feature visualization (coherent after BH by final objective and by softmax entropy). Every
 * random step is seeded with the model's seed.
 *
 * <pre>{@code
 * ZooReport report = ZooReport.compute(Path.of("zoo"), ZooReportOptions.paper(), progress);
 * report.toTable();
 * }</pre>
 *
 * <p>{@code ZooReportMain} is its command ({@code environment/zoo-report.sh}).
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), table of
 * n-cuts and percentiles; Hod et al., "Quantifying Local Specialization in Deep Neural Networks"
 * (arXiv 2110.08058), importance and coherence tables.
 *
 * @param rows one row per model, in the zoo index's order
 */
public record ZooReport(List<Row> rows) {

  /** Copies the rows. */
  public ZooReport {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
  }

  /**
   * Clusterability of a network's weight graph (k = 12) against its shuffled baseline.
   *
   * @param ncut the true n-cut
   * @param shuffledMean the shuffled networks' mean n-cut
   * @param shuffledSd their standard deviation
   * @param percentile (#shuffled below the true n-cut + 1) / (shuffles + 1)
   * @param z (true − mean) / sd
   */
  public record Clusterability(
      double ncut, double shuffledMean, double shuffledSd, double percentile, double z) {}

  /**
   * The importance test of the sub-clusters (k = 16).
   *
   * @param subClusters sub-clusters tested
   * @param significant important after Benjamini–Hochberg
   * @param fisherP Fisher's combined p-value
   * @param meanEffectFactor the mean effect factor
   */
  public record Importance(
      int subClusters, int significant, double fisherP, double meanEffectFactor) {}

  /**
   * Coherence by dataset examples.
   *
   * @param subClusters sub-clusters measured
   * @param coherent coherent after Benjamini–Hochberg
   * @param fisherP Fisher's combined p-value
   */
  public record Coherence(int subClusters, int coherent, double fisherP) {}

  /**
   * Coherence by feature visualization.
   *
   * @param subClusters sub-clusters visualized
   * @param byScore coherent by the final objective after Benjamini–Hochberg
   * @param byEntropy coherent by the softmax entropy after Benjamini–Hochberg
   */
  public record Visualization(int subClusters, int byScore, int byEntropy) {}

  /**
   * One model's numbers; an analysis that was switched off is null.
   *
   * @param entry the zoo model
   * @param clusterability n-cut against shuffled networks
   * @param importance the importance test, or null
   * @param coherence coherence by dataset examples, or null
   * @param visualization coherence by feature visualization, or null
   */
  public record Row(
      ZooEntry entry,
      Clusterability clusterability,
      Importance importance,
      Coherence coherence,
      Visualization visualization) {

    /** Checks the fields. */
    public Row {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(clusterability, "clusterability");
    }
  }

  /**
   * Computes the report for the selected models of a zoo.
   *
   * @param zoo the zoo's root folder
   * @param options which models and analyses
   * @param progress receives the analyses' tasks
   * @return one row per selected model
   */
  public static ZooReport compute(Path zoo, ZooReportOptions options, ProgressListener progress) {
    return compute(zoo, options, Datasets::load, progress);
  }

  /**
   * Like {@link #compute(Path, ZooReportOptions, ProgressListener)}, with the test images read by a
   * given loader (e.g. a subset, or another data folder).
   *
   * @param zoo the zoo's root folder
   * @param options which models and analyses
   * @param loader gives the test split of a model's data set
   * @param progress receives the analyses' tasks
   * @return one row per selected model
   */
  public static ZooReport compute(
      Path zoo,
      ZooReportOptions options,
      BiFunction<String, Split, ImageDataset> loader,
      ProgressListener progress) {
    Objects.requireNonNull(options, "options (e.g. ZooReportOptions.paper())");
    Objects.requireNonNull(progress, "progress (use ProgressListener.none() for none)");
    List<Row> rows = new ArrayList<>();
    for (ZooEntry e : models(zoo, options)) {
      rows.add(row(zoo, e, options, loader.apply(e.dataset(), Split.TEST), progress));
    }
    return new ZooReport(rows);
  }

  /**
   * The models of a zoo that the options select, in the index's order.
   *
   * @param zoo the zoo's root folder
   * @param options which models
   * @return their entries
   */
  public static List<ZooEntry> models(Path zoo, ZooReportOptions options) {
    return ModelZoo.index(zoo).entries().stream().filter(options::selects).toList();
  }

  /**
   * Computes one model's row (what {@link #compute} does for each model).
   *
   * @param zoo the zoo's root folder
   * @param e the model
   * @param options which analyses
   * @param test the test images of the model's data set (lesions and dataset examples)
   * @param bar receives the analyses' tasks
   * @return the row
   */
  public static Row row(
      Path zoo, ZooEntry e, ZooReportOptions options, ImageDataset test, ProgressListener bar) {
    try (TrainedNetwork mlp = ModelZoo.load(zoo, e);
        Network net = mlp.network()) {
      LayerWeights weights = NetworkGraphs.weights(net, Norm.L1);
      ClusterabilityResult c =
          ShuffledBaseline.run(
              weights,
              SpectralOptions.paper().withSeed(e.seed()),
              ShuffleOptions.paper().withSamples(options.shuffles()).withSeed(e.seed()),
              bar);
      Clusterability clusterability =
          new Clusterability(
              c.trueNcut(), c.shuffledMean(), c.shuffledSd(), c.percentile(), c.zScore());
      Partition p16 =
          SpectralClustering.fit(
              NeuronGraph.fromWeights(weights), SpectralOptions.paper(16).withSeed(e.seed()));
      String output = net.unitLayers().get(net.unitLayers().size() - 1).name();
      Analysed m = new Analysed(net, test, p16, List.of("input", output), e.seed(), bar);
      return new Row(
          e,
          clusterability,
          options.importance() ? m.importance() : null,
          options.coherence() ? m.coherence() : null,
          options.visualization() ? m.visualization() : null);
    }
  }

  /** One network with its k = 16 partition, the layers not lesioned, its seed and progress. */
  private record Analysed(
      Network net,
      ImageDataset test,
      Partition p16,
      List<String> excluded,
      long seed,
      ProgressListener bar) {

    Importance importance() {
      List<SubCluster> subs = SubClusters.forImportance(p16, excluded);
      ImportanceResult r =
          ImportanceTest.run(net, test, subs, ImportanceOptions.paper().withSeed(seed), bar);
      return new Importance(subs.size(), r.significantCount(), r.combinedP(), r.meanEffectFactor());
    }

    Coherence coherence() {
      List<SubCluster> subs = SubClusters.forCoherence(p16, excluded);
      CoherenceResult r =
          DatasetExamples.run(net, test, subs, CoherenceOptions.paper().withSeed(seed), bar);
      return new Coherence(
          r.scores(r.measure()).size(), r.coherent(r.measure()).size(), r.combinedP());
    }

    Visualization visualization() {
      List<SubCluster> subs =
          SubClusters.forImportance(p16, excluded).stream()
              .filter(s -> s.size() > 2 && s.size() < s.layerUnits())
              .toList();
      CoherenceResult r =
          FeatureVisualization.run(net, subs, CoherenceOptions.paper().withSeed(seed), bar);
      return new Visualization(
          r.scores(Measure.VIS_SCORE).size(),
          r.coherent(Measure.VIS_SCORE).size(),
          r.coherent(Measure.VIS_ENTROPY).size());
    }
  }

  /**
   * The papers' per-network table: one row per model; columns of a switched-off analysis are
   * missing values.
   *
   * @return the table "specialization of the model zoo"
   */
  public Table toTable() {
    Table t =
        Table.create(
            "specialization of the model zoo",
            StringColumn.create("dataset"),
            StringColumn.create("architecture"),
            StringColumn.create("regime"),
            LongColumn.create("seed"),
            DoubleColumn.create("test accuracy"),
            DoubleColumn.create("n-cut"),
            DoubleColumn.create("shuffled mean"),
            DoubleColumn.create("shuffled sd"),
            DoubleColumn.create("percentile"),
            DoubleColumn.create("z"),
            IntColumn.create("importance sub-clusters"),
            IntColumn.create("important after BH"),
            DoubleColumn.create("importance Fisher p"),
            DoubleColumn.create("mean effect factor"),
            IntColumn.create("coherence sub-clusters"),
            IntColumn.create("coherent after BH"),
            DoubleColumn.create("coherence Fisher p"),
            IntColumn.create("visualized sub-clusters"),
            IntColumn.create("coherent by vis score after BH"),
            IntColumn.create("coherent by vis entropy after BH"));
    for (Row r : rows) {
      ZooEntry e = r.entry();
      Clusterability c = r.clusterability();
      Importance i = r.importance();
      Coherence co = r.coherence();
      Visualization v = r.visualization();
      List<Object> cells = new ArrayList<>();
      cells.addAll(List.of(e.dataset(), e.architecture(), e.regime(), e.seed(), e.testAccuracy()));
      cells.addAll(List.of(c.ncut(), c.shuffledMean(), c.shuffledSd(), c.percentile(), c.z()));
      cells.addAll(
          i == null
              ? nulls(4)
              : List.of(i.subClusters(), i.significant(), i.fisherP(), i.meanEffectFactor()));
      cells.addAll(co == null ? nulls(3) : List.of(co.subClusters(), co.coherent(), co.fisherP()));
      cells.addAll(v == null ? nulls(3) : List.of(v.subClusters(), v.byScore(), v.byEntropy()));
      for (int col = 0; col < cells.size(); col++) {
        append(t, col, cells.get(col));
      }
    }
    return t;
  }

  private static List<Object> nulls(int n) {
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(null);
    }
    return out;
  }

  private static void append(Table t, int col, Object value) {
    if (value == null) {
      t.column(col).appendMissing();
    } else if (t.column(col) instanceof StringColumn s) {
      s.append((String) value);
    } else if (t.column(col) instanceof LongColumn l) {
      l.append((Long) value);
    } else if (t.column(col) instanceof IntColumn i) {
      i.append((Integer) value);
    } else {
      ((DoubleColumn) t.column(col)).append((Double) value);
    }
  }

  /**
   * Writes {@link #toTable()} as CSV: to a temporary file beside {@code file}, then renamed.
   *
   * @param file the CSV file, e.g. {@code zoo/report.csv}
   * @throws UncheckedIOException naming the file if writing fails
   */
  public void writeCsv(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, "report", ".csv.tmp");
      try {
        toTable().write().csv(tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("could not write " + file + ": " + ex.getMessage(), ex);
    }
  }

  @Override
  public String toString() {
    return "ZooReport[" + rows.size() + " model" + (rows.size() == 1 ? "" : "s") + "]";
  }
}
