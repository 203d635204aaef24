package org.locspec.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A trained MLP with its provenance: the DJL {@link Model} holding the weights, the spec and
 * training config (which includes the seed), the names of the training and test sets, the
 * training history and the final evaluation on the test set.
 *
 * <p>It owns native memory: close it (try-with-resources) when done. Reading weights ({@link
 * #weights}, {@link #bias}) returns copies, so nothing here changes the model; code that lesions
 * the network must restore what it changes.
 */
public final class TrainedMlp implements AutoCloseable {
  private final Model model;
  private final MlpSpec spec;
  private final TrainingConfig config;
  private final String trainData;
  private final String testData;
  private final TrainingHistory history;
  private final Evaluation evaluation;
  private boolean closed;

  TrainedMlp(
      Model model,
      MlpSpec spec,
      TrainingConfig config,
      String trainData,
      String testData,
      TrainingHistory history,
      Evaluation evaluation) {
    this.model = Objects.requireNonNull(model, "model");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.config = Objects.requireNonNull(config, "config");
    this.trainData = Objects.requireNonNull(trainData, "trainData");
    this.testData = Objects.requireNonNull(testData, "testData");
    this.history = Objects.requireNonNull(history, "history");
    this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
  }

  /** The DJL model (its block is the MLP; see {@link Mlp} for the layer layout). */
  public Model model() {
    checkOpen();
    return model;
  }

  /** The MLP block. */
  public Block block() {
    checkOpen();
    return model.getBlock();
  }

  /** The network's shape. */
  public MlpSpec spec() {
    return spec;
  }

  /** How it was trained, including the seed. */
  public TrainingConfig config() {
    return config;
  }

  /** The name of the training set. */
  public String trainData() {
    return trainData;
  }

  /** The name of the test set. */
  public String testData() {
    return testData;
  }

  /** Losses and test accuracies during training. */
  public TrainingHistory history() {
    return history;
  }

  /** The accuracy on the test set after training, overall and per class. */
  public Evaluation evaluation() {
    return evaluation;
  }

  /** The LocSpec names of the dense layers, {@code "dense0"} … (the last is the output layer). */
  public List<String> denseLayerNames() {
    return spec.denseLayerNames();
  }

  /**
   * A copy of a dense layer's weights, shape {@code (out, in)}: {@code w[j][i]} is the weight from
   * neuron {@code i} of the layer below to neuron {@code j} of this layer.
   *
   * @param layer a dense layer name, e.g. {@code "dense0"}
   * @return the weights
   * @throws IllegalArgumentException if there is no such layer
   */
  public float[][] weights(String layer) {
    NDArray w = parameter(layer, "weight");
    long[] shape = w.getShape().getShape();
    int out = (int) shape[0];
    int in = (int) shape[1];
    float[] flat = w.toFloatArray();
    float[][] m = new float[out][in];
    for (int j = 0; j < out; j++) {
      System.arraycopy(flat, j * in, m[j], 0, in);
    }
    return m;
  }

  /**
   * A copy of a dense layer's biases, one per output neuron.
   *
   * @param layer a dense layer name, e.g. {@code "dense0"}
   * @return the biases
   * @throws IllegalArgumentException if there is no such layer
   */
  public float[] bias(String layer) {
    return parameter(layer, "bias").toFloatArray();
  }

  private NDArray parameter(String layer, String kind) {
    checkOpen();
    Linear linear = Mlp.dense(model.getBlock(), layer);
    return linear.getParameters().get(kind).getArray();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "this TrainedMlp is closed; train again or keep it open while you use it");
    }
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed;
  }

  /** Frees the model's native memory. Safe to call twice. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "TrainedMlp[%s; trained on %s, %s; test accuracy %.4f on %s%s]",
        spec,
        trainData,
        config,
        evaluation.accuracy(),
        testData,
        closed ? "; closed" : "");
  }
}
