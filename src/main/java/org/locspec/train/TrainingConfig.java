package org.locspec.train;

import java.util.Locale;
import java.util.Objects;
import org.locspec.architecture.VggSpec;

/**
 * How to train a network, whatever its architecture: Adam with a fixed learning rate on shuffled
 * mini-batches, softmax cross-entropy loss, and the parts the training loop plugs in: optional L1
 * and L2 penalties on the weights (not the biases), as in Keras' {@code kernel_regularizer}: {@code
 * loss + l1 × Σ|w| + l2 × Σ w²}; optional magnitude pruning after the normal epochs; optional
 * augmentation of the training images (conv nets); and an optional clusterable initialization
 * ({@link ClusterableInit}) that makes the network start modular.
 *
 * <p>References: Filan et al. (arXiv 2103.03386) and Hod et al. (arXiv 2110.08058): Adam, learning
 * rate 10⁻³, batch 128, 20 epochs for the MLP ({@link #paper()}); the L1 and L2 variants use 5 ×
 * 10⁻⁵; the small CNN trains 10 epochs with batch 64 ({@link #paperCnn()}); the VGG 200 epochs with
 * batch 128, L2 5 × 10⁻⁴ and augmentation ({@link #paperVgg()}).
 *
 * @param epochs passes over the training set, {@code >= 1}
 * @param batchSize images per step, {@code >= 1}
 * @param learningRate Adam's learning rate, {@code > 0}
 * @param seed seeds the weight initialization, dropout and the order of the batches
 * @param l1 L1 weight penalty, {@code >= 0}
 * @param l2 L2 weight penalty, {@code >= 0}
 * @param pruning magnitude pruning for more epochs after the {@code epochs} of normal training, or
 *     {@code null} for none
 * @param augmentation transformations of the training images ({@link Augmentation#none()} for none;
 *     anything else needs images of shape {@code {channels, height, width}}, i.e. a conv net)
 * @param clusterableInit the clusterable initialization applied to the freshly initialized weights,
 *     or {@code null} for none (the engine's default initialization only)
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    double l1,
    double l2,
    PruningSchedule pruning,
    Augmentation augmentation,
    ClusterableInit clusterableInit) {

  /** The papers' value of the L1 and L2 penalties in their regularized variants. */
  public static final double PAPER_PENALTY = 5e-5;

  /** Validates the fields. */
  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be a finite number > 0, got " + learningRate);
    }
    if (!(l1 >= 0) || !Double.isFinite(l1)) {
      throw new IllegalArgumentException("l1 must be a finite number >= 0, got " + l1);
    }
    if (!(l2 >= 0) || !Double.isFinite(l2)) {
      throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
    }
    Objects.requireNonNull(augmentation, "augmentation (use Augmentation.none() for none)");
  }

  /**
   * A config without pruning.
   *
   * @param epochs passes over the training set, {@code >= 1}
   * @param batchSize images per step, {@code >= 1}
   * @param learningRate Adam's learning rate, {@code > 0}
   * @param seed seeds the weight initialization, dropout and the order of the batches
   * @param l1 L1 weight penalty, {@code >= 0}
   * @param l2 L2 weight penalty, {@code >= 0}
   */
  public TrainingConfig(
      int epochs, int batchSize, double learningRate, long seed, double l1, double l2) {
    this(epochs, batchSize, learningRate, seed, l1, l2, null, Augmentation.none(), null);
  }

  /**
   * The papers' MLP setting: 20 epochs, batch 128, Adam 10⁻³, seed 0, no penalty, no pruning, no
   * augmentation.
   */
  public static TrainingConfig paper() {
    return new TrainingConfig(20, 128, 1e-3, 0L, 0.0, 0.0);
  }

  /** The papers' small-CNN setting: 10 epochs, batch 64, Adam 10⁻³, seed 0. */
  public static TrainingConfig paperCnn() {
    return paper().withEpochs(10).withBatchSize(64);
  }

  /**
   * The papers' VGG setting: 200 epochs, batch 128, Adam 10⁻³, L2 5 × 10⁻⁴, flips, shifts 0.1 and
   * rotations 15°. Far too slow for two CPU cores (hours per epoch); use it on a bigger machine.
   */
  public static TrainingConfig paperVgg() {
    return paper().withEpochs(200).withL2(VggSpec.PAPER_L2).withAugmentation(Augmentation.paper());
  }

  /** A quick setting for notebooks and tests: the papers' setting with 3 epochs. */
  public static TrainingConfig quick() {
    return paper().withEpochs(3);
  }

  /** This config with another number of epochs. */
  public TrainingConfig withEpochs(int n) {
    return new TrainingConfig(
        n, batchSize, learningRate, seed, l1, l2, pruning, augmentation, clusterableInit);
  }

  /** This config with another batch size. */
  public TrainingConfig withBatchSize(int n) {
    return new TrainingConfig(
        epochs, n, learningRate, seed, l1, l2, pruning, augmentation, clusterableInit);
  }

  /** This config with another learning rate. */
  public TrainingConfig withLearningRate(double rate) {
    return new TrainingConfig(
        epochs, batchSize, rate, seed, l1, l2, pruning, augmentation, clusterableInit);
  }

  /** This config with another seed. */
  public TrainingConfig withSeed(long s) {
    return new TrainingConfig(
        epochs, batchSize, learningRate, s, l1, l2, pruning, augmentation, clusterableInit);
  }

  /** This config with another L1 penalty. */
  public TrainingConfig withL1(double penalty) {
    return new TrainingConfig(
        epochs, batchSize, learningRate, seed, penalty, l2, pruning, augmentation, clusterableInit);
  }

  /** This config with another L2 penalty. */
  public TrainingConfig withL2(double penalty) {
    return new TrainingConfig(
        epochs, batchSize, learningRate, seed, l1, penalty, pruning, augmentation, clusterableInit);
  }

  /**
   * This config followed by magnitude pruning (see {@link PruningSchedule}): after the {@code
   * epochs} of normal training, {@code schedule.epochs()} more epochs with the same batch size,
   * learning rate and penalties while the dense weights are pruned.
   *
   * @param schedule the pruning schedule, e.g. {@link PruningSchedule#paper()}
   * @return the new config
   */
  public TrainingConfig withPruning(PruningSchedule schedule) {
    if (schedule == null) {
      throw new IllegalArgumentException(
          "schedule must not be null; use withoutPruning() to train without pruning");
    }
    return new TrainingConfig(
        epochs, batchSize, learningRate, seed, l1, l2, schedule, augmentation, clusterableInit);
  }

  /** This config without pruning. */
  public TrainingConfig withoutPruning() {
    return new TrainingConfig(
        epochs, batchSize, learningRate, seed, l1, l2, null, augmentation, clusterableInit);
  }

  /**
   * This config with another augmentation of the training images.
   *
   * @param a the augmentation, {@link Augmentation#none()} for none
   * @return the new config
   */
  public TrainingConfig withAugmentation(Augmentation a) {
    return new TrainingConfig(
        epochs, batchSize, learningRate, seed, l1, l2, pruning, a, clusterableInit);
  }

  /**
   * This config with a clusterable initialization: the weights the engine draws are scaled so that
   * the network starts modular (see {@link ClusterableInit}), then training goes on as usual.
   *
   * @param init the initialization, e.g. {@link ClusterableInit#paper()}
   * @return the new config
   */
  public TrainingConfig withClusterableInit(ClusterableInit init) {
    if (init == null) {
      throw new IllegalArgumentException(
          "init must not be null; use withoutClusterableInit() for the default initialization");
    }
    return new TrainingConfig(
        epochs, batchSize, learningRate, seed, l1, l2, pruning, augmentation, init);
  }

  /** This config with the engine's default initialization only. */
  public TrainingConfig withoutClusterableInit() {
    return new TrainingConfig(
        epochs, batchSize, learningRate, seed, l1, l2, pruning, augmentation, null);
  }

  /** Whether training ends with magnitude pruning. */
  public boolean prunes() {
    return pruning != null;
  }

  /** All epochs: the normal ones plus the pruning epochs. */
  public int totalEpochs() {
    return epochs + (pruning == null ? 0 : pruning.epochs());
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Adam lr %s, batch %d, %d epoch%s, seed %d",
                learningRate,
                batchSize,
                epochs,
                epochs == 1 ? "" : "s",
                seed));
    if (l1 > 0) {
      sb.append(", L1 ").append(l1);
    }
    if (l2 > 0) {
      sb.append(", L2 ").append(l2);
    }
    if (!augmentation.isNone()) {
      sb.append(", ").append(augmentation);
    }
    if (clusterableInit != null) {
      sb.append(", ").append(clusterableInit);
    }
    if (pruning != null) {
      sb.append("; then ").append(pruning);
    }
    return sb.toString();
  }
}
