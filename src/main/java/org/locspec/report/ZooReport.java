package org.locspec.report;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralOptions;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.Measure;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.Norm;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.CombinedTests;
import org.locspec.stats.Discoveries;
import org.locspec.stats.SequentialMonteCarlo;
import org.locspec.train.TrainedNetwork;
import org.locspec.viz.Export;
import org.locspec.viz.Format;
import org.locspec.viz.Tabular;
import org.locspec.zoo.ModelZoo;
import org.locspec.zoo.ZooEntry;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The papers' per-network numbers for the models of a zoo ({@code environment/zoo.sh}):
 * clusterability (true n-cut, shuffled mean ± sd, percentile, z; k = 12, paper shuffles),
 * importance (k = 16 sub-clusters: important after Benjamini–Hochberg at q = 0.05 under LocSpec's
 * sequential test, with the draws it took, beside the papers' 19-draw {@code combined_p_means},
 * {@code combined_p_ranges}, {@code effect_factor_means}, {@code effect_factor_range} and LocSpec's
 * mean effect factor) and coherence by dataset examples and by feature visualization (coherent
 * after BH under the sequential test, beside the papers' combined p and effect factor). {@link
 * #caption()} says whether each 0 means "none found" or "cannot be found with these draws". Every
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
public record ZooReport(List<Row> rows) implements Tabular {

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
   * The importance test of the sub-clusters (k = 16), with LocSpec's default options ({@link
   * ImportanceOptions#defaults()}: the sequential test, the papers' 19 draws beside it).
   *
   * @param found LocSpec's finding: sub-clusters important after Benjamini–Hochberg under the
   *     sequential test, with the draws used and what a 0 means
   * @param combinedPMeans the papers' {@code combined_p_means} (first 19 random lesions)
   * @param combinedPRanges the papers' {@code combined_p_ranges}
   * @param effectFactorMeans the papers' {@code effect_factor_means}, 1 = like random
   * @param effectFactorRange the papers' {@code effect_factor_range}, 1 = like random
   * @param meanEffectFactor LocSpec's mean effect factor, in [0, 1], 0.5 = like random
   */
  public record Importance(
      Discoveries found,
      double combinedPMeans,
      double combinedPRanges,
      double effectFactorMeans,
      double effectFactorRange,
      double meanEffectFactor) {

    /** The sub-clusters tested. */
    public int subClusters() {
      return found.tests();
    }
  }

  /**
   * Coherence by dataset examples (label entropy), with {@link CoherenceOptions#defaults()}.
   *
   * @param found sub-clusters coherent after Benjamini–Hochberg under the sequential test
   * @param combinedP the papers' combined p of the label entropy (first 19 random sets)
   * @param effectFactor the papers' mean effect factor, above 1 = coherent
   */
  public record Coherence(Discoveries found, double combinedP, double effectFactor) {}

  /**
   * Coherence by feature visualization, with {@link CoherenceOptions#defaults()}.
   *
   * @param byScore sub-clusters coherent by the final objective after Benjamini–Hochberg
   * @param byEntropy sub-clusters coherent by the softmax entropy after Benjamini–Hochberg
   * @param combinedPScore the papers' combined p of the objective (their "loss")
   * @param combinedPEntropy the papers' combined p of the entropy
   * @param effectFactorScore the papers' mean effect factor of the objective, below 1 = coherent
   * @param effectFactorEntropy the papers' mean effect factor of the entropy, above 1 = coherent
   */
  public record Visualization(
      Discoveries byScore,
      Discoveries byEntropy,
      double combinedPScore,
      double combinedPEntropy,
      double effectFactorScore,
      double effectFactorEntropy) {}

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
   * @param options which analyses, on which test images ({@link ZooReportOptions#testImagesOf})
   * @param split the test split of the model's data set (lesions and dataset examples run on it, or
   *     on the options' sample of it)
   * @param bar receives the analyses' tasks
   * @return the row
   */
  public static Row row(
      Path zoo, ZooEntry e, ZooReportOptions options, ImageDataset split, ProgressListener bar) {
    ImageDataset test = options.testImagesOf(split);
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
      ModelAnalysis m = ModelAnalysis.of(net, test, e.seed(), bar);
      return new Row(
          e,
          clusterability,
          options.importance() ? importance(m) : null,
          options.coherence() ? coherence(m) : null,
          options.visualization() ? visualization(m) : null);
    }
  }

  /**
   * A network's importance row; with no sub-cluster that qualifies (e.g. an L2 net whose units are
   * mostly dead), zero tests and undefined statistics instead of an error that would end the
   * report.
   */
  static Importance importance(ModelAnalysis m) {
    ImportanceOptions o = ImportanceOptions.defaults().withSeed(m.seed());
    return m.importance(o)
        .map(
            r ->
                new Importance(
                    r.discoveries(),
                    r.combinedPMeans(),
                    r.combinedPRanges(),
                    r.effectFactorMeans(),
                    r.effectFactorRange(),
                    r.meanEffectFactor()))
        .orElseGet(
            () ->
                new Importance(
                    o.discoveries(0, 0, 0),
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN));
  }

  /** A network's coherence row by dataset examples; zero tests when no sub-cluster qualifies. */
  static Coherence coherence(ModelAnalysis m) {
    CoherenceOptions o = CoherenceOptions.defaults().withSeed(m.seed());
    return m.coherence(o)
        .map(
            r ->
                new Coherence(
                    r.discoveries(r.measure()), r.combinedP(), r.meanEffectFactor(r.measure())))
        .orElseGet(() -> new Coherence(o.discoveries(0, 0, 0), Double.NaN, Double.NaN));
  }

  /** A network's feature-visualization row; zero tests when no sub-cluster qualifies. */
  static Visualization visualization(ModelAnalysis m) {
    CoherenceOptions o = CoherenceOptions.defaults().withSeed(m.seed());
    return m.visualization(o)
        .map(
            r ->
                new Visualization(
                    r.discoveries(Measure.VIS_SCORE),
                    r.discoveries(Measure.VIS_ENTROPY),
                    r.combinedP(Measure.VIS_SCORE),
                    r.combinedP(Measure.VIS_ENTROPY),
                    r.meanEffectFactor(Measure.VIS_SCORE),
                    r.meanEffectFactor(Measure.VIS_ENTROPY)))
        .orElseGet(
            () -> {
              Discoveries none = o.discoveries(0, 0, 0);
              return new Visualization(none, none, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            });
  }

  /**
   * The papers' per-network table: one row per model; LocSpec's counts after Benjamini–Hochberg
   * under the sequential test with the draws they took, beside the papers' 19-draw statistics named
   * as their code names them; columns of a switched-off analysis are missing values.
   *
   * @return the table "specialization of the model zoo"
   */
  @Override
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
            DoubleColumn.create("z"));
    t.addColumns(Columns.IMPORTANCE.create().toArray(new Column<?>[0]));
    t.addColumns(Columns.COHERENCE.create().toArray(new Column<?>[0]));
    t.addColumns(Columns.VISUALIZATION.create().toArray(new Column<?>[0]));
    for (Row r : rows) {
      ZooEntry e = r.entry();
      Clusterability c = r.clusterability();
      List<Object> cells = new ArrayList<>();
      cells.addAll(List.of(e.dataset(), e.architecture(), e.regime(), e.seed(), e.testAccuracy()));
      cells.addAll(List.of(c.ncut(), c.shuffledMean(), c.shuffledSd(), c.percentile(), c.z()));
      cells.addAll(Columns.IMPORTANCE.cells(r.importance()));
      cells.addAll(Columns.COHERENCE.cells(r.coherence()));
      cells.addAll(Columns.VISUALIZATION.cells(r.visualization()));
      for (int col = 0; col < cells.size(); col++) {
        append(t, col, cells.get(col));
      }
    }
    return t;
  }

  /** The columns of one analysis and the cells of a row (missing when it was switched off). */
  private enum Columns {
    IMPORTANCE(
        "importance sub-clusters",
        "important after BH",
        "importance draws",
        "combined_p_means",
        "combined_p_ranges",
        "effect_factor_means",
        "effect_factor_range",
        "mean effect factor"),
    COHERENCE(
        "coherence sub-clusters",
        "coherent after BH",
        "coherence draws",
        "coherence combined_p",
        "coherence effect_factor"),
    VISUALIZATION(
        "visualized sub-clusters",
        "coherent by vis score after BH",
        "coherent by vis entropy after BH",
        "visualization draws",
        "vis combined_p (objective)",
        "vis combined_p (entropy)",
        "vis effect_factor (objective)",
        "vis effect_factor (entropy)");

    private final List<String> names;

    Columns(String... names) {
      this.names = List.of(names);
    }

    /** Empty columns: counts as integers, draws as longs, statistics as doubles. */
    List<Column<?>> create() {
      List<Column<?>> out = new ArrayList<>();
      for (String n : names) {
        out.add(
            n.endsWith("draws")
                ? LongColumn.create(n)
                : n.contains("sub-clusters") || n.contains("after BH")
                    ? IntColumn.create(n)
                    : DoubleColumn.create(n));
      }
      return out;
    }

    /** The cells of one analysis's value, or missing values. */
    List<Object> cells(Record value) {
      if (value == null) {
        return nulls(names.size());
      }
      if (value instanceof Importance i) {
        return List.of(
            i.subClusters(),
            i.found().rejected(),
            i.found().draws(),
            i.combinedPMeans(),
            i.combinedPRanges(),
            i.effectFactorMeans(),
            i.effectFactorRange(),
            i.meanEffectFactor());
      }
      if (value instanceof Coherence c) {
        return List.of(
            c.found().tests(),
            c.found().rejected(),
            c.found().draws(),
            c.combinedP(),
            c.effectFactor());
      }
      Visualization v = (Visualization) value;
      return List.of(
          v.byScore().tests(),
          v.byScore().rejected(),
          v.byEntropy().rejected(),
          v.byScore().draws() + v.byEntropy().draws(),
          v.combinedPScore(),
          v.combinedPEntropy(),
          v.effectFactorScore(),
          v.effectFactorEntropy());
    }
  }

  /**
   * What the table shows and what its counts mean: the test behind the "after BH" columns, its
   * smallest attainable p-value and whether a 0 in each analysis means "none found" or "cannot be
   * found with these draws" (naming the networks where the draws limited the decision), and the
   * papers' columns with their directions.
   */
  @Override
  public String caption() {
    StringBuilder sb =
        new StringBuilder(
            "One row per zoo network. n-cut: of the weight graph's k = 12 partition, in [0, 12],"
                + " low = clusterable; percentile: share of shuffled networks with a lower n-cut"
                + " (+1)/(shuffles + 1), z: (n-cut - shuffled mean)/shuffled sd. Sub-clusters"
                + " from the k = 16 partition. \"after BH\" columns: LocSpec's per-sub-cluster "
                + SequentialMonteCarlo.defaults()
                + ", then Benjamini–Hochberg at q = 0.05 over a"
                + " network's sub-clusters; \"draws\": random lesions or sets the tests used in"
                + " total. ");
    sb.append(finding("Importance", r -> r.importance() == null ? null : r.importance().found()));
    sb.append(finding("Coherence", r -> r.coherence() == null ? null : r.coherence().found()));
    sb.append(
        finding(
            "Visualization (objective)",
            r -> r.visualization() == null ? null : r.visualization().byScore()));
    return sb.append(
            "The papers' columns come from the first 19 random lesions or sets, as their code"
                + " computes them: combined_p* (Fisher on mid-rank-corrected percentiles) low ="
                + " important / class-specific / coherent; effect_factor_means above 1 = more"
                + " harmful than random lesions, effect_factor_range below 1 = more"
                + " class-specific; coherence effect_factor (mean random / observed) above 1 ="
                + " coherent for entropies, below 1 for the objective (a mean over sub-clusters,"
                + " as the papers take it: one sub-cluster whose visualization the network"
                + " classifies with near certainty, entropy near 0, makes the entropy ratio and"
                + " its mean huge, e.g. 1e10; the per-sub-cluster tests are not affected); mean"
                + " effect factor (LocSpec's) in [0, 1], 0.5 = like random lesions; – = undefined"
                + " or not run.")
        .append(acrossSeeds())
        .toString();
  }

  /**
   * The papers' combination across networks: per data set and regime, the Bates combined p-value
   * ({@link CombinedTests#bates}) of the seeds' {@code combined_p_means}; empty without importance.
   */
  private String acrossSeeds() {
    Map<String, List<Double>> byRegime = new LinkedHashMap<>();
    for (Row r : rows) {
      // a net with no sub-cluster to test has no combined_p_means: the seeds that have one count
      if (r.importance() != null && !Double.isNaN(r.importance().combinedPMeans())) {
        byRegime
            .computeIfAbsent(r.entry().dataset() + "/" + r.entry().regime(), k -> new ArrayList<>())
            .add(r.importance().combinedPMeans());
      }
    }
    if (byRegime.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    byRegime.forEach(
        (k, p) -> {
          double bates = CombinedTests.bates(p.stream().mapToDouble(d -> d).toArray());
          String seeds = p.size() == 1 ? " seed)" : " seeds)";
          parts.add(k + " " + Format.number(bates) + " (" + p.size() + seeds);
        });
    return " The papers' Bates combination of combined_p_means across seeds (low = important): "
        + String.join(", ", parts)
        + ".";
  }

  /** One sentence: what a 0 of one analysis means across the networks. */
  private String finding(String analysis, Function<Row, Discoveries> of) {
    List<String> limited = new ArrayList<>();
    double smallest = Double.NaN;
    int max = 0;
    for (Row r : rows) {
      Discoveries d = of.apply(r);
      if (d != null) {
        smallest = d.smallestP();
        max = Math.max(max, d.tests());
        if (d.limitedByDraws() && d.rejected() == 0) {
          limited.add(r.entry().dataset() + "/" + r.entry().regime() + "/" + r.entry().seed());
        }
      }
    }
    if (Double.isNaN(smallest)) {
      return "";
    }
    return analysis
        + ": smallest attainable p "
        + Format.number(smallest)
        + "; "
        + (limited.isEmpty()
            ? "BH could reject a single sub-cluster in every network (up to "
                + max
                + " sub-clusters), so a 0 means none found. "
            : "a 0 cannot be found with these draws in "
                + limited
                + " (BH could not reject a"
                + " single sub-cluster there); elsewhere a 0 means none found. ");
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
    Export.csv(toTable(), file);
  }

  @Override
  public String toString() {
    return "ZooReport[" + rows.size() + " model" + (rows.size() == 1 ? "" : "s") + "]";
  }
}
