package org.locspec.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *                 [--no-importance] [--no-coherence] [--no-visualization] [--test-images N]
 *                 [--out FILE] [--fresh]
 * </pre>
 *
 * <p>Prints the table (numbers through {@link Format}), its caption (what each count of
 * sub-clusters after Benjamini–Hochberg means) and the time taken to standard output, and writes
 * the table to {@code <zoo>/report.csv} or {@code --out FILE} (temporary file, then rename), after
 * every model the rows so far, so that a long report keeps what it has computed; progress and
 * per-model times go to standard error. A run resumes an earlier one: the rows of {@code FILE} that
 * were computed with the same shuffles and analyses, for models not retrained since, are kept
 * ({@link ReportFile}); {@code --fresh} computes every row again.
 */
public final class ZooReportMain {
  static final String USAGE =
      "usage: ZooReportMain [--zoo DIR] [--shuffles N] [--datasets a,b] [--architectures mlp,cnn]"
          + " [--regimes a,b]"
          + " [--seeds 0,1] [--no-importance] [--no-coherence] [--no-visualization]"
          + " [--test-images N] [--out FILE] [--fresh]";

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
    if (p.options().testImages() > 0) {
      System.err.println("== every model analysed on " + sample(p.options()));
    }
    Map<ZooEntry, ZooReport.Row> kept;
    try {
      kept = p.fresh() ? Map.of() : ReportFile.kept(p.out(), models, p.options());
    } catch (IllegalStateException e) {
      System.err.println("ZooReportMain: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!kept.isEmpty()) {
      System.err.printf(
          Locale.ROOT,
          "== %d of %d models kept from %s (same options, same trained models); computing %d%n",
          kept.size(),
          models.size(),
          p.out(),
          ReportFile.toCompute(models, kept).size());
    }
    for (ZooEntry e : models) {
      ZooReport.Row done = kept.get(e);
      if (done != null) {
        rows.add(done);
        continue;
      }
      System.err.printf(Locale.ROOT, "== [%d/%d] %s%n", rows.size() + 1, models.size(), e);
      long t0 = System.nanoTime();
      ImageDataset test = Datasets.load(e.dataset(), Split.TEST);
      rows.add(ZooReport.row(p.zoo(), e, p.options(), test, bar));
      // the rows so far (with the kept ones), so that a stopped report resumes from here
      ReportFile.write(new ZooReport(keptAndDone(models, kept, rows)), p.options(), p.out());
      System.err.println("== " + e.label() + ": " + seconds(t0));
    }
    ZooReport report = new ZooReport(rows);
    System.out.println(Format.forDisplay(report.toTable()).printAll());
    System.out.println(report.caption());
    System.out.println(
        rows.size() + " models (" + kept.size() + " kept from before) in " + seconds(start));
    if (p.options().testImages() > 0) {
      System.out.println("test images: " + sample(p.options()));
    }
    ReportFile.write(report, p.options(), p.out());
    System.out.println("written to " + p.out());
  }

  /** The rows so far in model order, with the kept rows of models not reached yet. */
  private static List<ZooReport.Row> keptAndDone(
      List<ZooEntry> models, Map<ZooEntry, ZooReport.Row> kept, List<ZooReport.Row> rows) {
    List<ZooReport.Row> out = new ArrayList<>(rows);
    for (int i = rows.size(); i < models.size(); i++) {
      ZooReport.Row r = kept.get(models.get(i));
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /** The options' test-image sample in words, for the messages at the start and the end. */
  private static String sample(ZooReportOptions o) {
    return String.format(
        Locale.ROOT,
        "a stratified sample of %d test images per data set (seed %d; the whole split where it has"
            + " no more)",
        o.testImages(),
        ZooReportOptions.TEST_SAMPLE_SEED);
  }

  private static String seconds(long since) {
    return Format.number(Math.round((System.nanoTime() - since) / 1e9)) + " s";
  }

  /** The parsed command line. */
  record Parsed(Path zoo, ZooReportOptions options, Path out, boolean fresh) {}

  /** Parses the command line; throws IllegalArgumentException naming the bad option. */
  static Parsed parse(String[] args) {
    Path zoo = Path.of("zoo");
    Path out = null;
    ZooReportOptions o = ZooReportOptions.paper();
    boolean[] on = {true, true, true};
    boolean fresh = false;
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
        case "--test-images" -> {
          long n = number("--test-images", value(args, ++i));
          if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                "--test-images must be at most " + Integer.MAX_VALUE + ", got " + n);
          }
          o = o.withTestImages((int) n); // ZooReportOptions rejects n < 0
        }
        case "--fresh" -> fresh = true;
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    return new Parsed(
        zoo,
        o.withAnalyses(on[0], on[1], on[2]),
        out == null ? zoo.resolve("report.csv") : out,
        fresh);
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
