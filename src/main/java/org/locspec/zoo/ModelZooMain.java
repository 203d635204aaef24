package org.locspec.zoo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.progress.TerminalProgressBar;

/**
 * Command line of the model zoo, run by {@code environment/zoo.sh}:
 *
 * <pre>
 *   ModelZooMain [--zoo DIR] [--quick] [--grid FILE | --block 'datasets=… architectures=…
 *                regimes=… seeds=…' ...] [--datasets a,b] [--architectures mlp,cnn]
 *                [--regimes a,b] [--seeds 0,1] [--epochs N] [--pruning-epochs N] [--plan]
 * </pre>
 *
 * <p>The grid is {@link ZooGrid#paper()} with its MLP blocks only (the CNN block on request, {@code
 * --architectures mlp,cnn}), or the blocks of a grid file ({@code --grid}) or of the command line
 * ({@code --block}, repeatable). {@code --datasets}, {@code --architectures} and {@code --regimes}
 * narrow it down; {@code --seeds} replaces the seeds of every block (more seeds on request); {@code
 * --quick} trains 5 (+5 pruning) epochs, {@code --epochs} and {@code --pruning-epochs} set them for
 * every architecture.
 *
 * <p>Before training, it says how many models the grid has, how many the zoo holds already and
 * about how long the others take here (rates from the zoo's models, or a short calibration); then
 * it trains them one by one, with a progress bar and one line per model. Stopping it (Ctrl-C,
 * SIGTERM) keeps every finished model and leaves no half-written one; the same command resumes.
 * {@code --plan} stops after the estimate. Progress goes to standard error; the zoo's table to
 * standard output.
 */
public final class ModelZooMain {
  static final String USAGE =
      "usage: ModelZooMain [--zoo DIR] [--quick] [--grid FILE | --block 'datasets=a,b"
          + " architectures=mlp regimes=plain,l2 seeds=0,1' ...] [--datasets a,b]"
          + " [--architectures mlp,cnn] [--regimes plain,dropout,...] [--seeds 0,1] [--epochs N]"
          + " [--pruning-epochs N] [--plan]";

  private ModelZooMain() {}

  /**
   * Plans, estimates and trains the grid, then prints the zoo's table.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Parsed p;
    try {
      p = parse(args);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("ModelZooMain: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    new Run(p, System.err).run();
  }

  /** The parsed command line. */
  record Parsed(Path zoo, ZooGrid grid, boolean planOnly) {}

