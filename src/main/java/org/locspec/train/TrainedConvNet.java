package org.locspec.train;

import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.ConvNetSpec;
import org.locspec.architecture.ConvNets;
import org.locspec.architecture.VggSpec;
import org.locspec.model.Network;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.locspec.data.DataFileException;
import org.locspec.data.ImageDataset;

/**
 * A trained conv net with its provenance: the DJL {@link Model} holding the weights, the spec,
 * the training config (with the seed), the names of the training and test sets, the training
 * history and the final test evaluation.
 *
 * <p>It owns native memory: close it (try-with-resources) when done. {@link #toNetwork()} gives
 * the layer view the analyses use, with copies of the parameters (batch norm with its running
 * statistics, i.e. in inference mode).
 *
 * <p>{@link #save(Path)} writes the weights (DJL's {@code convnet-0000.params}) and a description
 * ({@value #METADATA_FILE}: spec, config, history, evaluation, and the size and SHA-256 of the
 * parameter file) to a folder; {@link #load(Path)} checks the description against the parameter
 * file before reading it.
 */
public final class TrainedConvNet implements AutoCloseable {
  /** The name of the description file written by {@link #save(Path)}. */
  public static final String METADATA_FILE = "locspec-convnet.json";

  /** The name of the parameter file written by {@link #save(Path)}. */
  public static final String PARAMS_FILE = ConvNetTrainer.MODEL_NAME + "-0000.params";

  private static final int FORMAT = 1;
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private final Model model;
  private final ConvNetSpec spec;
  private final ConvNetTrainingConfig config;
  private final String trainData;
  private final String testData;
  private final TrainingHistory history;
  private final Evaluation evaluation;
  private boolean closed;

  TrainedConvNet(
      Model model,
      ConvNetSpec spec,
      ConvNetTrainingConfig config,
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

  /** The DJL model (its block is built by {@link ConvNets#build}). */
  public Model model() {
    checkOpen();
    return model;
  }

  /** The network's block: one child per layer of {@link #layerNames()}. */
  public Block block() {
    checkOpen();
    return model.getBlock();
  }

  /** The network's shape. */
  public ConvNetSpec spec() {
    return spec;
  }

  /** How it was trained, including the seed. */
  public ConvNetTrainingConfig config() {
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

  /** The LocSpec names of all layers, in order ({@code conv1}, {@code relu1}, …). */
  public List<String> layerNames() {
    return spec.layerNames();
  }

  /** The name of the layer view: architecture, training set and seed. */
  public String networkName() {
    return spec.architecture() + "-" + trainData.replace('/', '-') + "-seed" + config.seed();
  }

  /**
   * The predicted class of every image, from the DJL model in inference mode.
   *
   * @param data images of the network's input shape and classes
   * @return one label per image
   */
  public int[] predict(ImageDataset data) {
    checkOpen();
    ConvNetTrainer.checkFits(spec, data, "data");
    return TrainingLoop.predict(model, data, spec.inputShape(), ConvNetTrainer.EVAL_BATCH);
  }

  /**
   * The logits of every image, from the DJL model in inference mode.
   *
   * @param data images of the network's input shape and classes
   * @return {@code [images][classes]}
   */
  public float[][] outputs(ImageDataset data) {
    checkOpen();
    ConvNetTrainer.checkFits(spec, data, "data");
    return TrainingLoop.outputs(model, data, spec.inputShape(), ConvNetTrainer.EVAL_BATCH);
  }

  /**
   * The layer view of this network, for the analyses: the layers of {@link #layerNames()} with
   * copies of their parameters, batch norm with its running statistics (inference mode). It stays
   * valid after this model is closed.
   *
   * @return a new network (close it when done)
   */
  public Network toNetwork() {
    checkOpen();
    return ConvNets.toNetwork(networkName(), spec, model.getBlock());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "this TrainedConvNet is closed; train or load it again, or keep it open while you use"
              + " it");
    }
  }

