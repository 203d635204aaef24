package org.locspec.train;

import org.locspec.architecture.VggSpec;
import java.util.Objects;

/**
 * How to train a conv net: the optimizer settings shared with MLPs ({@link TrainingConfig}: Adam,
 * epochs, batch size, learning rate, seed, L1/L2 on the convolution and dense weights) and the
 * data augmentation of the training batches.
 *
 * <p>References: Filan et al. (arXiv 2103.03386) and Hod et al. (arXiv 2110.08058): the small CNN
 * is trained 10 epochs with batch 64 ({@link #paperCnn()}); the VGG 200 epochs with batch 128, L2
 * 5 × 10⁻⁴ and augmentation ({@link #paperVgg()}); Adam with learning rate 10⁻³ for both.
 *
 * @param training optimizer, epochs, batch size, seed and penalties
 * @param augmentation transformations of the training images ({@link Augmentation#none()} for
 *     none)
 */
public record ConvNetTrainingConfig(TrainingConfig training, Augmentation augmentation) {

  /** Validates the fields. */
  public ConvNetTrainingConfig {
    Objects.requireNonNull(training, "training (e.g. TrainingConfig.paper())");
    Objects.requireNonNull(augmentation, "augmentation (use Augmentation.none() for none)");
  }

  /** The papers' small-CNN setting: 10 epochs, batch 64, Adam 10⁻³, seed 0, no augmentation. */
  public static ConvNetTrainingConfig paperCnn() {
    return new ConvNetTrainingConfig(
        TrainingConfig.paper().withEpochs(10).withBatchSize(64), Augmentation.none());
  }

  /**
   * The papers' VGG setting: 200 epochs, batch 128, Adam 10⁻³, L2 5 × 10⁻⁴, flips, shifts 0.1 and
   * rotations 15°. Far too slow for two CPU cores (hours per epoch); use it on a bigger machine.
   */
  public static ConvNetTrainingConfig paperVgg() {
    return new ConvNetTrainingConfig(
        TrainingConfig.paper().withEpochs(200).withBatchSize(128).withL2(VggSpec.PAPER_L2),
        Augmentation.paper());
  }

  /** A config with these optimizer settings and no augmentation. */
  public static ConvNetTrainingConfig of(TrainingConfig training) {
    return new ConvNetTrainingConfig(training, Augmentation.none());
  }

  /** This config with another number of epochs. */
  public ConvNetTrainingConfig withEpochs(int n) {
    return new ConvNetTrainingConfig(training.withEpochs(n), augmentation);
  }

  /** This config with another batch size. */
  public ConvNetTrainingConfig withBatchSize(int n) {
    return new ConvNetTrainingConfig(training.withBatchSize(n), augmentation);
  }

  /** This config with another seed. */
  public ConvNetTrainingConfig withSeed(long seed) {
    return new ConvNetTrainingConfig(training.withSeed(seed), augmentation);
  }

  /** This config with other optimizer settings. */
  public ConvNetTrainingConfig withTraining(TrainingConfig t) {
    return new ConvNetTrainingConfig(t, augmentation);
  }

  /** This config with another augmentation. */
  public ConvNetTrainingConfig withAugmentation(Augmentation a) {
    return new ConvNetTrainingConfig(training, a);
  }

  /** The seed (of the training config). */
  public long seed() {
    return training.seed();
  }

  @Override
  public String toString() {
    return augmentation.isNone() ? training.toString() : training + ", " + augmentation;
  }
}
