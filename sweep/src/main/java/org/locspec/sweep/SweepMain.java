package org.locspec.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.locspec.zoo.ZooArchitecture;
import org.locspec.zoo.ZooGrid;
import org.locspec.zoo.ZooRegime;

/**
 * Command line of {@link SweepJob}, run by {@code environment/sweep.sh} (on {@code local[N]}) or by
 * {@code spark-submit --class org.locspec.sweep.SweepMain} (on a cluster):
 *
 * <pre>
 *   SweepMain [--master URL] [--zoo DIR] [--out DIR] [--grid FILE | --block '…' …] [--quick]
 *             [--datasets a,b] [--architectures mlp,cnn] [--regimes a,b]
 *             [--epochs N] [--pruning-epochs N] [--seeds 0,1]
 *             [--shuffles N] [--shuffles-per-task N] [--draws N] [--vis-steps N]
 *             [--no-importance] [--no-coherence] [--no-visualization]
 *             [--train-images N] [--test-images N] [--partitions N] [--plan]
 * </pre>
 *
 * <p>The grid (default: the papers' grid, {@link ZooGrid#paper()}, narrowed by {@code --datasets},
 * {@code --architectures} and {@code --regimes} as in {@code zoo.sh}) is read and its data sets
 * checked before Spark starts; a bad grid ends the command with exit code 2 and a message naming
 * the line and the valid values. {@code --master} defaults to the {@code spark.master} that
 * spark-submit sets, else {@code local[2]}.
 */
public final class SweepMain {
  static final String USAGE =
      "usage: SweepMain [--master URL] [--zoo DIR] [--out DIR] [--grid FILE | --block '…' …]"
          + " [--quick] [--datasets a,b] [--architectures mlp,cnn] [--regimes a,b] [--epochs N] [--pruning-epochs N] [--seeds 0,1] [--shuffles N]"
          + " [--shuffles-per-task N] [--draws N] [--vis-steps N] [--no-importance]"
          + " [--no-coherence] [--no-visualization] [--train-images N] [--test-images N]"
          + " [--partitions N] [--plan]";

  private SweepMain() {}

  /**
   * Parses the command line, runs the sweep and prints what it did.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Parsed p;
    try {
      p = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SweepMain: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    System.out.println("sweep: " + p.job().plan());
    if (p.planOnly()) {
      return;
    }
    SparkSession.Builder b = SparkSession.builder().appName("locspec-sweep");
    if (p.master() != null) {
      b = b.master(p.master());
    } else if (System.getProperty("spark.master") == null) {
      b = b.master("local[2]");
    }
    try (SparkSession spark = b.getOrCreate()) {
      SweepJob.Outcome o = p.job().run(spark);
      System.out.println("sweep: " + o);
      System.out.println(
          "written to "
              + p.job().out().resolve(SweepFiles.RESULTS_CSV)
              + " and "
              + p.job().out().resolve(SweepFiles.RESULTS_PARQUET));
    }
  }

  /** The parsed command line. */
  record Parsed(SweepJob job, String master, boolean planOnly) {}

  /** Parses the command line; throws IllegalArgumentException naming the bad option or line. */
  static Parsed parse(String[] args) {
    Path zoo = Path.of("zoo");
    Path out = null;
    String master = null;
    Path gridFile = null;
    List<String> blocks = new ArrayList<>();
    boolean quick = false;
    boolean planOnly = false;
    Integer epochs = null;
    Integer pruning = null;
    List<Long> seeds = null;
    String[] narrow = new String[3];
    SweepOptions o = SweepOptions.defaults();
    boolean[] on = {true, true, true};
    int[] images = {0, 0};
    int partitions = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--master" -> master = value(args, ++i);
        case "--zoo" -> zoo = Path.of(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--grid" -> gridFile = Path.of(value(args, ++i));
        case "--block" -> blocks.add(value(args, ++i));
        case "--quick" -> quick = true;
        case "--plan" -> planOnly = true;
        case "--epochs" -> epochs = count("--epochs", value(args, ++i), 1);
        case "--pruning-epochs" -> pruning = count("--pruning-epochs", value(args, ++i), 1);
        case "--datasets" -> narrow[0] = value(args, ++i);
        case "--architectures" -> narrow[1] = value(args, ++i);
        case "--regimes" -> narrow[2] = value(args, ++i);
        case "--seeds" -> {
          seeds = new ArrayList<>();
          for (String s : value(args, ++i).split(",")) {
            seeds.add((long) count("--seeds", s, 0));
          }
        }
        case "--shuffles" ->
            o = o.withShuffles(count("--shuffles", value(args, ++i), 2), o.shufflesPerTask());
        case "--shuffles-per-task" ->
            o = o.withShuffles(o.shuffles(), count("--shuffles-per-task", value(args, ++i), 1));
        case "--draws" -> o = o.withDraws(count("--draws", value(args, ++i), 0));
        case "--vis-steps" -> o = o.withVisSteps(count("--vis-steps", value(args, ++i), 1));
        case "--no-importance" -> on[0] = false;
        case "--no-coherence" -> on[1] = false;
        case "--no-visualization" -> on[2] = false;
        case "--train-images" -> images[0] = count("--train-images", value(args, ++i), 0);
        case "--test-images" -> images[1] = count("--test-images", value(args, ++i), 0);
        case "--partitions" -> partitions = count("--partitions", value(args, ++i), 0);
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    ZooGrid grid = grid(gridFile, blocks);
    if (quick) {
      grid = grid.withEpochs(5, 5);
    }
    if (epochs != null || pruning != null) {
      grid = grid.withEpochs(epochs != null ? epochs : 20, pruning != null ? pruning : 20);
    }
    if (seeds != null) {
      grid = grid.withSeeds(seeds);
    }
    grid = narrowed(grid, narrow);
    if (gridFile == null && blocks.isEmpty()) {
      grid = SweepGrid.check("the papers' grid", grid.lines()); // its data sets, once narrowed
    }
    o = o.withAnalyses(on[0], on[1], on[2]).withImages(images[0], images[1]);
    Path outDir = out == null ? zoo.resolve("sweep") : out;
    return new Parsed(new SweepJob(zoo, outDir, grid, o, partitions), master, planOnly);
  }

  /** The grid narrowed to the given data sets, architectures and regimes (null: all). */
  private static ZooGrid narrowed(ZooGrid grid, String[] narrow) {
    ZooGrid g = grid;
    if (narrow[0] != null) {
      g = g.onlyDatasets(List.of(narrow[0].split(",")));
    }
    if (narrow[1] != null) {
      g = g.onlyArchitectures(Stream.of(narrow[1].split(",")).map(ZooArchitecture::parse).toList());
    }
    if (narrow[2] != null) {
      g = g.onlyRegimes(Stream.of(narrow[2].split(",")).map(ZooRegime::parse).toList());
    }
    return g;
  }

  private static ZooGrid grid(Path file, List<String> blocks) {
    if (file != null && !blocks.isEmpty()) {
      throw new IllegalArgumentException("give --grid FILE or --block, not both");
    }
    if (file != null) {
      return SweepGrid.read(file);
    }
    if (!blocks.isEmpty()) {
      return SweepGrid.check("--block", blocks);
    }
    return ZooGrid.paper();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int count(String option, String value, int min) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'", e);
    }
    if (n < min) {
      throw new IllegalArgumentException(option + " must be >= " + min + ", got " + n);
    }
    return n;
  }
}
