package org.locspec.train;

import org.locspec.architecture.Mlp;
import org.locspec.architecture.MlpSpec;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
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
import java.util.Objects;
import org.locspec.data.ImageDataset;
import org.locspec.progress.ProgressListener;

/**
 * Trains and evaluates MLPs with DJL's PyTorch engine on the CPU.
 *
 * <p>Training is a plain loop: each epoch visits the training images in a seeded random order, in
 * mini-batches; for each batch it computes the softmax cross-entropy of the logits (plus {@code
 * l1 × Σ|w| + l2 × Σ w²} over the weights when those penalties are on), back-propagates and takes
 * one Adam step. Every batch lives in its own {@link NDManager} sub-manager, so memory does not
 * grow. After each epoch the test accuracy is measured.
 *
 * <p>With {@link TrainingConfig#pruning()} set, the normal epochs are followed by the pruning
 * epochs (see {@link PruningSchedule}): a fresh Adam optimizer (as when Keras compiles the pruning
 * wrapper), the same batch size, learning rate and penalties, and every dense layer's weights
 * (not the biases) pruned by magnitude on the schedule, its mask applied after every optimizer
 * step so that pruned weights stay exactly zero. The masks depend only on the weights, so the
 * same seed gives the same masks.
 *
 * <p>Same seed, same data, same config ⇒ same weights: the seed is given to the engine before the
 * weights are initialized (it also drives dropout) and fixes the order of the batches, and PyTorch
 * runs with one intra-op thread (see {@link TorchScope}), so results do not depend on the number
 * of cores. Training sets the PyTorch engine's global random seed, and DJL's PyTorch engine allows
 * one gradient collector at a time, so do not train two networks at once in one JVM.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058). Kingma and Ba,
 * "Adam: A Method for Stochastic Optimization" (arXiv 1412.6980).
 */
public final class MlpTrainer {
  /** The DJL engine LocSpec trains with. */
  public static final String ENGINE = "PyTorch";

  /** Images per forward pass when evaluating. */
  public static final int EVAL_BATCH = 1000;

  private MlpTrainer() {}

  /**
   * Trains an MLP.
   *
   * @param spec the network's shape; its input size and class count must match the data
   * @param config epochs, batch size, learning rate, seed and penalties
   * @param train the training images
   * @param test the test images, evaluated after every epoch
   * @param progress receives one task per epoch ("epoch i/n"), updated after every batch
   * @return the trained network; close it when done
   * @throws IllegalArgumentException if the data does not fit the spec
   */
  public static TrainedMlp train(
      MlpSpec spec,
      TrainingConfig config,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress) {
    return train(spec, config, train, test, progress, 1);
  }

  /**
   * Trains with a given number of PyTorch intra-op threads (for benchmarks: results then depend
   * on the thread count; {@link #train(MlpSpec, TrainingConfig, ImageDataset, ImageDataset,
   * ProgressListener)} uses one).
   */
  static TrainedMlp train(
      MlpSpec spec,
      TrainingConfig config,
      ImageDataset train,
      ImageDataset test,
      ProgressListener progress,
      int threads) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(progress, "progress (use ProgressListener.none() for none)");
    checkFits(spec, train, "train");
    checkFits(spec, test, "test");
    if (train.size() == 0) {
      throw new IllegalArgumentException("training set " + train.name() + " is empty");
    }

