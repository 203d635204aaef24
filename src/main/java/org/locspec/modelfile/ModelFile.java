package org.locspec.modelfile;

import ai.djl.Model;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.data.DataFileException;
import org.locspec.train.DataProvenance;
import org.locspec.train.Evaluation;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.TrainingConfig;
import org.locspec.train.TrainingHistory;

/**
 * The saved-model format of every trained network ({@link TrainedNetwork}): a folder with a JSON
 * description ({@value #DESCRIPTION_FILE}: format version, architecture, spec, training config,
 * data provenance, history, evaluation, and the name, size and SHA-256 of the weights file) and the
 * weights in DJL's parameter format ({@value #WEIGHTS_FILE}).
 *
 * <p>{@link #save} writes both into a temporary folder inside the target and renames them into
 * place, the description last, so a folder never holds a description of weights that are not there.
 * {@link #load} checks the weights' size and SHA-256 against the description before reading them;
 * every error names the file and what differs (missing file, size, checksum, unknown format
 * version) and how to fix it.
 *
 * <p>Folders saved by LocSpec before this format ({@code TrainedMlp.save}: {@code locspec-mlp.json}
 * + {@code mlp-0000.params}; {@code TrainedConvNet.save}: {@code locspec-convnet.json} + {@code
 * convnet-0000.params}) still load; {@link #upgrade} rewrites one in this format.
 *
 * <pre>{@code
 * ModelFile.save(net, Path.of("models/mlp-seed0"));
 * try (TrainedNetwork back = ModelFile.load(Path.of("models/mlp-seed0"))) { ... }
 * }</pre>
 */
public final class ModelFile {
  /** The format version {@link #save} writes and {@link #load} reads (besides the legacy ones). */
  public static final int FORMAT = 2;

  /** The description's file name. */
  public static final String DESCRIPTION_FILE = "locspec-model.json";

  /** The DJL model name of the weights, and so the prefix of {@link #WEIGHTS_FILE}. */
  static final String WEIGHTS_PREFIX = "network";

  /** The weights' file name. */
  public static final String WEIGHTS_FILE = WEIGHTS_PREFIX + "-0000.params";

  private ModelFile() {}

  /** What {@value #DESCRIPTION_FILE} holds. */
  record Description(
      int format,
      String architecture,
      JsonElement spec,
      TrainingConfig config,
      DataProvenance data,
      TrainingHistory history,
      Evaluation evaluation,
      SavedFiles.Weights weights) {}

  /**
   * Saves a trained network into a folder (created if needed; a model saved there before is
   * replaced).
   *
   * @param net the network (open)
   * @param dir the folder
   * @throws UncheckedIOException naming the folder if writing fails
   */
  public static void save(TrainedNetwork net, Path dir) {
    Path target = dir.toAbsolutePath();
    try {
      Files.createDirectories(target);
      Path tmp = Files.createTempDirectory(target, ".save-");
      try {
        net.model().save(tmp, WEIGHTS_PREFIX);
        Path weights = tmp.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
          throw new IOException("DJL did not write " + WEIGHTS_FILE);
        }
        Description d =
            new Description(
                FORMAT,
                net.spec().architecture(),
                SavedFiles.GSON.toJsonTree(net.spec()),
                net.config(),
                net.data(),
                net.history(),
                net.evaluation(),
                new SavedFiles.Weights(
                    WEIGHTS_FILE, Files.size(weights), SavedFiles.sha256(weights)));
        Path description = tmp.resolve(DESCRIPTION_FILE);
        Files.writeString(description, SavedFiles.GSON.toJson(d), StandardCharsets.UTF_8);
        move(weights, target.resolve(WEIGHTS_FILE));
        move(description, target.resolve(DESCRIPTION_FILE));
        LegacyModelFiles.deleteFrom(target);
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot save the network to " + target + ": " + e.getMessage() + "; check the folder", e);
    }
  }

  /**
   * Whether a folder holds a saved model, in this format or a legacy one.
   *
   * @param dir the folder
   * @return true if it has a description file
   */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(DESCRIPTION_FILE)) || LegacyModelFiles.exists(dir);
  }

  /**
   * Loads a network saved by {@link #save} (or by the legacy {@code TrainedMlp}/{@code
   * TrainedConvNet}), after checking the weights' size and SHA-256 where the description records
   * them.
   *
   * @param dir the folder
   * @return the network with its provenance; close it when done
   * @throws DataFileException naming the file if a file is missing, damaged, of another save or of
   *     an unknown format version
   */
  public static TrainedNetwork load(Path dir) {
    Path meta = dir.resolve(DESCRIPTION_FILE);
    if (!Files.isRegularFile(meta)) {
      if (LegacyModelFiles.exists(dir)) {
        return LegacyModelFiles.load(dir);
      }
      throw new DataFileException(
          meta,
          "saved model not found: "
              + meta
              + " does not exist (nor a legacy locspec-mlp.json or locspec-convnet.json). Pass"
              + " the folder given to ModelFile.save, or train the network again.");
    }
    JsonObject json = SavedFiles.readJson(meta);
    checkFormat(meta, json);
    Description d;
    try {
      d = SavedFiles.GSON.fromJson(json, Description.class);
    } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
      throw SavedFiles.damaged(meta, e);
    }
    if (d.config() == null
        || d.data() == null
        || d.history() == null
        || d.evaluation() == null
        || d.weights() == null
        || d.weights().file() == null
        || d.weights().sha256() == null) {
      throw new DataFileException(
          meta,
          "the model description "
              + meta
              + " is incomplete: it needs spec, config, data, history, evaluation and weights"
              + " (file, bytes, sha256). Save the network again.");
    }
    ArchitectureSpec spec = SavedFiles.spec(meta, d.architecture(), d.spec());
    Path weights = dir.resolve(d.weights().file());
    SavedFiles.checkWeights(meta, weights, d.weights());
    Model model = SavedFiles.loadWeights(spec, weights, dir, WEIGHTS_PREFIX);
    return new TrainedNetwork(model, spec, d.config(), d.data(), d.history(), d.evaluation());
  }

  /**
   * Rewrites a folder saved in a legacy format ({@code locspec-mlp.json} or {@code
   * locspec-convnet.json}) in this format; a folder already in this format is left as it is.
   *
   * @param dir the folder
   * @throws DataFileException if the folder holds no loadable model
   */
  public static void upgrade(Path dir) {
    if (Files.isRegularFile(dir.resolve(DESCRIPTION_FILE))) {
      return;
    }
    try (TrainedNetwork net = load(dir)) {
      save(net, dir);
    }
  }

  private static void checkFormat(Path meta, JsonObject json) {
    JsonElement format = json.get("format");
    int version = format != null && format.isJsonPrimitive() ? format.getAsInt() : -1;
    if (version != FORMAT) {
      throw new DataFileException(
          meta,
          "the model description "
              + meta
              + " has format version "
              + (version < 0 ? "none" : version)
              + ", but this LocSpec reads version "
              + FORMAT
              + " (and the older locspec-mlp.json and locspec-convnet.json folders). Load it with"
              + " the LocSpec that saved it, or save the network again.");
    }
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteTree(Path tmp) throws IOException {
    try (Stream<Path> left = Files.list(tmp)) {
      for (Path f : (Iterable<Path>) left::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(tmp);
  }
}
