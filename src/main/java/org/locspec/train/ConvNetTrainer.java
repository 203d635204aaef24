package org.locspec.train;

import org.locspec.architecture.ConvNetSpec;
import org.locspec.architecture.ConvNets;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.SequentialBlock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.locspec.data.ImageDataset;
import org.locspec.progress.ProgressListener;

/**
 * Trains and evaluates conv nets ({@link CnnSpec}, {@link VggSpec}) with DJL's PyTorch engine on
 * the CPU.
 *
 * <p>Each epoch visits the training images in a seeded random order, in mini-batches, optionally
 * augmented ({@link Augmentation}); each step minimizes the softmax cross-entropy of the logits
 * plus {@code l1 × Σ|w| + l2 × Σ w²} over the convolution and dense weights (as Keras' {@code
 * kernel_regularizer}), with one Adam step. Dropout is on and batch norm normalizes with the
 * batch's statistics (updating its running statistics) during the steps; the test evaluation
 * after each epoch runs in inference mode (no dropout, batch norm on running statistics).
 *
 * <p>Same seed, same data, same config ⇒ same weights: the seed initializes the weights, drives
 * dropout and fixes the batch order and the augmentation; PyTorch runs with one intra-op thread
 * ({@link TorchScope}). Training sets the engine's global random seed: do not train two networks
 * at once in one JVM.
 *
 * <p>Timing on this project's 2-core machine: see {@code ConvNetTrainerTest} and the report in
 * the package documentation; the papers' VGG needs a bigger machine for its 200 epochs.
 *
 * <p>References: Filan et al. (arXiv 2103.03386); Hod et al. (arXiv 2110.08058); Kingma and Ba,
 * "Adam" (arXiv 1412.6980); Ioffe and Szegedy, "Batch Normalization" (arXiv 1502.03167).
 */
public final class ConvNetTrainer {
  /** Images per forward pass when evaluating (activations of a conv net are large). */
  public static final int EVAL_BATCH = 250;

  /** The DJL model name, and so the prefix of the saved parameter file. */
  static final String MODEL_NAME = "convnet";

  private ConvNetTrainer() {}

  /**
   * Trains a conv net.
   *
   * @param spec the network's shape; its input shape and class count must match the data
   * @param config optimizer settings, seed, penalties and augmentation
   * @param train the training images
   * @param test the test images, evaluated after every epoch
   * @param progress receives one task per epoch ("epoch i/n"), updated after every batch
   * @return the trained network; close it when done
   * @throws IllegalArgumentException if the data does not fit the spec
   */
  public static TrainedConvNet train(
      ConvNetSpec spec,
      ConvNetTrainingConfig config,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress) {
    Objects.requireNonNull(spec, "spec (e.g. CnnSpec.paper())");
    Objects.requireNonNull(config, "config (e.g. ConvNetTrainingConfig.paperCnn())");
    Objects.requireNonNull(progress, "progress (use ProgressListener.none() for none)");
    checkFits(spec, train, "train");
    checkFits(spec, test, "test");
    if (train.size() == 0) {
      throw new IllegalArgumentException("training set " + train.name() + " is empty");
    }
    Model model = Model.newInstance(MODEL_NAME, Device.cpu(), MlpTrainer.ENGINE);
    try (TorchScope scope = TorchScope.training()) {
      SequentialBlock block = ConvNets.build(spec);
      TrainingLoop.initialize(model, block, config.seed(), spec.inputShape());
      TrainingLoop.Result result =
          TrainingLoop.run(
              model,
              spec.inputShape(),
              ConvNets.penalizedWeights(block),
              config.training(),
              config.augmentation(),
              EVAL_BATCH,
              train,
              test,
              progress,
              null);
      return new TrainedConvNet(
          model, spec, config, train.name(), test.name(), result.history(), result.evaluation());
    } catch (RuntimeException | Error ex) {
      model.close();
      throw ex;
    }
  }

  /**
   * Evaluates a trained conv net on a data set, in inference mode.
   *
   * @param net the network
   * @param data the images; their shape and classes must fit the network
   * @return overall and per-class accuracy
   */
  public static Evaluation evaluate(TrainedConvNet net, ImageDataset data) {
    checkFits(net.spec(), data, "data");
    return TrainingLoop.evaluate(net.model(), data, net.spec().inputShape(), EVAL_BATCH);
  }

  static void checkFits(ConvNetSpec spec, ImageDataset data, String what) {
    Objects.requireNonNull(data, what);
    long[] shape = {data.channels(), data.height(), data.width()};
    if (!Arrays.equals(shape, spec.inputShape())) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s set %s has images of shape %s but the %s takes %s; use spec.forData(data)",
              what,
              data.name(),
              Arrays.toString(shape),
              spec.architecture().toUpperCase(Locale.ROOT),
              Arrays.toString(spec.inputShape())));
    }
    if (data.numClasses() != spec.numClasses()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s set %s has %d classes but the %s has %d outputs; use spec.forData(data)",
              what,
              data.name(),
              data.numClasses(),
              spec.architecture().toUpperCase(Locale.ROOT),
              spec.numClasses()));
    }
  }
}
