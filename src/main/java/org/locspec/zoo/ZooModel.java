package org.locspec.zoo;

import java.nio.file.Path;
import java.util.Objects;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.train.TrainingConfig;

/**
 * One cell of a {@link ZooGrid}: a data set, an architecture, a regime and a seed, with the spec
 * and training config they give.
 *
 * @param dataset the data set name (a name {@code Datasets.load} takes)
 * @param architecture the architecture
 * @param regime the training regime
 * @param seed the training seed
 * @param spec the network's shape (for 1 × 28 × 28 images and 10 classes; training adapts it to the
 *     data with {@code forData})
 * @param config how it is trained, seed included
 */
public record ZooModel(
    String dataset,
    ZooArchitecture architecture,
    ZooRegime regime,
    long seed,
    ArchitectureSpec spec,
    TrainingConfig config) {

  /** Checks the fields. */
  public ZooModel {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(config, "config");
    if (config.seed() != seed) {
      throw new IllegalArgumentException(
          "the config's seed " + config.seed() + " differs from the model's seed " + seed);
    }
  }

  /**
   * What the model is: data set, spec and training config. A stored model is reused only when its
   * description is equal.
   *
   * @return e.g. {@code "fashion-mnist: MLP 784 → 256 → … → 10 (ReLU); Adam lr 0.001, …"}
   */
  public String description() {
    return ModelZoo.description(dataset, spec, config);
  }

  /** {@code dataset/architecture/regime/seed<k>}, e.g. "fashion-mnist/mlp/l2/seed0". */
  public String label() {
    return dataset + "/" + architecture.id() + "/" + regime.id() + "/seed" + seed;
  }

  /**
   * The model's folder in a zoo: {@code <zoo>/<dataset>/<architecture>/<regime>/seed<k>}.
   *
   * @param zoo the zoo's root folder
   * @return the folder (which may not exist)
   */
  public Path dir(Path zoo) {
    return ZooFolders.dir(zoo, dataset, architecture, regime, seed);
  }

  /** The number of epochs, the pruning epochs included. */
  public int epochs() {
    return config.totalEpochs();
  }

  @Override
  public String toString() {
    return label();
  }
}