    Engine engine = Engine.getEngine(ENGINE);
    Model model = Model.newInstance("mlp", Device.cpu(), ENGINE);
    try (TorchScope scope = TorchScope.threads(threads)) {
      engine.setRandomSeed(TrainingLoop.foldSeed(config.seed()));
      SequentialBlock block = Mlp.build(spec);
      model.setBlock(block);
      NDManager root = model.getNDManager();
      block.initialize(root, DataType.FLOAT32, new Shape(1, spec.inputSize()));
      List<Parameter> params = new ArrayList<>();
      for (Parameter p : block.getParameters().values()) {
        params.add(p);
        if (p.requiresGradient() && !p.getArray().hasGradient()) {
          p.getArray().setRequiresGradient(true);
        }
      }
      List<NDArray> weights = new ArrayList<>();
      for (Linear linear : Mlp.denseLayers(block)) {
        weights.add(linear.getParameters().get("weight").getArray());
      }
      Optimizer adam = adam(config);
      Loss lossFn = Loss.softmaxCrossEntropyLoss();
      ParameterStore store = new ParameterStore(root, false);
      Batcher batcher = new Batcher(train.imageSize(), Math.max(config.batchSize(), EVAL_BATCH));

      int n = train.size();
      int bs = config.batchSize();
      int stepsPerEpoch = (n + bs - 1) / bs;
      int epochs = config.totalEpochs();
      double[] stepLosses = new double[epochs * stepsPerEpoch];
      double[] epochLosses = new double[epochs];
      double[] epochAcc = new double[epochs];
      double[] epochSecs = new double[epochs];
      double[] epochSparsity = new double[epochs];
      int step = 0;
      Evaluation last = null;
      PruningSchedule pruning = config.pruning();
      Pruner pruner = null;
      long pruneEnd = pruning == null ? 0 : (long) pruning.epochs() * stepsPerEpoch;
      long pruneStep = 0;
      for (int e = 0; e < epochs; e++) {
        boolean pruningEpoch = e >= config.epochs();
        String task =
            pruningEpoch
                ? "pruning epoch " + (e - config.epochs() + 1) + "/" + pruning.epochs()
                : "epoch " + (e + 1) + "/" + config.epochs();
        if (pruningEpoch && pruner == null) {
          pruner = new Pruner(root, weights);
          adam = adam(config);
        }
        progress.start(task, stepsPerEpoch);
        long t0 = System.nanoTime();
        int[] order = ImageDataset.permutation(n, TrainingLoop.epochSeed(config.seed(), e));
        double sum = 0;
        for (int b = 0; b < stepsPerEpoch; b++) {
          int from = b * bs;
          int to = Math.min(n, from + bs);
          float loss;
          if (pruner != null) {
            if (pruning.updatesAt(pruneStep, pruneEnd)) {
              pruner.updateMasks(pruning.sparsityAt(pruneStep, pruneEnd));
            }
            pruneStep++;
          }
          try (NDManager batch = root.newSubManager()) {
            NDArray x = batcher.images(batch, train, order, from, to);
            NDArray y = batcher.labels(batch, train, order, from, to);
            try (GradientCollector gc = engine.newGradientCollector()) {
              NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
              NDArray total = lossFn.evaluate(new NDList(y), new NDList(logits));
              if (config.l1() > 0 || config.l2() > 0) {
                // Results of operations on the weights belong to the weights' manager: attach the
                // weights to this batch's manager for now, so the penalty's arrays are freed with it.
                batch.tempAttachAll(weights.toArray(new NDArray[0]));
                total = total.add(TrainingLoop.penalty(weights, config.l1(), config.l2()));
              }
              gc.backward(total);
              loss = total.getFloat();
            }
          }
          // DJL's PyTorch Adam update zeroes the gradient it consumes, so gradients do not
          // accumulate across steps.
          for (Parameter p : params) {
            if (p.requiresGradient()) {
              NDArray w = p.getArray();
              try (NDArray g = w.getGradient()) {
                adam.update(p.getId(), w, g);
              }
            }
          }
          if (pruner != null) {
            pruner.applyMasks();
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
          progress.update(b + 1, String.format(Locale.ROOT, "loss %.3f", loss));
        }
        epochSecs[e] = (System.nanoTime() - t0) / 1e9;
        epochLosses[e] = sum / stepsPerEpoch;
        last = evaluate(model, test, batcher);
        epochAcc[e] = last.accuracy();
        epochSparsity[e] = zeroFraction(weights);
        progress.finish(
            String.format(
                    Locale.ROOT,
                    "mean loss %.4f, test accuracy %.4f",
                    epochLosses[e],
                    epochAcc[e])
                + (pruningEpoch
                    ? String.format(Locale.ROOT, ", sparsity %.4f", epochSparsity[e])
                    : ""));
      }
      if (pruner != null) {
        pruner.close();
      }
      TrainingHistory history =
          new TrainingHistory(stepLosses, epochLosses, epochAcc, epochSecs, epochSparsity);
      return new TrainedMlp(model, spec, config, train.name(), test.name(), history, last);
    } catch (RuntimeException | Error ex) {
      model.close();
      throw ex;
    }
  }

