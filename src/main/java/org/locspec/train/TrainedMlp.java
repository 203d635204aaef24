package org.locspec.train;

import org.locspec.architecture.Mlp;
import org.locspec.architecture.MlpSpec;
import org.locspec.model.Layer;
import org.locspec.model.LayerNames;
import org.locspec.model.Network;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.locspec.data.DataFileException;

/**
 * A trained MLP with its provenance: the DJL {@link Model} holding the weights, the spec and
 * training config (which includes the seed), the names of the training and test sets, the
 * training history and the final evaluation on the test set.
 *
 * <p>It owns native memory: close it (try-with-resources) when done. Reading weights ({@link
 * #weights}, {@link #bias}) returns copies, so nothing here changes the model; code that lesions
 * the network must restore what it changes.
 *
 * <p>{@link #save(Path)} writes the weights (DJL's {@code mlp-0000.params}) and the provenance
 * ({@code locspec-mlp.json}) to a folder; {@link #load(Path)} reads them back.
 */
public final class TrainedMlp implements AutoCloseable {
  /** The name of the provenance file written by {@link #save(Path)}. */
  public static final String METADATA_FILE = "locspec-mlp.json";

  /** The DJL model name, and so the prefix of the parameter file. */
  public static final String MODEL_NAME = "mlp";

  private static final int FORMAT = 1;
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

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

  /** The LocSpec names of the dense layers, {@code "dense1"} … (the last is the output layer). */
  public List<String> denseLayerNames() {
    return spec.denseLayerNames();
  }

  /**
   * A copy of a dense layer's weights, shape {@code (out, in)}: {@code w[j][i]} is the weight from
   * neuron {@code i} of the layer below to neuron {@code j} of this layer.
   *
   * @param layer a dense layer name, e.g. {@code "dense1"}
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
   * @param layer a dense layer name, e.g. {@code "dense1"}
   * @return the biases
   * @throws IllegalArgumentException if there is no such layer
   */
  public float[] bias(String layer) {
    return parameter(layer, "bias").toFloatArray();
  }

