package org.locspec.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.locspec.zoo.ZooEntry;
import org.locspec.zoo.ZooGrid;
import org.locspec.zoo.ZooModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The zoo grid and its analyses as one Spark job. Stage 1 has one task per model: train it into the
 * zoo folder, or find it there ({@link SweepWork#trainOrLoad}). Stage 2 has one task per analysis
 * unit that has no stored result ({@link SweepWork#units}, {@link SweepWork#run}); each task stores
 * its result in the output folder before it returns it. The driver then writes the results table
 * ({@link SweepResults}) as CSV and Parquet and the units' times.
 *
 * <p>The zoo and output folders must be seen by every executor at the same path (on a cluster: a
 * shared file system). A task that Spark runs again after its executor died finds the model stored
 * or trains it again from the start (models and unit files are renamed into place when whole); the
 * results do not depend on the number of executors or partitions, because every random step is
 * seeded from the cell.
 *
 * @param zoo the zoo folder (models are trained into it or loaded from it)
 * @param out the output folder (unit results, results table, timings)
 * @param grid the models
 * @param options the analyses and the images
 * @param partitions partitions of the analysis stage; 0 for one per unit
 */
public record SweepJob(Path zoo, Path out, ZooGrid grid, SweepOptions options, int partitions) {

  /** Checks the fields. */
  public SweepJob {
    zoo = Objects.requireNonNull(zoo, "zoo").toAbsolutePath();
    out = Objects.requireNonNull(out, "out").toAbsolutePath();
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(options, "options");
    if (partitions < 0) {
      throw new IllegalArgumentException(
          "partitions must be >= 0 (0: one per unit), got " + partitions);
    }
  }

  /**
   * What a run did.
   *
   * @param results the results table
   * @param models the models of the grid
   * @param unitsRun the analysis units computed by this run
   * @param unitsStored the analysis units whose stored results were reused
   * @param seconds the wall time of the run
   */
  public record Outcome(
      SweepResults results, int models, int unitsRun, int unitsStored, double seconds) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d models, %d analysis units run, %d stored, %d result rows in %.1f s",
          models,
          unitsRun,
          unitsStored,
          results.rows().size(),
          seconds);
    }
  }

  /**
   * Runs the sweep on a Spark session.
   *
   * @param spark the session (local or a cluster)
   * @return what the run did; the results are also in {@link SweepFiles#RESULTS_CSV} and {@link
   *     SweepFiles#RESULTS_PARQUET} under {@link #out()}
   */
  public Outcome run(SparkSession spark) {
    long t0 = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<ModelCell> cells = grid.models().stream().map(ModelCell::of).toList();
    Map<ModelCell, ZooEntry> entries = trainModels(jsc, cells);

    List<UnitResult> results = new ArrayList<>();
    List<AnalysisUnit> todo = new ArrayList<>();
    for (ModelCell c : cells) {
      for (AnalysisUnit u : SweepWork.units(c, options)) {
        UnitResult stored = SweepFiles.read(out, u, SweepWork.key(u, entries.get(c), options));
        if (stored != null) {
          results.add(stored);
        } else {
          todo.add(u);
        }
      }
    }
    int reused = results.size();
    results.addAll(analyse(jsc, todo, entries));
    SweepFiles.deleteStaleTemporaries(out);

    SweepResults table = SweepResults.assemble(results, versions(spark));
    table.writeCsv(out.resolve(SweepFiles.RESULTS_CSV));
    writeParquet(spark, table);
    SweepFiles.writeAtomically(
        out.resolve(SweepFiles.TIMINGS_CSV), timings(results).write().toString("csv"));
    return new Outcome(table, cells.size(), todo.size(), reused, (System.nanoTime() - t0) / 1e9);
  }

  private Map<ModelCell, ZooEntry> trainModels(JavaSparkContext jsc, List<ModelCell> cells) {
    String zooDir = zoo.toString();
    ArrayList<String> lines = new ArrayList<>(grid.lines());
    SweepOptions o = options;
    jsc.setJobDescription("train or load " + cells.size() + " models");
    List<String> json =
        jsc.parallelize(cells, Math.max(1, cells.size()))
            .map(
                c ->
                    SweepFiles.toJson(
                        SweepWork.trainOrLoad(Path.of(zooDir), ZooGrid.parse(lines), c, o)))
            .collect();
    Map<ModelCell, ZooEntry> entries = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      entries.put(cells.get(i), SweepFiles.entryFromJson(json.get(i)));
    }
    return entries;
  }

  private List<UnitResult> analyse(
      JavaSparkContext jsc, List<AnalysisUnit> todo, Map<ModelCell, ZooEntry> entries) {
    if (todo.isEmpty()) {
      return List.of();
    }
    HashMap<String, String> byLabel = new HashMap<>();
    entries.forEach((c, e) -> byLabel.put(c.label(), SweepFiles.toJson(e)));
    Broadcast<HashMap<String, String>> models = jsc.broadcast(byLabel);
    String zooDir = zoo.toString();
    String outDir = out.toString();
    SweepOptions o = options;
    jsc.setJobDescription("analyse: " + todo.size() + " units");
    int slices = partitions == 0 ? todo.size() : partitions;
    List<String> json =
        jsc.parallelize(todo, slices)
            .map(
                u -> {
                  ZooEntry e = SweepFiles.entryFromJson(models.value().get(u.cell().label()));
                  UnitResult r = SweepWork.run(Path.of(zooDir), u, e, o);
                  SweepFiles.write(Path.of(outDir), r);
                  return SweepFiles.toJson(r);
                })
            .collect();
    return json.stream().map(SweepFiles::fromJson).toList();
  }

  private void writeParquet(SparkSession spark, SweepResults results) {
    Table t = results.toTable();
    List<StructField> fields = new ArrayList<>();
    for (var c : t.columns()) {
      fields.add(DataTypes.createStructField(c.name(), sparkType(c.type().name()), true));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      Object[] cells = new Object[t.columnCount()];
      for (int j = 0; j < cells.length; j++) {
        Object v = t.column(j).get(i);
        cells[j] = v instanceof Double d && d.isNaN() ? null : v;
      }
      rows.add(RowFactory.create(cells));
    }
    Dataset<Row> df =
        spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
    Path target = out.resolve(SweepFiles.RESULTS_PARQUET);
    Path tmp = SweepFiles.tempDirBeside(target);
    df.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(tmp.toUri().toString());
    SweepFiles.replaceDir(tmp, target);
  }

  private static DataType sparkType(String tablesawType) {
    return switch (tablesawType) {
      case "STRING" -> DataTypes.StringType;
      case "LONG" -> DataTypes.LongType;
      case "INTEGER" -> DataTypes.IntegerType;
      case "DOUBLE" -> DataTypes.DoubleType;
      case "BOOLEAN" -> DataTypes.BooleanType;
      default -> throw new IllegalStateException("no Parquet type for column type " + tablesawType);
    };
  }

  private static Table timings(List<UnitResult> results) {
    List<UnitResult> sorted =
        results.stream().sorted(Comparator.comparing(r -> r.unit().toString())).toList();
    return Table.create(
        "unit times",
        StringColumn.create("model", sorted.stream().map(r -> r.unit().cell().label()).toList()),
        StringColumn.create("unit", sorted.stream().map(r -> r.unit().id()).toList()),
        StringColumn.create("kind", sorted.stream().map(r -> r.unit().kind().id()).toList()),
        DoubleColumn.create("seconds", sorted.stream().mapToDouble(UnitResult::seconds).toArray()));
  }

  /**
   * The versions that compute a sweep: LocSpec's, Spark's, DJL's and Java's.
   *
   * @param spark the session
   * @return e.g. "locspec 0.1.0-SNAPSHOT; spark 3.5.8; djl 0.36.0; java 17.0.13"
   */
  public static String versions(SparkSession spark) {
    Properties p = new Properties();
    try (var in = SweepJob.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read versions.properties", e);
    }
    return "locspec "
        + p.getProperty("locspec", "unknown")
        + "; spark "
        + spark.version()
        + "; djl "
        + p.getProperty("djl", "unknown")
        + "; java "
        + System.getProperty("java.version");
  }

  /** The number of models of the grid and of their analysis units, e.g. for a plan. */
  public String plan() {
    List<ZooModel> models = grid.models();
    int units = models.isEmpty() ? 0 : SweepWork.units(ModelCell.of(models.get(0)), options).size();
    return models.size()
        + " models × "
        + units
        + " analysis units = "
        + (models.size() * units)
        + " analysis tasks ("
        + grid
        + ")";
  }
}
