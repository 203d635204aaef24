package org.locspec.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.locspec.stats.BaselineStats;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.zoo.ZooRegime;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A sweep's results table: the rows of every unit, the clusterability row of each model completed
 * with its shuffled networks, in a fixed order (data set, architecture, regime, seed, analysis,
 * measure, layer, cluster) whatever order the tasks finished in, with the versions that computed
 * them.
 *
 * <p>References: Filan et al. (arXiv 2103.03386), n-cut against shuffled networks; Hod et al.
 * (arXiv 2110.08058), importance and coherence of sub-clusters.
 *
 * @param rows the rows, ordered
 * @param versions LocSpec, Spark, DJL and Java versions, e.g. "locspec 0.1.0; spark 3.5.8; …"
 */
public record SweepResults(List<SweepRow> rows, String versions) {

  /** The results table's columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "dataset",
          "architecture",
          "regime",
          "seed",
          "test_accuracy",
          "analysis",
          "measure",
          "layer",
          "cluster",
          "units",
          "observed",
          "random_mean",
          "random_sd",
          "p_value",
          "z",
          "effect_factor",
          "q_value",
          "significant",
          "draws",
          "rejected",
          "options",
          "model",
          "train_images",
          "test_images",
          "versions");

  private static final List<String> ANALYSES =
      List.of("clusterability", "importance", "coherence", "visualization");

  /** Copies the rows. */
  public SweepResults {
    rows = List.copyOf(rows);
    Objects.requireNonNull(versions, "versions");
  }

  /**
   * Gathers the units' results: the clusterability row of each model gets the shuffled networks'
   * mean, sd, percentile and z (samples in sample order), and the rows are sorted.
   *
   * @param results every unit's result, in any order
   * @param versions the versions that computed them
   * @return the table
   * @throws IllegalStateException if a model's shuffled networks are incomplete
   */
  public static SweepResults assemble(List<UnitResult> results, String versions) {
    Map<ModelCell, List<UnitResult>> shuffles = new LinkedHashMap<>();
    List<SweepRow> rows = new ArrayList<>();
    for (UnitResult r : results) {
      if (r.unit().kind() == AnalysisUnit.Kind.SHUFFLES) {
        shuffles.computeIfAbsent(r.unit().cell(), k -> new ArrayList<>()).add(r);
      }
    }
    for (UnitResult r : results) {
      for (SweepRow row : r.rows()) {
        rows.add(
            r.unit().kind() == AnalysisUnit.Kind.NCUT
                ? withShuffles(row, shuffles.get(r.unit().cell()))
                : row);
      }
    }
    rows.sort(ORDER);
    return new SweepResults(rows, versions);
  }

  private static SweepRow withShuffles(SweepRow ncut, List<UnitResult> batches) {
    if (batches == null) {
      throw new IllegalStateException("no shuffled networks for " + ncut.label());
    }
    List<UnitResult> sorted =
        batches.stream().sorted(Comparator.comparingInt(b -> b.unit().from())).toList();
    double[] samples = new double[(int) ncut.draws()];
    int next = 0;
    for (UnitResult b : sorted) {
      if (b.unit().from() != next) {
        throw new IllegalStateException(
            ncut.label() + ": shuffled samples from " + next + " are missing");
      }
      System.arraycopy(b.samples(), 0, samples, next, b.samples().length);
      next = b.unit().to();
    }
    if (next != samples.length) {
      throw new IllegalStateException(
          ncut.label() + ": " + next + " of " + samples.length + " shuffled samples");
    }
    double observed = ncut.observed();
    return ncut.withBaseline(
        BaselineStats.mean(samples),
        BaselineStats.sd(samples),
        MonteCarloPValue.percentile(observed, samples),
        MonteCarloPValue.zScore(observed, samples));
  }

  private static final Comparator<SweepRow> ORDER =
      Comparator.comparing(SweepRow::dataset)
          .thenComparing(SweepRow::architecture)
          .thenComparingInt(r -> regimeOrder(r.regime()))
          .thenComparingLong(SweepRow::seed)
          .thenComparingInt(r -> ANALYSES.indexOf(r.analysis()))
          .thenComparing(SweepRow::measure)
          .thenComparing(r -> SweepRow.NETWORK.equals(r.layer()) ? 1 : 0)
          .thenComparing(SweepRow::layer)
          .thenComparingInt(SweepRow::cluster);

  private static int regimeOrder(String id) {
    return ZooRegime.parse(id).ordinal();
  }

  /**
   * The table: the columns {@link #COLUMNS}, one row per model × analysis × measure × sub-cluster
   * (see {@link SweepRow}); NaN statistics are missing values.
   *
   * @return the table "sweep results"
   */
  public Table toTable() {
    Table t = Table.create("sweep results");
    t.addColumns(
        StringColumn.create("dataset", rows.stream().map(SweepRow::dataset).toList()),
        StringColumn.create("architecture", rows.stream().map(SweepRow::architecture).toList()),
        StringColumn.create("regime", rows.stream().map(SweepRow::regime).toList()),
        LongColumn.create("seed", rows.stream().mapToLong(SweepRow::seed).toArray()),
        doubles("test_accuracy", SweepRow::testAccuracy),
        StringColumn.create("analysis", rows.stream().map(SweepRow::analysis).toList()),
        StringColumn.create("measure", rows.stream().map(SweepRow::measure).toList()),
        StringColumn.create("layer", rows.stream().map(SweepRow::layer).toList()),
        IntColumn.create("cluster", rows.stream().mapToInt(SweepRow::cluster).toArray()),
        IntColumn.create("units", rows.stream().mapToInt(SweepRow::units).toArray()),
        doubles("observed", SweepRow::observed),
        doubles("random_mean", SweepRow::randomMean),
        doubles("random_sd", SweepRow::randomSd),
        doubles("p_value", SweepRow::pValue),
        doubles("z", SweepRow::z),
        doubles("effect_factor", SweepRow::effectFactor),
        doubles("q_value", SweepRow::qValue),
        BooleanColumn.create("significant", rows.stream().map(SweepRow::significant).toList()),
        LongColumn.create("draws", rows.stream().mapToLong(SweepRow::draws).toArray()),
        IntColumn.create("rejected", rows.stream().mapToInt(SweepRow::rejected).toArray()),
        StringColumn.create("options", rows.stream().map(SweepRow::options).toList()),
        StringColumn.create("model", rows.stream().map(SweepRow::model).toList()),
        IntColumn.create("train_images", rows.stream().mapToInt(SweepRow::trainImages).toArray()),
        IntColumn.create("test_images", rows.stream().mapToInt(SweepRow::testImages).toArray()),
        StringColumn.create("versions", rows.stream().map(r -> versions).toList()));
    return t;
  }

  private DoubleColumn doubles(String name, ToDoubleFunction<SweepRow> f) {
    return DoubleColumn.create(name, rows.stream().mapToDouble(f).toArray());
  }

  /**
   * Writes {@link #toTable()} as CSV (temporary file, then rename).
   *
   * @param file e.g. {@code <out>/results.csv}
   */
  public void writeCsv(Path file) {
    SweepFiles.writeAtomically(file, toTable().write().toString("csv"));
  }

  @Override
  public String toString() {
    return "SweepResults[" + rows.size() + " rows]";
  }
}