  /**
   * The sparsity of every dense layer: the fraction of its weights (not biases) that are exactly
   * zero. After magnitude pruning ({@link TrainingConfig#withPruning}) it is about the schedule's
   * final sparsity; after normal training it is about 0.
   *
   * @return layer name → fraction of zero weights, in layer order
   */
  public Map<String, Double> sparsity() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : denseLayerNames()) {
      out.put(name, MlpTrainer.zeroFraction(List.of(parameter(name, "weight"))));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The fraction of all dense-layer weights that are exactly zero. */
  public double overallSparsity() {
    List<NDArray> all = new ArrayList<>();
    for (String name : denseLayerNames()) {
      all.add(parameter(name, "weight"));
    }
    return MlpTrainer.zeroFraction(all);
  }

  /**
   * The layer view of this MLP, for the analyses: Flatten, then per hidden layer Dense, ReLU (and
   * Dropout when trained with it), then the output Dense. The weights are copied, so the network
   * stays valid after this model is closed. Single-channel square inputs are assumed when the
   * input size is a square (784 → 1×28×28); otherwise use {@link #toNetwork(long[])}.
   *
   * @return a new network (close it when done)
   */
  public Network toNetwork() {
    int n = spec.inputSize();
    int side = (int) Math.round(Math.sqrt(n));
    long[] shape = side * side == n ? new long[] {1, side, side} : new long[] {1, 1, n};
    return toNetwork(shape);
  }

  /**
   * The layer view of this MLP for inputs of the given shape.
   *
   * @param inputShape {@code {channels, height, width}} with {@code channels × height × width}
   *     equal to the spec's input size
   * @return a new network (close it when done)
   */
  public Network toNetwork(long[] inputShape) {
    checkOpen();
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer.Flatten(LayerNames.of("flatten", 1)));
    List<String> names = denseLayerNames();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      NDArray w = parameter(name, "weight");
      long[] shape = w.getShape().getShape();
      layers.add(
          new Layer.Dense(name, (int) shape[1], (int) shape[0], w.toFloatArray(), bias(name)));
      if (i < names.size() - 1) {
        layers.add(new Layer.Relu(LayerNames.of("relu", i + 1)));
        if (spec.dropout() > 0) {
          layers.add(new Layer.Dropout(LayerNames.of("dropout", i + 1), (float) spec.dropout()));
        }
      }
    }
    String netName = "mlp-" + trainData.replace('/', '-') + "-seed" + config.seed();
    return Network.of(netName, inputShape, layers);
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

  /**
   * Saves the weights and the provenance into a folder (created if needed; files of an earlier
   * save there are replaced). Files are written to a temporary folder beside it first and then
   * renamed into place.
   *
   * @param dir the folder
   * @throws UncheckedIOException if writing fails
   */
  public void save(Path dir) {
    checkOpen();
    Path target = dir.toAbsolutePath();
    try {
      Files.createDirectories(target);
      Path tmp = Files.createTempDirectory(target, ".save-");
      try {
        model.save(tmp, MODEL_NAME);
        Saved saved =
            new Saved(FORMAT, spec, config, trainData, testData, history, evaluation);
        Files.writeString(tmp.resolve(METADATA_FILE), GSON.toJson(saved), StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(tmp)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.move(
                f,
                target.resolve(f.getFileName().toString()),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
          }
        }
      } finally {
        try (Stream<Path> left = Files.list(tmp)) {
          for (Path f : (Iterable<Path>) left::iterator) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot save the MLP to " + target + ": " + e.getMessage() + "; check the folder", e);
    }
  }

  /**
   * Loads an MLP saved by {@link #save(Path)}.
   *
   * @param dir the folder
   * @return the network with its provenance; close it when done
   * @throws DataFileException if a file is missing or malformed
   */
  public static TrainedMlp load(Path dir) {
    Path meta = dir.resolve(METADATA_FILE);
    if (!Files.isRegularFile(meta)) {
      throw new DataFileException(
          meta,
          "saved MLP not found: "
              + meta
              + " does not exist. Pass the folder given to TrainedMlp.save, or train the MLP"
              + " again.");
    }
    Saved saved;
    try {
      saved = GSON.fromJson(Files.readString(meta, StandardCharsets.UTF_8), Saved.class);
    } catch (IOException | JsonParseException | IllegalArgumentException e) {
      throw new DataFileException(
          meta,
          "cannot read saved MLP metadata "
              + meta
              + ": "
              + e.getMessage()
              + ". The file is damaged: save the MLP again.",
          e);
    }
    if (saved == null || saved.format() != FORMAT || saved.spec() == null) {
      throw new DataFileException(
          meta,
          "saved MLP metadata "
              + meta
              + " has format "
              + (saved == null ? "none" : saved.format())
              + ", expected "
              + FORMAT
              + ". Save the MLP again with this version of LocSpec.");
    }
    Model model = Model.newInstance(MODEL_NAME, Device.cpu(), MlpTrainer.ENGINE);
    try {
      SequentialBlock block = Mlp.build(saved.spec());
      model.setBlock(block);
      block.initialize(
          model.getNDManager(), DataType.FLOAT32, new Shape(1, saved.spec().inputSize()));
      model.load(dir, MODEL_NAME);
      return new TrainedMlp(
          model,
          saved.spec(),
          saved.config(),
          saved.trainData(),
          saved.testData(),
          saved.history(),
          saved.evaluation());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new DataFileException(
          dir,
          "cannot load the MLP weights from "
              + dir
              + " ("
              + e.getMessage()
              + "). The parameter file "
              + MODEL_NAME
              + "-0000.params is missing or does not match "
              + saved.spec()
              + ": save the MLP again.",
          e);
    }
  }

  /** What {@link #save(Path)} writes next to the weights. */
  private record Saved(
      int format,
      MlpSpec spec,
      TrainingConfig config,
      String trainData,
      String testData,
      TrainingHistory history,
      Evaluation evaluation) {}

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