  /**
   * Evaluates a trained MLP on a data set.
   *
   * @param mlp the network
   * @param data the images; their size and classes must fit the network
   * @return overall and per-class accuracy
   */
  public static Evaluation evaluate(TrainedMlp mlp, ImageDataset data) {
    checkFits(mlp.spec(), data, "data");
    return evaluate(mlp.model(), data);
  }

  /**
   * Evaluates a classifier model on a data set: the predicted class of an image is the arg-max of
   * the block's output for its flat pixels.
   *
   * @param model a model whose block maps {@code (batch, imageSize)} inputs to {@code (batch,
   *     numClasses)} logits
   * @param data the images
   * @return overall and per-class accuracy
   */
  public static Evaluation evaluate(Model model, ImageDataset data) {
    return evaluate(model, data, new Batcher(data.imageSize(), EVAL_BATCH));
  }

  private static Evaluation evaluate(Model model, ImageDataset data, Batcher batcher) {
    try (TorchScope scope = TorchScope.inference()) {
      return evaluateInScope(model, data, batcher);
    }
  }

  private static Evaluation evaluateInScope(Model model, ImageDataset data, Batcher batcher) {
    Block block = model.getBlock();
    NDManager root = model.getNDManager();
    ParameterStore store = new ParameterStore(root, false);
    int k = data.numClasses();
    int[] counts = new int[k];
    int[] correct = new int[k];
    int n = data.size();
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int to = Math.min(n, from + EVAL_BATCH);
      try (NDManager batch = root.newSubManager()) {
        NDArray x = batcher.images(batch, data, null, from, to);
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
        long[] pred = logits.argMax(1).toLongArray();
        for (int i = from; i < to; i++) {
          int label = data.label(i);
          counts[label]++;
          if (pred[i - from] == label) {
            correct[label]++;
          }
        }
      }
    }
    return new Evaluation(data.name(), data.classNames(), counts, correct);
  }

  private static Optimizer adam(TrainingConfig config) {
    return Optimizer.adam()
        .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
        .build();
  }

  /** The fraction of all the given weights that are exactly zero. */
  static double zeroFraction(List<NDArray> weights) {
    long zeros = 0;
    long total = 0;
    for (NDArray w : weights) {
      float[] a = w.toFloatArray();
      total += a.length;
      for (float v : a) {
        if (v == 0f) {
          zeros++;
        }
      }
    }
    return total == 0 ? Double.NaN : (double) zeros / total;
  }

  /**
   * The magnitude mask of one weight array at a target sparsity, as TFMOT computes it: keep the
   * {@code k = max(1, round(size × (1 − sparsity)))} weights of largest magnitude, i.e. those whose
   * magnitude is at least the k-th largest (ties at the threshold are kept).
   *
   * @param w the weights, flat
   * @param sparsity the fraction to prune, in [0, 1)
   * @return 1 where kept, 0 where pruned
   */
  static float[] magnitudeMask(float[] w, double sparsity) {
    int n = w.length;
    float[] abs = new float[n];
    for (int i = 0; i < n; i++) {
      abs[i] = Math.abs(w[i]);
    }
    int k = (int) Math.max(1, Math.round(n * (1 - sparsity)));
    float[] sorted = abs.clone();
    java.util.Arrays.sort(sorted);
    float threshold = sorted[n - k];
    float[] mask = new float[n];
    for (int i = 0; i < n; i++) {
      mask[i] = abs[i] >= threshold ? 1f : 0f;
    }
    return mask;
  }

  /** Holds the pruning masks of the dense weights and applies them in place. */
  private static final class Pruner implements AutoCloseable {
    private final NDManager manager;
    private final List<NDArray> weights;
    private final NDArray[] masks;

    Pruner(NDManager root, List<NDArray> weights) {
      this.manager = root.newSubManager();
      this.weights = weights;
      this.masks = new NDArray[weights.size()];
    }

    /** Recomputes every layer's mask at the given sparsity and applies it. */
    void updateMasks(double sparsity) {
      for (int i = 0; i < masks.length; i++) {
        NDArray w = weights.get(i);
        float[] mask = magnitudeMask(w.toFloatArray(), sparsity);
        if (masks[i] != null) {
          masks[i].close();
        }
        masks[i] = manager.create(mask, w.getShape());
      }
      applyMasks();
    }

    /** Multiplies each weight array by its mask, in place and outside autograd. */
    void applyMasks() {
      boolean grad = JniUtils.isGradMode();
      if (grad) {
        JniUtils.setGradMode(false);
      }
      try {
        for (int i = 0; i < masks.length; i++) {
          weights.get(i).muli(masks[i]);
        }
      } finally {
        if (grad) {
          JniUtils.setGradMode(true);
        }
      }
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  private static void checkFits(MlpSpec spec, ImageDataset data, String what) {
    Objects.requireNonNull(data, what);
    if (data.imageSize() != spec.inputSize()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s set %s has images of %d×%d×%d = %d values but the MLP takes %d inputs; use"
                  + " spec.forData(data) or spec.withInputSize(%d)",
              what,
              data.name(),
              data.channels(),
              data.height(),
              data.width(),
              data.imageSize(),
              spec.inputSize(),
              data.imageSize()));
    }
    if (data.numClasses() != spec.numClasses()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s set %s has %d classes but the MLP has %d outputs; use spec.forData(data) or"
                  + " spec.withNumClasses(%d)",
              what,
              data.name(),
              data.numClasses(),
              spec.numClasses(),
              data.numClasses()));
    }
  }

  /**
   * Fills reused buffers with a batch and hands them to the engine: pixels are copied from the
   * data set into one reused float array, then into one reused direct buffer; labels go into
   * another direct buffer. No per-batch Java arrays are allocated.
   */
  private static final class Batcher {
    private final int imageSize;
    private final float[] staging;
    private final ByteBuffer pixelBytes;
    private final ByteBuffer labelBytes;

    Batcher(int imageSize, int maxBatch) {
      this.imageSize = imageSize;
      this.staging = new float[Math.multiplyExact(maxBatch, imageSize)];
      this.pixelBytes =
          ByteBuffer.allocateDirect(Math.multiplyExact(staging.length, Float.BYTES))
              .order(ByteOrder.nativeOrder());
      this.labelBytes =
          ByteBuffer.allocateDirect(maxBatch * Long.BYTES).order(ByteOrder.nativeOrder());
    }

    /** Images {@code order[from..to)} (or {@code from..to} when order is null), flat. */
    NDArray images(NDManager manager, ImageDataset data, int[] order, int from, int to) {
      int count = to - from;
      int values = count * imageSize;
      if (order == null) {
        data.copyPixels(from, to, staging, 0);
      } else {
        for (int j = from; j < to; j++) {
          data.copyPixels(order[j], order[j] + 1, staging, (j - from) * imageSize);
        }
      }
      ByteBuffer bytes = pixelBytes.duplicate().order(ByteOrder.nativeOrder());
      bytes.clear();
      bytes.asFloatBuffer().put(staging, 0, values);
      bytes.limit(values * Float.BYTES);
      return manager.create(
          bytes.slice().order(ByteOrder.nativeOrder()),
          new Shape(count, imageSize),
          DataType.FLOAT32);
    }

    /** Labels {@code order[from..to)} (or {@code from..to}) as int64. */
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
