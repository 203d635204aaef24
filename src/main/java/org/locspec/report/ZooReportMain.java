package org.locspec.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;
import org.locspec.progress.TerminalProgressBar;
import org.locspec.viz.Format;
import org.locspec.zoo.ZooEntry;

/**
 * Command line of {@link ZooReport}, run by {@code environment/zoo-report.sh}:
 *
 * <pre>
 *   ZooReportMain [--zoo DIR] [--shuffles N] [--datasets a,b] [--architectures mlp,cnn]
 *                 [--regimes a,b] [--seeds 0,1]
 *                 [--no-importance] [--no-coherence] [--no-visualization] [--out FILE]
 * </pre>
 *
 * <p>Prints the table (numbers through {@link Format}), its caption (what each count of
 * sub-clusters after Benjamini–Hochberg means) and the time taken to standard output, and writes
 * the table to {@code <zoo>/report.csv} or {@code --out FILE} (temporary file, then rename), after
 * every model the rows so far, so that a long report keeps what it has computed; progress and
 * per-model times go to standard error.
 */
public final class ZooReportMain {
  static final String USAGE =
      "usage: ZooReportMain [--zoo DIR] [--shuffles N] [--datasets a,b] [--architectures mlp,cnn]"
          + " [--regimes a,b]"
          + " [--seeds 0,1] [--no-importance] [--no-coherence] [--no-visualization] [--out FILE]";

  private ZooReportMain() {}

  /**
   * Computes, prints and writes the report.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Parsed p;
    try {
      p = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ZooReportMain: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    ProgressListener bar = new TerminalProgressBar();
    List<ZooReport.Row> rows = new ArrayList<>();
    long start = System.nanoTime();
    List<ZooEntry> models = ZooReport.models(p.zoo(), p.options());
    for (ZooEntry e : models) {
      System.err.printf(Locale.ROOT, "== [%d/%d] %s%n", rows.size() + 1, models.size(), e);
      long t0 = System.nanoTime();
      ImageDataset test = Datasets.load(e.dataset(), Split.TEST);
      rows.add(ZooReport.row(p.zoo(), e, p.options(), test, bar));
      // the rows so far, so that a long report keeps what it has computed
      new ZooReport(rows).writeCsv(p.out());
      System.err.println("== " + e.label() + ": " + seconds(t0));
    }
    ZooReport report = new ZooReport(rows);
    System.out.println(Format.forDisplay(report.toTable()).printAll());
    System.out.println(report.caption());
    System.out.println(rows.size() + " models in " + seconds(start));
    report.writeCsv(p.out());
    System.out.println("written to " + p.out());
  }

  private static String seconds(long since) {
    return Format.number(Math.round((System.nanoTime() - since) / 1e9)) + " s";
  }

  /** The parsed command line. */
  record Parsed(Path zoo, ZooReportOptions options, Path out) {}

  /** Parses the command line; throws IllegalArgumentException naming the bad option. */
  static Parsed parse(String[] args) {
    Path zoo = Path.of("zoo");
    Path out = null;
    ZooReportOptions o = ZooReportOptions.paper();
    boolean[] on = {true, true, true};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--zoo" -> zoo = Path.of(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--shuffles" -> o = o.withShuffles((int) number("--shuffles", value(args, ++i)));
        case "--datasets" -> o = o.withModels(list(value(args, ++i)), o.regimes(), o.seeds());
        case "--architectures" -> o = o.withArchitectures(list(value(args, ++i)));
        case "--regimes" -> o = o.withModels(o.datasets(), list(value(args, ++i)), o.seeds());
        case "--seeds" -> {
          List<Long> seeds = new ArrayList<>();
          for (String s : list(value(args, ++i))) {
            seeds.add(number("--seeds", s));
          }
          o = o.withModels(o.datasets(), o.regimes(), seeds);
        }
        case "--no-importance" -> on[0] = false;
        case "--no-coherence" -> on[1] = false;
        case "--no-visualization" -> on[2] = false;
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    return new Parsed(
        zoo, o.withAnalyses(on[0], on[1], on[2]), out == null ? zoo.resolve("report.csv") : out);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static List<String> list(String v) {
    return List.of(v.split(","));
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'", e);
    }
  }
}
