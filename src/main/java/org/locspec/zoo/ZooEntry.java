package org.locspec.zoo;

import java.util.Locale;
import java.util.Objects;

/**
 * One model of a model zoo ({@code ModelZoo}): where it came from and how well it does.
 *
 * @param dataset the data set it was trained on, e.g. "fashion-mnist"
 * @param regime the regime id, e.g. "dropout"
 * @param seed the training seed
 * @param testAccuracy the accuracy on the data set's test split after training
 * @param sparsity the fraction of dense weights that are exactly zero
 * @param seconds the wall time of its training (including the per-epoch evaluations)
 * @param description the spec, training config and data it was trained with; a stored model is
 *     reused only when this matches
 */
public record ZooEntry(
    String dataset,
    String regime,
    long seed,
    double testAccuracy,
    double sparsity,
    double seconds,
    String description) {

  /** Checks the fields. */
  public ZooEntry {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s/%s/seed%d: test accuracy %.4f, sparsity %.3f, %.1f s",
        dataset,
        regime,
        seed,
        testAccuracy,
        sparsity,
        seconds);
  }
}
