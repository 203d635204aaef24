package org.locspec.train;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.Objects;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.data.ImageDataset;
import org.locspec.model.TorchEngine;
import org.locspec.progress.ProgressListener;

/**
 * Trains any of the papers' architectures ({@link org.locspec.architecture.MlpSpec}, {@link
 * org.locspec.architecture.CnnSpec}, {@link org.locspec.architecture.VggSpec}) with DJL's PyTorch
 * engine on the CPU, in one training loop.
 *
 * <p>Each epoch visits the training images in a seeded random order, in mini-batches (optionally
 * augmented, {@link Augmentation}); each step minimizes the softmax cross-entropy of the logits
 * plus {@code l1 × Σ|w| + l2 × Σ w²} over the dense and convolution weights, with one Adam step.
 * With {@link TrainingConfig#pruning()} set, the normal epochs are followed by the pruning epochs
 * (see {@link PruningSchedule}): a fresh Adam optimizer, the same batch size, learning rate and
 * penalties, and every dense and convolution weight array pruned by magnitude on the schedule, its
 * mask applied after every optimizer step. After each epoch the test accuracy is measured.
 *
 * <pre>{@code
 * try (TrainedNetwork net = Trainer.train(MlpSpec.paper(), TrainingConfig.quick(), train, test,
 *     ProgressListener.none())) {
 *   Evaluation e = net.evaluation();
 * }
 * }</pre>
 *
 * <p>With {@link TrainingConfig#clusterableInit()} set, the freshly initialized weights are scaled
 * so that the network starts modular ({@link ClusterableInit}) before the first step.
 *
 * <p>Same seed, same data, same config ⇒ same weights: the seed is given to the engine before the
 * weights are initialized (it also drives dropout) and fixes the order of the batches, the
 * augmentation and the modules of a clusterable initialization; PyTorch runs with one intra-op
 * thread ({@link TorchScope}), so results do not depend on the number of cores. Training sets the
 * engine's global random seed, and DJL's PyTorch engine allows one gradient collector at a time: do
 * not train two networks at once in one JVM.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058); Kingma and Ba,
 * "Adam: A Method for Stochastic Optimization" (arXiv 1412.6980); Ioffe and Szegedy, "Batch
 * Normalization" (arXiv 1502.03167).
 */
public final class Trainer {
  private Trainer() {}

  /**
   * Trains a network.
   *
   * @param spec the architecture; its input shape and class count must match the data
   * @param config epochs, batch size, learning rate, seed, penalties, pruning and augmentation
   * @param train the training images
   * @param test the test images, evaluated after every epoch
   * @param progress receives one task per epoch ("epoch i/n", "pruning epoch i/n"), updated after
   *     every batch
   * @return the trained network with its provenance; close it when done
   * @throws IllegalArgumentException if the data does not fit the spec, or the config asks for
   *     augmentation of an MLP's flat inputs
   */
  public static TrainedNetwork train(
      ArchitectureSpec spec,
      TrainingConfig config,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress) {
    return train(spec, config, train, test, progress, 1);
  }

  /**
   * Trains with a given number of PyTorch intra-op threads (for benchmarks: results then depend on
   * the thread count; the public method uses one).
   */
  static TrainedNetwork train(
      ArchitectureSpec spec,
      TrainingConfig config,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress,
      int threads) {
    Objects.requireNonNull(spec, "spec (e.g. MlpSpec.paper())");
    Objects.requireNonNull(config, "config (e.g. TrainingConfig.paper())");
    Objects.requireNonNull(progress, "progress (use ProgressListener.none() for none)");
    spec.checkFits(train, "training");
    spec.checkFits(test, "test");
    if (train.size() == 0) {
      throw new IllegalArgumentException("training set " + train.name() + " is empty");
    }
    if (!config.augmentation().isNone() && spec.inputShape().length != 3) {
      throw new IllegalArgumentException(
          "augmentation needs {channels, height, width} images, but the "
              + spec.architecture()
              + " takes "
              + Arrays.toString(spec.inputShape())
              + "; use Augmentation.none() or a conv net");
    }
    try (TorchScope scope = TorchScope.threads(threads)) {
      TorchEngine.get().setRandomSeed(foldSeed(config.seed()));
      Model model = spec.newModel(spec.architecture());
      try {
        if (config.clusterableInit() != null) {
          config.clusterableInit().apply(spec, model.getBlock(), config.seed());
        }
        for (Parameter p : model.getBlock().getParameters().values()) {
          if (p.requiresGradient() && !p.getArray().hasGradient()) {
            p.getArray().setRequiresGradient(true);
          }
        }
        TrainingLoop.Result r = TrainingLoop.run(model, spec, config, train, test, progress);
        DataProvenance data = DataProvenance.of(train, test);
        return new TrainedNetwork(model, spec, config, data, r.history(), r.evaluation());
      } catch (RuntimeException | Error e) {
        model.close();
        throw e;
      }
    }
  }

  /** DJL's engine seed is an int: fold the long seed into one. */
  static int foldSeed(long seed) {
    return (int) (seed ^ (seed >>> 32));
  }
}
