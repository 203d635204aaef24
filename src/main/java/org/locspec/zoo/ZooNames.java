package org.locspec.zoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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
 * <dataset>/<regime>/<seed>} with the seed as {@code 0} or {@code seed0}, e.g. {@code
 * "fashion-mnist/pruning/0"}; an architecture may stand before the regime ({@code
 * "fashion-mnist/mlp/pruning/seed0"}; every model of this zoo is an MLP). Names are looked up in
 * the zoo's own {@link ModelZoo#index index}, so they follow its layout, and an unknown name gets
 * an error that suggests the nearest stored one.
 *
 * <pre>{@code
 * try (TrainedNetwork net = ZooNames.load(ZooNames.defaultDir(), "fashion-mnist/pruning/0")) {
 *   ...
 * }
 * }</pre>
 */
public final class ZooNames {
  /** The environment variable naming the zoo folder. */
  public static final String ZOO_ENV = "LOCSPEC_ZOO";

  /** The architecture of every model of this zoo, accepted as an optional part of names. */
  public static final String ARCHITECTURE = "mlp";

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
   * @return e.g. "fashion-mnist/pruning/seed0"
   */
  public static String name(ZooEntry entry) {
    return entry.dataset() + "/" + entry.regime() + "/seed" + entry.seed();
  }

  /**
   * Whether a text has the form of a zoo name ({@code dataset/regime/seed}, optionally with the
   * architecture); it says nothing about whether the zoo holds the model.
   *
   * @param text e.g. "fashion-mnist/pruning/0"
   * @return true if it can be looked up
   */
  public static boolean isName(String text) {
    return text != null && NAME.matcher(text.trim()).matches();
  }

  /** A parsed name: data set, regime id and seed. */
  private record Name(String dataset, String regime, long seed) {
    String text() {
      return (dataset + "/" + regime).toLowerCase(Locale.ROOT) + "/seed" + seed;
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
              + " fashion-mnist/pruning/0");
    }
    if (m.group(2) != null && !m.group(2).equalsIgnoreCase(ARCHITECTURE)) {
      throw new IllegalArgumentException(
          "the zoo holds " + ARCHITECTURE + " models only, got architecture '" + m.group(2) + "'");
    }
    return new Name(m.group(1), m.group(3), Long.parseLong(m.group(4)));
  }

  /** The stored models of a zoo ({@link ModelZoo#index}); none when the folder does not exist. */
  private static List<ZooEntry> entries(Path zoo) {
    Path root = zoo.toAbsolutePath().normalize();
    return Files.isDirectory(root) ? ModelZoo.index(root).entries() : List.of();
  }

  private static Optional<ZooEntry> lookup(List<ZooEntry> entries, Name wanted) {
    return entries.stream()
        .filter(e -> name(e).toLowerCase(Locale.ROOT).equals(wanted.text()))
        .findFirst();
  }

  /**
   * Finds a model of a zoo by name.
   *
   * @param zoo the zoo's root folder
   * @param name e.g. "fashion-mnist/pruning/0" or "fashion-mnist/mlp/pruning/seed0"
   * @return the model's entry
   * @throws IllegalArgumentException if the name is malformed, the zoo is missing or empty, or it
   *     holds no such model; the message suggests the nearest stored name and how to build the zoo
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
   * {@code environment/zoo.sh --quick} made), else trained now as the zoo trains it (same spec and
   * regime, {@link ZooOptions#paper()} with fewer epochs) on a stratified sample of the training
   * set, and not stored.
   *
   * @param zoo the zoo's root folder (it need not exist)
   * @param name e.g. "fashion-mnist/dropout/0"
   * @param epochs epochs (and pruning epochs) when training, {@code >= 1}
   * @param trainImages training images when training (all if the set has fewer), {@code >= 1}
   * @param progress receives the training's epochs
   * @return the model; close it when done
   * @throws IllegalArgumentException if the name is malformed or names an unknown data set or
   *     regime
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
      ZooEntry e = stored.get();
      return ModelZoo.load(zoo, e.dataset(), e.regime(), e.seed());
    }
    ZooRegime regime = ZooRegime.parse(wanted.regime());
    ZooOptions options = ZooOptions.paper().withEpochs(epochs, epochs);
    ImageDataset train = Datasets.load(wanted.dataset(), Split.TRAIN);
    if (trainImages < train.size()) {
      train = train.stratifiedSample(trainImages, wanted.seed());
    }
    ImageDataset test = Datasets.load(wanted.dataset(), Split.TEST);
    return Trainer.train(
        options.spec(regime), options.config(regime, wanted.seed()), train, test, progress);
  }

  /**
   * Loads a model of a zoo by name.
   *
   * @param zoo the zoo's root folder
   * @param name e.g. "fashion-mnist/pruning/0"
   * @return the model; close it when done
   * @throws IllegalArgumentException as {@link #find}
   */
  public static TrainedNetwork load(Path zoo, String name) {
    ZooEntry e = find(zoo, name);
    return ModelZoo.load(zoo, e.dataset(), e.regime(), e.seed());
  }
}
