package org.locspec.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.data.ImageDataset;
import org.locspec.model.TorchEngine;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.Seeds;

/**
 * The one training loop of every architecture: Adam on seeded shuffled mini-batches with softmax
 * cross-entropy, the parts a {@link TrainingConfig} switches on plugged in ({@link Penalty}, {@link
 * Pruning}, the {@link Augmentation} of the batches), Adam in Java on the parameters' memory
 * ({@link AdamUpdate}), one {@link NDManager} sub-manager per batch, progress per batch and a test
 * evaluation after every epoch.
 *
 * <p>Blocks run with {@code training = true} during the steps (dropout on, batch norm on batch
 * statistics and updating its running statistics) and {@code training = false} when evaluating
 * (dropout off, batch norm on running statistics). The pruning epochs start with a fresh Adam
 * optimizer, as when Keras compiles the pruning wrapper.
 */
final class TrainingLoop {
  private final Model model;
  private final TrainingConfig config;
  private final ImageDataset train;
  private final ProgressListener progress;
  private final Block block;
  private final ParameterStore store;
  private final List<Parameter> learnable = new ArrayList<>();
  private final List<NDArray> weights;
  private final List<TrainingPart> parts = new ArrayList<>();
  private final Batcher batcher;
  private final Loss lossFn = Loss.softmaxCrossEntropyLoss();
  private final int stepsPerEpoch;
  private AdamUpdate adam;

  /** What a run produced: losses, accuracies, times and sparsities, and the final evaluation. */
  record Result(TrainingHistory history, Evaluation evaluation) {}

  private TrainingLoop(
      Model model,
      ArchitectureSpec spec,
      TrainingConfig config,
      ImageDataset train,
      ProgressListener progress) {
    this.model = model;
    this.config = config;
    this.train = train;
    this.progress = progress;
    this.block = model.getBlock();
    this.store = new ParameterStore(model.getNDManager(), false);
    for (Parameter p : block.getParameters().values()) {
      if (p.requiresGradient()) {
        learnable.add(p);
      }
    }
    this.weights = new ArrayList<>();
    for (Block layer : spec.weightLayers(block).values()) {
      weights.add(layer.getParameters().get("weight").getArray());
    }
    this.stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
    this.batcher =
        new Batcher(spec.inputShape(), Math.max(config.batchSize(), Inference.batchSize(spec)));
  }

  /**
   * Trains an initialized model with one intra-op thread scope already open.
   *
   * @param model the model, its block built from {@code spec}, initialized, with gradients on
   * @param spec the architecture
   * @param config epochs, batch size, learning rate, seed and the parts
   * @param train the training images
   * @param test the test images, evaluated after every epoch
   * @param progress receives one task per epoch, updated after every batch
   * @return the history and the final test evaluation
   */
  static Result run(
      Model model,
      ArchitectureSpec spec,
      TrainingConfig config,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress) {
    TrainingLoop loop = new TrainingLoop(model, spec, config, train, progress);
    if (config.l1() > 0 || config.l2() > 0) {
      loop.parts.add(new Penalty(loop.weights, config.l1(), config.l2()));
    }
    if (config.prunes()) {
      loop.parts.add(
          new Pruning(
              model.getNDManager(),
              loop.weights,
              config.pruning(),
              config.epochs(),
              loop.stepsPerEpoch));
    }
    try {
      return loop.epochs(Inference.of(model, spec, loop.batcher), test);
    } finally {
      loop.parts.forEach(TrainingPart::close);
    }
  }

  private Result epochs(Inference inference, ImageDataset test) {
    int epochs = config.totalEpochs();
    double[] stepLosses = new double[epochs * stepsPerEpoch];
    double[] epochLosses = new double[epochs];
    double[] epochAcc = new double[epochs];
    double[] epochSecs = new double[epochs];
    double[] epochSparsity = new double[epochs];
    Evaluation last = null;
    for (int e = 0; e < epochs; e++) {
      boolean pruningEpoch = e >= config.epochs();
      if (e == 0 || e == config.epochs()) {
        adam =
            new AdamUpdate(
                learnable.stream().map(Parameter::getArray).toList(),
                (float) config.learningRate());
      }
      progress.start(
          pruningEpoch
              ? "pruning epoch " + (e - config.epochs() + 1) + "/" + config.pruning().epochs()
              : "epoch " + (e + 1) + "/" + config.epochs(),
          stepsPerEpoch);
      long t0 = System.nanoTime();
      epochLosses[e] = epoch(e, stepLosses, e * stepsPerEpoch);
      epochSecs[e] = (System.nanoTime() - t0) / 1e9;
      last = inference.evaluate(test);
      epochAcc[e] = last.accuracy();
      epochSparsity[e] = Pruning.zeroFraction(weights);
      String done =
          String.format(
              Locale.ROOT, "mean loss %.4f, test accuracy %.4f", epochLosses[e], epochAcc[e]);
      String sparsity = String.format(Locale.ROOT, ", sparsity %.4f", epochSparsity[e]);
      progress.finish(pruningEpoch ? done + sparsity : done);
    }
    return new Result(
        new TrainingHistory(stepLosses, epochLosses, epochAcc, epochSecs, epochSparsity), last);
  }

  /** One pass over the training set; returns the mean loss and fills {@code stepLosses}. */
  private double epoch(int e, double[] stepLosses, int firstStep) {
    int n = train.size();
    int bs = config.batchSize();
    long epochSeed = Seeds.derive(config.seed(), e);
    int[] order = ImageDataset.permutation(n, epochSeed);
    Augmentation augmentation = config.augmentation();
    SplittableRandom augmentRng = augmentation.isNone() ? null : new SplittableRandom(~epochSeed);
    double sum = 0;
    for (int b = 0; b < stepsPerEpoch; b++) {
      int from = b * bs;
      int to = Math.min(n, from + bs);
      for (TrainingPart part : parts) {
        part.beforeStep(e);
      }
      float loss;
      try (NDManager batch = model.getNDManager().newSubManager()) {
        NDArray x = batcher.images(batch, train, order, from, to, augmentation, augmentRng);
        NDArray y = batcher.labels(batch, train, order, from, to);
        loss = step(batch, x, y);
      }
      for (TrainingPart part : parts) {
        part.afterStep();
      }
      if (!Float.isFinite(loss)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "training diverged: loss is %s at epoch %d, step %d; lower the learning rate"
                    + " (now %s) or the penalties",
                loss,
                e + 1,
                b + 1,
                config.learningRate()));
      }
      stepLosses[firstStep + b] = loss;
      sum += loss;
      progress.update(b + 1, String.format(Locale.ROOT, "loss %.3f", loss));
    }
    return sum / stepsPerEpoch;
  }

  /** Forward, loss (with the parts' terms), backward and one Adam step; returns the loss. */
  private float step(NDManager batch, NDArray x, NDArray y) {
    float loss;
    try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
      NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
      NDArray total = lossFn.evaluate(new NDList(y), new NDList(logits));
      for (TrainingPart part : parts) {
        NDArray term = part.lossTerm(batch);
        if (term != null) {
          total = total.add(term);
        }
      }
      gc.backward(total);
      loss = total.getFloat();
    }
    adam.step(); // zeroes the gradients it consumes, so they do not accumulate
    return loss;
  }
}
