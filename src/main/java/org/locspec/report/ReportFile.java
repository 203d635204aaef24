package org.locspec.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.viz.Export;
import org.locspec.zoo.ZooEntry;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A zoo report on disk, so that a report of many models can be stopped and resumed as the zoo's
 * training can: the CSV of {@link ZooReport#writeCsv} plus a small file beside it, {@code
 * FILE.options}, naming the options the rows were computed with (shuffles, analyses and test-image
 * sample). A run with the same options keeps the rows of models that were not retrained since (same
 * test accuracy in the zoo index) and computes only the others.
 *
 * <pre>{@code
 * Map<ZooEntry, ZooReport.Row> kept = ReportFile.kept(out, ZooReport.models(zoo, o), o);
 * }</pre>
 */
public final class ReportFile {
  private ReportFile() {}

  /** The options file of a report CSV. */
  static Path optionsFile(Path csv) {
    return csv.resolveSibling(csv.getFileName() + ".options");
  }

  /**
   * What the rows of a report depend on beyond the model: the number of shuffled networks and the
   * analyses run, and the test-image sample when there is one (which models are selected does not
   * matter: each row is one model's). A report on whole test splits has no sample field, so that
   * options files written before the sample existed still match.
   *
   * @param options the report's options
   * @return one line, e.g. {@code shuffles=50 importance=true coherence=true visualization=true},
   *     with {@code test-images=2000} appended for a sample
   */
  static String signature(ZooReportOptions options) {
    return "shuffles="
        + options.shuffles()
        + " importance="
        + options.importance()
        + " coherence="
        + options.coherence()
        + " visualization="
        + options.visualization()
        + (options.testImages() == 0 ? "" : " test-images=" + options.testImages());
  }

  /**
   * Writes the report's CSV, then its options file (each a temporary file renamed into place).
   *
   * @param report the rows so far
   * @param options the options they were computed with
   * @param csv the CSV file
   */
  public static void write(ZooReport report, ZooReportOptions options, Path csv) {
    report.writeCsv(csv);
    Export.text(signature(options) + "\n", optionsFile(csv));
  }

  /**
   * The rows a run can keep from an earlier one: for each model of {@code entries} that the CSV
   * holds with the same test accuracy, its row as the CSV has it. The visualization's draws come
   * back as their total (the table's column), all counted under the objective's test.
   *
   * @param csv the report CSV; none gives no rows
   * @param entries the models the run reports
   * @param options the run's options
   * @return the rows to keep, by model
   * @throws IllegalStateException if the CSV was written with other options or without its options
   *     file (the message says how to start over)
   */
  public static Map<ZooEntry, ZooReport.Row> kept(
      Path csv, List<ZooEntry> entries, ZooReportOptions options) {
    Objects.requireNonNull(entries, "entries");
    Map<ZooEntry, ZooReport.Row> kept = new LinkedHashMap<>();
    if (!Files.isRegularFile(csv)) {
      return kept;
    }
    String wanted = signature(options);
    Path file = optionsFile(csv);
    String had;
    try {
      had = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
    if (!had.equals(wanted)) {
      throw new IllegalStateException(
          csv
              + " holds rows computed with "
              + (had.isEmpty() ? "unknown options (no " + file.getFileName() + ")" : had)
              + ", this run asks for "
              + wanted
              + "; give another --out, or --fresh to compute every row again");
    }
    Table t = read(csv);
    for (Row r : t) {
      for (ZooEntry e : entries) {
        if (e.dataset().equals(r.getString("dataset"))
            && e.architecture().equals(r.getString("architecture"))
            && e.regime().equals(r.getString("regime"))
            && e.seed() == r.getLong("seed")
            && e.testAccuracy() == r.getDouble("test accuracy")) {
          kept.put(e, row(e, r, options));
        }
      }
    }
    return kept;
  }

  private static Table read(Path csv) {
    Table empty = new ZooReport(List.of()).toTable();
    Map<String, ColumnType> types = new LinkedHashMap<>();
    empty.columns().forEach(c -> types.put(c.name(), c.type()));
    try {
      Table t =
          Table.read()
              .csv(
                  CsvReadOptions.builder(csv.toFile())
                      .columnTypes(name -> types.getOrDefault(name, ColumnType.STRING))
                      .build());
      if (!t.columnNames().equals(empty.columnNames())) {
        throw new IllegalStateException(
            csv
                + " has the columns "
                + t.columnNames()
                + ", not a zoo report's; give another --out, or --fresh to start over");
      }
      return t;
    } catch (RuntimeException e) {
      if (e instanceof IllegalStateException) {
        throw e;
      }
      throw new IllegalStateException(
          "could not read the report "
              + csv
              + " ("
              + e.getMessage()
              + "); give another --out, or --fresh to start over",
          e);
    }
  }

  private static ZooReport.Row row(ZooEntry e, Row r, ZooReportOptions options) {
    ZooReport.Clusterability c =
        new ZooReport.Clusterability(
            r.getDouble("n-cut"),
            r.getDouble("shuffled mean"),
            r.getDouble("shuffled sd"),
            r.getDouble("percentile"),
            r.getDouble("z"));
    ImportanceOptions io = ImportanceOptions.defaults();
    CoherenceOptions co = CoherenceOptions.defaults();
    ZooReport.Importance importance =
        options.importance()
            ? new ZooReport.Importance(
                io.discoveries(
                    r.getInt("importance sub-clusters"),
                    r.getInt("important after BH"),
                    r.getLong("importance draws")),
                r.getDouble("combined_p_means"),
                r.getDouble("combined_p_ranges"),
                r.getDouble("effect_factor_means"),
                r.getDouble("effect_factor_range"),
                r.getDouble("mean effect factor"))
            : null;
    ZooReport.Coherence coherence =
        options.coherence()
            ? new ZooReport.Coherence(
                co.discoveries(
                    r.getInt("coherence sub-clusters"),
                    r.getInt("coherent after BH"),
                    r.getLong("coherence draws")),
                r.getDouble("coherence combined_p"),
                r.getDouble("coherence effect_factor"))
            : null;
    ZooReport.Visualization visualization = null;
    if (options.visualization()) {
      int tested = r.getInt("visualized sub-clusters");
      visualization =
          new ZooReport.Visualization(
              co.discoveries(
                  tested,
                  r.getInt("coherent by vis score after BH"),
                  r.getLong("visualization draws")),
              co.discoveries(tested, r.getInt("coherent by vis entropy after BH"), 0),
              r.getDouble("vis combined_p (objective)"),
              r.getDouble("vis combined_p (entropy)"),
              r.getDouble("vis effect_factor (objective)"),
              r.getDouble("vis effect_factor (entropy)"));
    }
    return new ZooReport.Row(e, c, importance, coherence, visualization);
  }

  /** The entries of {@code models} that {@code kept} lacks, in order. */
  static List<ZooEntry> toCompute(List<ZooEntry> models, Map<ZooEntry, ZooReport.Row> kept) {
    List<ZooEntry> out = new ArrayList<>();
    for (ZooEntry e : models) {
      if (!kept.containsKey(e)) {
        out.add(e);
      }
    }
    return out;
  }
}