  /** Parses the command line; throws IllegalArgumentException naming the bad option. */
  static Parsed parse(String[] args) {
    Path zoo = Path.of("zoo");
    ZooGrid grid = null;
    List<ZooGrid.Block> blocks = new ArrayList<>();
    Map<String, String> narrow = new LinkedHashMap<>();
    boolean quick = false;
    boolean planOnly = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> quick = true;
        case "--plan" -> planOnly = true;
        case "--zoo" -> zoo = Path.of(value(args, ++i));
        case "--grid" -> grid = readGrid(Path.of(value(args, ++i)));
        case "--block" -> blocks.add(ZooGrid.Block.parse(value(args, ++i)));
        case "--datasets",
            "--architectures",
            "--regimes",
            "--seeds",
            "--epochs",
            "--pruning-epochs" -> {
          if (narrow.put(a, value(args, ++i)) != null) {
            throw new IllegalArgumentException(a + " is given twice");
          }
        }
        default ->
            throw new IllegalArgumentException(
                a.startsWith("--") ? "unknown option '" + a + "'" : "unknown argument '" + a + "'");
      }
    }
    if (grid != null && !blocks.isEmpty()) {
      throw new IllegalArgumentException("give either --grid or --block, not both");
    }
    boolean custom = grid != null || !blocks.isEmpty();
    if (grid == null) {
      grid = blocks.isEmpty() ? ZooGrid.paper() : ZooGrid.paper().withBlocks(blocks);
    }
    if (!custom && !narrow.containsKey("--architectures")) {
      grid = grid.onlyArchitectures(List.of(ZooArchitecture.MLP));
    }
    if (quick) {
      grid = grid.withEpochs(5, 5);
    }
    return new Parsed(zoo, narrowed(grid, narrow), planOnly);
  }

  private static ZooGrid narrowed(ZooGrid grid, Map<String, String> options) {
    ZooGrid g = grid;
    for (Map.Entry<String, String> o : options.entrySet()) {
      List<String> values = List.of(o.getValue().split(","));
      g =
          switch (o.getKey()) {
            case "--datasets" -> g.onlyDatasets(values);
            case "--architectures" ->
                g.onlyArchitectures(values.stream().map(ZooArchitecture::parse).toList());
            case "--regimes" -> g.onlyRegimes(values.stream().map(ZooRegime::parse).toList());
            case "--seeds" -> g.withSeeds(values.stream().map(s -> number("--seeds", s)).toList());
            default -> g;
          };
    }
    int normal = g.epochs() == null ? -1 : g.epochs();
    int pruning = g.pruningEpochs() == null ? -1 : g.pruningEpochs();
    if (options.containsKey("--epochs")) {
      normal = (int) number("--epochs", options.get("--epochs"));
    }
    if (options.containsKey("--pruning-epochs")) {
      pruning = (int) number("--pruning-epochs", options.get("--pruning-epochs"));
    }
    return new ZooGrid(g.blocks(), normal == -1 ? null : normal, pruning == -1 ? null : pruning);
  }

  private static ZooGrid readGrid(Path file) {
    try {
      return ZooGrid.parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the grid file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ", " + e.getMessage(), e);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'", e);
    }
  }

  /** One run of the command: plan, estimate, train, index. */
  static final class Run {
    private final Parsed p;
    private final PrintStream log;
    private final Path zoo;
    private final Map<String, int[]> sizes = new HashMap<>();
    private final ZooData data = new ZooData(Datasets::load);
    private volatile String current;
    private volatile boolean finished;
    private int trained;

    Run(Parsed p, PrintStream log) {
      this.p = p;
      this.log = log;
      this.zoo = p.zoo().toAbsolutePath();
    }

    void run() {
      log.println("model zoo " + zoo + ": " + p.grid());
      long t0 = System.nanoTime();
      ZooPlan plan = ModelZoo.plan(zoo, p.grid());
      List<ZooModel> todo = plan.toTrain();
      double[] estimates = estimate(plan);
      if (!p.planOnly() && !todo.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopped, "zoo-stop"));
        train(todo, estimates);
      }
      finished = true;
      ZooIndex index = ModelZoo.writeIndex(zoo);
      System.out.println(index.toTable().print(index.size()));
      System.out.printf(
          Locale.ROOT,
          "%d models in %s (index: %s); this run trained %d in %s%n",
          index.size(),
          zoo,
          zoo.resolve(ModelZoo.INDEX_FILE),
          trained,
          ZooEstimate.duration((System.nanoTime() - t0) / 1e9));
    }

    /** Prints the plan and the estimate; returns the estimated seconds of each model to train. */
    private double[] estimate(ZooPlan plan) {
      List<ZooModel> todo = plan.toTrain();
      log.printf(
          Locale.ROOT,
          "%d models in the grid: %d stored already, %d to train%n",
          plan.size(),
          plan.stored().size(),
          todo.size());
      double[] seconds = new double[todo.size()];
      if (todo.isEmpty()) {
        return seconds;
      }
      ZooIndex index = ModelZoo.index(zoo);
      for (ZooEntry e : index.entries()) {
        if (e.trainImages() > 0) {
          sizes.put(e.dataset(), new int[] {e.trainImages(), e.testImages()});
        }
      }
      List<ZooArchitecture> archs = todo.stream().map(ZooModel::architecture).distinct().toList();
      ZooEstimate rates = ZooEstimate.fromZoo(index);
      if (!rates.rates().keySet().containsAll(archs)) {
        log.println("calibrating the training speed of " + archs + " …");
      }
      rates = rates.calibrated(archs);
      log.println(rates);
      Map<String, double[]> groups = new LinkedHashMap<>();
      double total = 0;
      for (int i = 0; i < todo.size(); i++) {
        ZooModel m = todo.get(i);
        int[] n = size(m.dataset());
        seconds[i] = rates.seconds(m, n[0], n[1]).orElse(0);
        total += seconds[i];
        double[] g =
            groups.computeIfAbsent(m.dataset() + "/" + m.architecture().id(), k -> new double[2]);
        g[0]++;
        g[1] += seconds[i];
      }
      groups.forEach(
          (k, g) ->
              log.printf(
                  Locale.ROOT,
                  "  %-40s %3d to train, about %s%n",
                  k,
                  (int) g[0],
                  ZooEstimate.duration(g[1])));
      log.printf(Locale.ROOT, "about %s in all on this machine%n", ZooEstimate.duration(total));
      return seconds;
    }

    private int[] size(String dataset) {
      return sizes.computeIfAbsent(
          dataset,
          d -> {
            ImageDataset[] sets = data.get(d);
            return new int[] {sets[0].size(), sets[1].size()};
          });
    }

    private void train(List<ZooModel> todo, double[] estimates) {
      TerminalProgressBar bar = new TerminalProgressBar(log);
      double estimatedDone = 0;
      double actualDone = 0;
      double remaining = 0;
      for (double e : estimates) {
        remaining += e;
      }
      for (int i = 0; i < todo.size(); i++) {
        ZooModel m = todo.get(i);
        String label = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, todo.size(), m.label());
        double scale = estimatedDone > 0 ? actualDone / estimatedDone : 1;
        log.printf(
            Locale.ROOT,
            "%s: training, about %s (all %d left: about %s)%n",
            label,
            ZooEstimate.duration(estimates[i] * scale),
            todo.size() - i,
            ZooEstimate.duration(remaining * scale));
        current = m.label();
        long t0 = System.nanoTime();
        ImageDataset[] sets = data.get(m.dataset());
        ZooOutcome out = ModelZoo.train(zoo, m, sets[0], sets[1], ModelZoo.prefixed(label, bar));
        double secs = (System.nanoTime() - t0) / 1e9;
        current = null;
        remaining -= estimates[i];
        if (out.status() == ZooOutcome.Status.BUSY) {
          log.println(label + ": another process is training it; skipped");
          continue;
        }
        estimatedDone += estimates[i];
        actualDone += secs;
        trained += out.status() == ZooOutcome.Status.TRAINED ? 1 : 0;
        ZooEntry e = out.entry();
        log.printf(
            Locale.ROOT,
            "%s: %s, test accuracy %.4f, sparsity %.3f, %s%n",
            label,
            out.status() == ZooOutcome.Status.TRAINED
                ? "stored"
                : "stored meanwhile by another run",
            e.testAccuracy(),
            e.sparsity(),
            ZooEstimate.duration(secs));
      }
    }

    /** The shutdown hook: says what is kept when the run is stopped before it finished. */
    private void stopped() {
      if (finished) {
        return;
      }
      String cur = current;
      log.println();
      log.println(
          "model zoo stopped: the "
              + trained
              + " model(s) trained in this run are kept"
              + (cur == null ? "" : "; " + cur + " was being trained and is discarded")
              + ". Run the same command again to resume.");
      log.flush();
    }
  }
}
