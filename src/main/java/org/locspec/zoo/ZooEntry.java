package org.locspec.zoo;

import java.util.Locale;
import java.util.Objects;

/**
 * One model of a model zoo ({@code ModelZoo}): where it came from, how well it does and what its
 * training cost.
 *
 * @param dataset the data set it was trained on, e.g. "fashion-mnist"
 * @param architecture the architecture id, e.g. "mlp" (entries written before the zoo had
 *     architectures are MLPs)
 * @param regime the regime id, e.g. "dropout"
 * @param seed the training seed
 * @param testAccuracy the accuracy on the data set's test split after training
 * @param sparsity the fraction of weights that are exactly zero
 * @param seconds the wall time of its training (including the per-epoch evaluations)
 * @param epochs the epochs trained, pruning epochs included (0: not recorded)
 * @param trainImages the training images (0: not recorded)
 * @param testImages the test images evaluated after every epoch (0: not recorded)
 * @param description the spec, training config and data it was trained with; a stored model is
 *     reused only when this matches
 */
public record ZooEntry(
    String dataset,
    String architecture,
    String regime,
    long seed,
    double testAccuracy,
    double sparsity,
    double seconds,
    int epochs,
    int trainImages,
    int testImages,
    String description) {

  /** Checks the fields; a missing architecture (an entry of an older zoo) is "mlp". */
  public ZooEntry {
    Objects.requireNonNull(dataset, "dataset");
    architecture = architecture == null ? ZooArchitecture.MLP.id() : architecture;
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(description, "description");
    if (epochs < 0 || trainImages < 0 || testImages < 0) {
      throw new IllegalArgumentException(
          "epochs and image counts must be >= 0, got "
              + epochs
              + ", "
              + trainImages
              + " and "
              + testImages);
    }
  }

  /** {@code dataset/architecture/regime/seed<k>}, as {@link ZooModel#label()}. */
  public String label() {
    return dataset + "/" + architecture + "/" + regime + "/seed" + seed;
  }

  /** Whether the entry records what its training cost: epochs and image counts. */
  public boolean hasCost() {
    return epochs > 0 && trainImages > 0 && seconds > 0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s: test accuracy %.4f, sparsity %.3f, %.1f s",
        label(),
        testAccuracy,
        sparsity,
        seconds);
  }
}
