package org.locspec.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;

/**
 * A trained network of any architecture with its provenance: the DJL {@link Model} holding the
 * weights, the spec, the training config (which includes the seed), the data it was trained and
 * tested on, the training history and the final evaluation on the test set. {@link #network()}
 * gives the layer view the analyses use.
 *
 * <p>It owns native memory: close it (try-with-resources) when done. Reading weights ({@link
 * #weights}, {@link #bias}) returns copies, so nothing here changes the model. {@code
 * org.locspec.modelfile.ModelFile} saves and loads it.
 */
public final class TrainedNetwork implements AutoCloseable {
  private final Model model;
  private final ArchitectureSpec spec;
  private final TrainingConfig config;
  private final DataProvenance data;
  private final TrainingHistory history;
  private final Evaluation evaluation;
  private boolean closed;

  /**
   * Wraps a model with its provenance (for the trainer and for model-file readers).
   *
   * @param model a model whose block was built by {@code spec.build()} (or {@code spec.newModel})
   *     and holds the trained parameters; this object owns it from now on
   * @param spec the architecture
   * @param config how it was trained
   * @param data which data it was trained and tested on
   * @param history losses and accuracies during training
   * @param evaluation the test evaluation after training
   */
  public TrainedNetwork(
      Model model,
      ArchitectureSpec spec,
      TrainingConfig config,
      DataProvenance data,
      TrainingHistory history,
      Evaluation evaluation) {
    this.model = Objects.requireNonNull(model, "model");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.config = Objects.requireNonNull(config, "config");
    this.data = Objects.requireNonNull(data, "data");
    this.history = Objects.requireNonNull(history, "history");
    this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
  }

  /** The DJL model; its block is built from {@link #spec()}. */
  public Model model() {
    checkOpen();
    return model;
  }

  /** The network's block. */
  public Block block() {
    checkOpen();
    return model.getBlock();
  }

  /** The architecture. */
  public ArchitectureSpec spec() {
    return spec;
  }

  /** How it was trained, including the seed. */
  public TrainingConfig config() {
    return config;
  }

  /** The data it was trained and tested on. */
  public DataProvenance data() {
    return data;
  }

  /** Losses, test accuracies and sparsities during training. */
  public TrainingHistory history() {
    return history;
  }

  /** The accuracy on the test set after training, overall and per class. */
  public Evaluation evaluation() {
    return evaluation;
  }

  /** The name of the layer view: architecture, training set and seed, e.g. "mlp-…-seed0". */
  public String name() {
    return spec.architecture() + "-" + data.trainSet().replace('/', '-') + "-seed" + config.seed();
  }

  /** The LocSpec names of the layers with weights (dense, convolution), in order. */
  public List<String> weightLayerNames() {
    return spec.weightLayerNames();
  }

  /**
   * A copy of a layer's weights, one row per output unit: {@code w[j][i]} is the weight from input
   * {@code i} of the layer to unit {@code j} (for a convolution, {@code i} runs over input channel,
   * kernel row and kernel column, in that order).
   *
   * @param layer a layer name of {@link #weightLayerNames()}, e.g. {@code "dense1"}
   * @return the weights
   * @throws IllegalArgumentException if there is no such layer
   */
  public float[][] weights(String layer) {
    NDArray w = parameter(layer, "weight");
    int out = (int) w.getShape().get(0);
    int in = (int) (w.getShape().size() / out);
    float[] flat = w.toFloatArray();
    float[][] m = new float[out][in];
    for (int j = 0; j < out; j++) {
      System.arraycopy(flat, j * in, m[j], 0, in);
    }
    return m;
  }

  /**
   * A copy of a layer's biases, one per output unit.
   *
   * @param layer a layer name of {@link #weightLayerNames()}, e.g. {@code "dense1"}
   * @return the biases
   * @throws IllegalArgumentException if there is no such layer
   */
  public float[] bias(String layer) {
    return parameter(layer, "bias").toFloatArray();
  }

  /**
   * The sparsity of every layer with weights: the fraction of its weights (not biases) that are
   * exactly zero. After magnitude pruning ({@link TrainingConfig#withPruning}) it is about the
   * schedule's final sparsity; after normal training it is about 0.
   *
   * @return layer name → fraction of zero weights, in layer order
   */
  public Map<String, Double> sparsity() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : weightLayerNames()) {
      out.put(name, Pruning.zeroFraction(List.of(parameter(name, "weight"))));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The fraction of all weights of {@link #weightLayerNames()} that are exactly zero. */
  public double overallSparsity() {
    List<NDArray> all = new ArrayList<>();
    for (String name : weightLayerNames()) {
      all.add(parameter(name, "weight"));
    }
    return Pruning.zeroFraction(all);
  }

  /**
   * Evaluates the network on a data set in inference mode.
   *
   * @param images images of the network's input shape and classes
   * @return overall and per-class accuracy
   */
  public Evaluation evaluate(ImageDataset images) {
    spec.checkFits(images, "evaluation");
    return Inference.of(model(), spec).evaluate(images);
  }

  /**
   * The predicted class of every image, from the DJL model in inference mode.
   *
   * @param images images of the network's input shape and classes
   * @return one label per image
   */
  public int[] predict(ImageDataset images) {
    spec.checkFits(images, "prediction");
    return Inference.of(model(), spec).predict(images, null);
  }

  /**
   * The logits of every image, from the DJL model in inference mode.
   *
   * @param images images of the network's input shape and classes
   * @return {@code [images][classes]}
   */
  public float[][] outputs(ImageDataset images) {
    spec.checkFits(images, "prediction");
    return Inference.of(model(), spec).outputs(images);
  }

  /**
   * The layer view of this network, for the analyses, named {@link #name()}: its layers with copies
   * of their parameters (batch norm with its running statistics, i.e. in inference mode). It stays
   * valid after this model is closed.
   *
   * @return a new network (close it when done)
   */
  public Network network() {
    return spec.toNetwork(name(), block());
  }

  private NDArray parameter(String layer, String kind) {
    Block b = spec.weightLayers(block()).get(layer);
    if (b == null) {
      throw new IllegalArgumentException(
          "no layer '" + layer + "' with weights; this network has " + weightLayerNames());
    }
    return b.getParameters().get(kind).getArray();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "this TrainedNetwork is closed; train or load it again, or keep it open while you use"
              + " it");
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
        "TrainedNetwork[%s; trained on %s, %s; test accuracy %.4f on %s%s]",
        spec,
        data.trainSet(),
        config,
        evaluation.accuracy(),
        data.testSet(),
        closed ? "; closed" : "");
  }
}