  /**
   * Saves the weights and the description into a folder (created if needed; files of an earlier
   * save there are replaced). Both are written to a temporary folder beside them first and then
   * renamed into place, the description last.
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
        model.save(tmp, ConvNetTrainer.MODEL_NAME);
        Path params = tmp.resolve(PARAMS_FILE);
        if (!Files.isRegularFile(params)) {
          throw new IOException("DJL did not write " + PARAMS_FILE);
        }
        Saved saved =
            new Saved(
                FORMAT,
                spec.architecture(),
                spec instanceof CnnSpec c ? c : null,
                spec instanceof VggSpec v ? v : null,
                config,
                trainData,
                testData,
                history,
                evaluation,
                PARAMS_FILE,
                Files.size(params),
                sha256(params));
        Files.writeString(tmp.resolve(METADATA_FILE), GSON.toJson(saved), StandardCharsets.UTF_8);
        move(params, target.resolve(PARAMS_FILE));
        move(tmp.resolve(METADATA_FILE), target.resolve(METADATA_FILE));
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
          "cannot save the conv net to " + target + ": " + e.getMessage() + "; check the folder",
          e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Loads a conv net saved by {@link #save(Path)}, after checking that the parameter file is the
   * one the description was written with (same size and SHA-256).
   *
   * @param dir the folder
   * @return the network with its provenance; close it when done
   * @throws DataFileException if a file is missing, truncated, damaged or from another save
   */
  public static TrainedConvNet load(Path dir) {
    Path meta = dir.resolve(METADATA_FILE);
    if (!Files.isRegularFile(meta)) {
      throw new DataFileException(
          meta,
          "saved conv net not found: "
              + meta
              + " does not exist. Pass the folder given to TrainedConvNet.save, or train the"
              + " network again.");
    }
    Saved saved;
    try {
      saved = GSON.fromJson(Files.readString(meta, StandardCharsets.UTF_8), Saved.class);
    } catch (IOException | JsonParseException | IllegalArgumentException | NullPointerException e) {
      throw new DataFileException(
          meta,
          "cannot read the conv net description "
              + meta
              + ": "
              + e.getMessage()
              + ". The file is damaged or truncated: save the network again.",
          e);
    }
    ConvNetSpec spec = saved == null ? null : saved.spec();
    if (saved == null
        || saved.format() != FORMAT
        || spec == null
        || saved.config() == null
        || saved.history() == null
        || saved.evaluation() == null
        || saved.paramsSha256() == null) {
      throw new DataFileException(
          meta,
          "the conv net description "
              + meta
              + " is incomplete or has format "
              + (saved == null ? "none" : saved.format())
              + " (expected "
              + FORMAT
              + " with spec, config, history, evaluation and parameter checksum). Save the"
              + " network again with this version of LocSpec.");
    }
    Path params = dir.resolve(saved.paramsFile() == null ? PARAMS_FILE : saved.paramsFile());
    if (!Files.isRegularFile(params)) {
      throw new DataFileException(
          params,
          "the parameter file "
              + params
              + " is missing (the description "
              + meta
              + " refers to it). Copy the whole folder, or save the network again.");
    }
    try {
      long size = Files.size(params);
      String sha = sha256(params);
      if (size != saved.paramsBytes() || !sha.equals(saved.paramsSha256())) {
        throw new DataFileException(
            params,
            String.format(
                Locale.ROOT,
                "the parameter file %s does not match its description %s: it has %d bytes and"
                    + " SHA-256 %s, the description says %d bytes and %s. It is truncated,"
                    + " damaged or from another save: save the network again.",
                params,
                meta,
                size,
                sha,
                saved.paramsBytes(),
                saved.paramsSha256()));
      }
    } catch (IOException e) {
      throw new DataFileException(
          params, "cannot read " + params + ": " + e.getMessage() + "; check the file", e);
    }
    Model model = Model.newInstance(ConvNetTrainer.MODEL_NAME, Device.cpu(), MlpTrainer.ENGINE);
    try {
      SequentialBlock block = ConvNets.build(spec);
      TrainingLoop.initialize(model, block, saved.config().seed(), spec.inputShape());
      model.load(dir, ConvNetTrainer.MODEL_NAME);
      return new TrainedConvNet(
          model,
          spec,
          saved.config(),
          saved.trainData(),
          saved.testData(),
          saved.history(),
          saved.evaluation());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new DataFileException(
          dir,
          "cannot load the conv net weights from "
              + params
              + " ("
              + e.getMessage()
              + "); they do not fit "
              + spec
              + ". Save the network again.",
          e);
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** What {@link #save(Path)} writes next to the weights. */
  private record Saved(
      int format,
      String architecture,
      CnnSpec cnn,
      VggSpec vgg,
      ConvNetTrainingConfig config,
      String trainData,
      String testData,
      TrainingHistory history,
      Evaluation evaluation,
      String paramsFile,
      long paramsBytes,
      String paramsSha256) {

    ConvNetSpec spec() {
      if ("cnn".equals(architecture)) {
        return cnn;
      }
      if ("vgg".equals(architecture)) {
        return vgg;
      }
      return null;
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
        "TrainedConvNet[%s; trained on %s, %s; test accuracy %.4f on %s%s]",
        spec,
        trainData,
        config,
        evaluation.accuracy(),
        testData,
        closed ? "; closed" : "");
  }
}
