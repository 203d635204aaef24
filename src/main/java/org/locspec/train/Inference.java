package org.locspec.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.ImageDataset;

/**
 * Forward passes of a DJL model in inference mode (dropout off, batch norm on its running
 * statistics, autograd off, one thread): the predicted classes, the logits, and the evaluation that
 * training reports after every epoch and {@code TrainedNetwork.evaluate} gives.
 */
final class Inference {
  /** Images per forward pass for an MLP. */
  static final int MLP_BATCH = 1000;

  /** Images per forward pass for a conv net (its activations are large). */
  static final int CONV_BATCH = 250;

  private final Model model;
  private final Batcher batcher;
  private final int batchSize;

  private Inference(Model model, Batcher batcher, int batchSize) {
    this.model = model;
    this.batcher = batcher;
    this.batchSize = batchSize;
  }

  /** Inference for a model built from a spec, with its own batcher. */
  static Inference of(Model model, ArchitectureSpec spec) {
    int batch = batchSize(spec);
    return new Inference(model, new Batcher(spec.inputShape(), batch), batch);
  }

  /**
   * Inference that reuses a batcher (which holds at least {@link #batchSize(ArchitectureSpec)}).
   */
  static Inference of(Model model, ArchitectureSpec spec, Batcher batcher) {
    return new Inference(model, batcher, batchSize(spec));
  }

  /** Images per forward pass for an architecture. */
  static int batchSize(ArchitectureSpec spec) {
    return spec instanceof MlpSpec ? MLP_BATCH : CONV_BATCH;
  }

  /** Overall and per-class accuracy: the predicted class is the arg-max of the logits. */
  Evaluation evaluate(ImageDataset data) {
    int k = data.numClasses();
    int[] counts = new int[k];
    int[] correct = new int[k];
    int[] pred = predict(data, null);
    for (int i = 0; i < data.size(); i++) {
      int label = data.label(i);
      counts[label]++;
      if (pred[i] == label) {
        correct[label]++;
      }
    }
    return new Evaluation(data.name(), data.classNames(), counts, correct);
  }

  /** The logits of every image, {@code [images][classes]}. */
  float[][] outputs(ImageDataset data) {
    float[][] out = new float[data.size()][];
    predict(data, out);
    return out;
  }

  /** The predicted class of every image (and, when {@code logitsOut} is not null, the logits). */
  int[] predict(ImageDataset data, float[][] logitsOut) {
    try (TorchScope scope = TorchScope.inference()) {
      Block block = model.getBlock();
      NDManager root = model.getNDManager();
      ParameterStore store = new ParameterStore(root, false);
      int n = data.size();
      int[] pred = new int[n];
      for (int from = 0; from < n; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        try (NDManager batch = root.newSubManager()) {
          NDArray x = batcher.images(batch, data, null, from, to, Augmentation.none(), null);
          NDArray logits = block.forward(store, new NDList(x), false).singletonOrThrow();
          checkOutputs(logits, data);
          long[] p = logits.argMax(1).toLongArray();
          for (int i = from; i < to; i++) {
            pred[i] = (int) p[i - from];
          }
          if (logitsOut != null) {
            int k = data.numClasses();
            float[] flat = logits.toFloatArray();
            for (int i = from; i < to; i++) {
              logitsOut[i] = Arrays.copyOfRange(flat, (i - from) * k, (i - from + 1) * k);
            }
          }
        }
      }
      return pred;
    }
  }

  private static void checkOutputs(NDArray logits, ImageDataset data) {
    long outputs = logits.getShape().get(logits.getShape().dimension() - 1);
    if (outputs != data.numClasses()) {
      throw new IllegalArgumentException(
          "the model has "
              + outputs
              + " outputs but data set "
              + data.name()
              + " has "
              + data.numClasses()
              + " classes; evaluate on data with the classes the model was trained on");
    }
  }
}
