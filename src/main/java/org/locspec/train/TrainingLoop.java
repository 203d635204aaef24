package org.locspec.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locspec.data.ImageDataset;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.Seeds;

/**
 * The training and evaluation loop shared by LocSpec's trainers: seeded initialization, Adam on
 * shuffled mini-batches with softmax cross-entropy plus optional L1/L2 penalties, optional
 * augmentation of the training images, one {@link NDManager} sub-manager per batch, progress per
 * batch and a test evaluation after every epoch.
 *
 * <p>Blocks run with {@code training = true} during the steps (dropout on, batch norm on batch
 * statistics and updating its running statistics) and {@code training = false} when evaluating
 * (dropout off, batch norm on running statistics).
 */
final class TrainingLoop {
  private TrainingLoop() {}

  /** Called after every optimizer step, e.g. to re-apply pruning masks. */
  @FunctionalInterface
  interface StepHook {
    /**
     * @param epoch the epoch, from 0
     * @param globalStep the number of steps taken so far, from 1
     */
    void afterStep(int epoch, int globalStep);
  }

  /**
   * What a run produced.
   *
   * @param history losses, accuracies and times
   * @param evaluation the test evaluation after the last epoch
   */
  record Result(TrainingHistory history, Evaluation evaluation) {}

  /**
   * Seeds the engine and initializes a model's block for inputs of one image's shape; parameters
   * that learn get gradients.
   */
  static void initialize(Model model, Block block, long seed, long[] imageShape) {
    Engine.getEngine(MlpTrainer.ENGINE).setRandomSeed(foldSeed(seed));
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, batchShape(1, imageShape));
    for (Parameter p : block.getParameters().values()) {
      if (p.requiresGradient() && !p.getArray().hasGradient()) {
        p.getArray().setRequiresGradient(true);
      }
    }
  }

  /**
   * Trains an initialized model. Call inside a {@link TorchScope#training()} scope.
   *
   * @param model the model, its block initialized by {@link #initialize}
   * @param imageShape the shape of one input, e.g. {784} or {1, 28, 28}
   * @param penalized the weights the L1/L2 penalties apply to
   * @param config epochs, batch size, learning rate, seed, penalties
   * @param augmentation transformations of training images ({@code none()} for none; needs a
   *     {C, H, W} image shape otherwise)
   * @param evalBatch images per forward pass when evaluating
   * @param hook called after every step, or null
   */
  static Result run(
      Model model,
      long[] imageShape,
      List<NDArray> penalized,
      TrainingConfig config,
      Augmentation augmentation,
      int evalBatch,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress,
      StepHook hook) {
    if (!augmentation.isNone() && imageShape.length != 3) {
      throw new IllegalArgumentException(
          "augmentation needs {channels, height, width} images, got shape "
              + java.util.Arrays.toString(imageShape));
    }
    Engine engine = Engine.getEngine(MlpTrainer.ENGINE);
    Block block = model.getBlock();
    NDManager root = model.getNDManager();
    List<Parameter> learnable = new ArrayList<>();
    for (Parameter p : block.getParameters().values()) {
      if (p.requiresGradient()) {
        learnable.add(p);
      }
    }
    NDArray[] weights = penalized.toArray(new NDArray[0]);
    Optimizer adam =
        Optimizer.adam()
            .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
            .build();
    Loss lossFn = Loss.softmaxCrossEntropyLoss();
    ParameterStore store = new ParameterStore(root, false);
    Batcher batcher = new Batcher(imageShape, Math.max(config.batchSize(), evalBatch));

    int n = train.size();
    int bs = config.batchSize();
    int stepsPerEpoch = (n + bs - 1) / bs;
    int epochs = config.epochs();
    double[] stepLosses = new double[epochs * stepsPerEpoch];
    double[] epochLosses = new double[epochs];
    double[] epochAcc = new double[epochs];
    double[] epochSecs = new double[epochs];
    int step = 0;
    Evaluation last = null;
    for (int e = 0; e < epochs; e++) {
      progress.start("epoch " + (e + 1) + "/" + epochs, stepsPerEpoch);
      long t0 = System.nanoTime();
      long epochSeed = epochSeed(config.seed(), e);
      int[] order = ImageDataset.permutation(n, epochSeed);
      SplittableRandom augmentRng =
          augmentation.isNone() ? null : new SplittableRandom(~epochSeed);
      double sum = 0;
      for (int b = 0; b < stepsPerEpoch; b++) {
        int from = b * bs;
        int to = Math.min(n, from + bs);
        float loss;
        try (NDManager batch = root.newSubManager()) {
          NDArray x = batcher.images(batch, train, order, from, to, augmentation, augmentRng);
          NDArray y = batcher.labels(batch, train, order, from, to);
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
            NDArray total = lossFn.evaluate(new NDList(y), new NDList(logits));
            if (config.l1() > 0 || config.l2() > 0) {
              // Results of operations on the weights belong to the weights' manager: attach the
              // weights to this batch's manager for now, so the penalty's arrays go with it.
              batch.tempAttachAll(weights);
              total = total.add(penalty(penalized, config.l1(), config.l2()));
            }
            gc.backward(total);
            loss = total.getFloat();
          }
        }
        // DJL's PyTorch Adam update zeroes the gradient it consumes.
        for (Parameter p : learnable) {
          NDArray w = p.getArray();
          try (NDArray g = w.getGradient()) {
            adam.update(p.getId(), w, g);
          }
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
        stepLosses[step++] = loss;
        sum += loss;
        if (hook != null) {
          hook.afterStep(e, step);
        }
        progress.update(b + 1, String.format(Locale.ROOT, "loss %.3f", loss));
      }
      epochSecs[e] = (System.nanoTime() - t0) / 1e9;
      epochLosses[e] = sum / stepsPerEpoch;
      try (TorchScope scope = TorchScope.inference()) {
        last = evaluate(model, test, batcher, evalBatch);
      }
      epochAcc[e] = last.accuracy();
      progress.finish(
          String.format(
              Locale.ROOT, "mean loss %.4f, test accuracy %.4f", epochLosses[e], epochAcc[e]));
    }
    return new Result(new TrainingHistory(stepLosses, epochLosses, epochAcc, epochSecs), last);
  }

  /**
   * Evaluates a classifier in inference mode: the predicted class is the arg-max of the logits.
   *
   * @param model a model whose block maps {@code (batch, imageShape...)} to logits
   * @param data the images
   * @param imageShape the shape of one input
   * @param evalBatch images per forward pass
   */
  static Evaluation evaluate(Model model, ImageDataset data, long[] imageShape, int evalBatch) {
    try (TorchScope scope = TorchScope.inference()) {
      return evaluate(model, data, new Batcher(imageShape, evalBatch), evalBatch);
    }
  }

  private static Evaluation evaluate(
      Model model, ImageDataset data, Batcher batcher, int evalBatch) {
    int k = data.numClasses();
    int[] counts = new int[k];
    int[] correct = new int[k];
    int[] pred = predict(model, data, batcher, evalBatch, null);
    for (int i = 0; i < data.size(); i++) {
      int label = data.label(i);
      counts[label]++;
      if (pred[i] == label) {
        correct[label]++;
      }
    }
    return new Evaluation(data.name(), data.classNames(), counts, correct);
  }

  /**
   * The logits of every image in inference mode.
   *
   * @return {@code [images][classes]}
   */
  static float[][] outputs(Model model, ImageDataset data, long[] imageShape, int evalBatch) {
    float[][] out = new float[data.size()][];
    try (TorchScope scope = TorchScope.inference()) {
      predict(model, data, new Batcher(imageShape, evalBatch), evalBatch, out);
    }
    return out;
  }

  /** The predicted class of every image in inference mode. */
  static int[] predict(Model model, ImageDataset data, long[] imageShape, int evalBatch) {
    try (TorchScope scope = TorchScope.inference()) {
      return predict(model, data, new Batcher(imageShape, evalBatch), evalBatch, null);
    }
  }

  /** Predictions (and, when {@code logitsOut} is not null, the logits) in inference mode. */
  private static int[] predict(
      Model model, ImageDataset data, Batcher batcher, int evalBatch, float[][] logitsOut) {
    Block block = model.getBlock();
    NDManager root = model.getNDManager();
    ParameterStore store = new ParameterStore(root, false);
    int k = data.numClasses();
    int n = data.size();
    int[] pred = new int[n];
    for (int from = 0; from < n; from += evalBatch) {
      int to = Math.min(n, from + evalBatch);
      try (NDManager batch = root.newSubManager()) {
        NDArray x = batcher.images(batch, data, null, from, to, Augmentation.none(), null);
        NDArray logits = block.forward(store, new NDList(x), false).singletonOrThrow();
        long outputs = logits.getShape().get(logits.getShape().dimension() - 1);
        if (outputs != k) {
          throw new IllegalArgumentException(
              "the model has "
                  + outputs
                  + " outputs but data set "
                  + data.name()
                  + " has "
                  + k
                  + " classes; evaluate on data with the classes the model was trained on");
        }
        long[] p = logits.argMax(1).toLongArray();
        for (int i = from; i < to; i++) {
          pred[i] = (int) p[i - from];
        }
        if (logitsOut != null) {
          float[] flat = logits.toFloatArray();
          for (int i = from; i < to; i++) {
            logitsOut[i] = java.util.Arrays.copyOfRange(flat, (i - from) * k, (i - from + 1) * k);
          }
        }
      }
    }
    return pred;
  }

  static NDArray penalty(List<NDArray> weights, double l1, double l2) {
    NDArray total = null;
    for (NDArray w : weights) {
      NDArray term = null;
      if (l1 > 0) {
        term = w.abs().sum().mul((float) l1);
      }
      if (l2 > 0) {
        NDArray sq = w.square().sum().mul((float) l2);
        term = term == null ? sq : term.add(sq);
      }
      total = total == null ? term : total.add(term);
    }
    return total;
  }

  /** DJL's engine seed is an int: fold the long seed into one. */
  static int foldSeed(long seed) {
    return (int) (seed ^ (seed >>> 32));
  }

  /** The seed of epoch {@code e}'s batch order (and augmentation). */
  static long epochSeed(long seed, int e) {
    return Seeds.derive(seed, e);
  }

  private static Shape batchShape(long count, long[] imageShape) {
    long[] s = new long[imageShape.length + 1];
    s[0] = count;
    System.arraycopy(imageShape, 0, s, 1, imageShape.length);
    return new Shape(s);
  }

  /**
   * Fills reused buffers with a batch and hands them to the engine: pixels are copied (and
   * augmented) into one reused float array, then into one reused direct buffer; labels go into
   * another direct buffer.
   */
  private static final class Batcher {
    private final long[] imageShape;
    private final int imageSize;
    private final float[] staging;
    private final float[] one;
    private final ByteBuffer pixelBytes;
    private final ByteBuffer labelBytes;

    Batcher(long[] imageShape, int maxBatch) {
      this.imageShape = imageShape.clone();
      long size = 1;
      for (long d : imageShape) {
        size *= d;
      }
      this.imageSize = Math.toIntExact(size);
      this.staging = new float[Math.multiplyExact(maxBatch, imageSize)];
      this.one = new float[imageSize];
      this.pixelBytes =
          ByteBuffer.allocateDirect(Math.multiplyExact(staging.length, Float.BYTES))
              .order(ByteOrder.nativeOrder());
      this.labelBytes =
          ByteBuffer.allocateDirect(maxBatch * Long.BYTES).order(ByteOrder.nativeOrder());
    }

    NDArray images(
        NDManager manager,
        ImageDataset data,
        int[] order,
        int from,
        int to,
        Augmentation augmentation,
        SplittableRandom rng) {
      int count = to - from;
      int values = count * imageSize;
      if (order == null && augmentation.isNone()) {
        data.copyPixels(from, to, staging, 0);
      } else {
        for (int j = from; j < to; j++) {
          int i = order == null ? j : order[j];
          int dest = (j - from) * imageSize;
          if (augmentation.isNone()) {
            data.copyPixels(i, i + 1, staging, dest);
          } else {
            data.copyPixels(i, i + 1, one, 0);
            augmentation.apply(
                one,
                0,
                staging,
                dest,
                (int) imageShape[0],
                (int) imageShape[1],
                (int) imageShape[2],
                rng);
          }
        }
      }
      ByteBuffer bytes = pixelBytes.duplicate().order(ByteOrder.nativeOrder());
      bytes.clear();
      bytes.asFloatBuffer().put(staging, 0, values);
      bytes.limit(values * Float.BYTES);
      return manager.create(
          bytes.slice().order(ByteOrder.nativeOrder()),
          batchShape(count, imageShape),
          DataType.FLOAT32);
    }

    NDArray labels(NDManager manager, ImageDataset data, int[] order, int from, int to) {
      int count = to - from;
      ByteBuffer b = labelBytes.duplicate().order(ByteOrder.nativeOrder());
      b.clear();
      for (int j = from; j < to; j++) {
        b.putLong(data.label(order == null ? j : order[j]));
      }
      b.flip();
      return manager.create(
          b.slice().order(ByteOrder.nativeOrder()), new Shape(count), DataType.INT64);
    }
  }
}
