package org.locspec.modelfile;

import ai.djl.Model;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.data.DataFileException;
import org.locspec.train.Augmentation;
import org.locspec.train.DataProvenance;
import org.locspec.train.Evaluation;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.TrainingConfig;
import org.locspec.train.TrainingHistory;

/**
 * Readers of the folders LocSpec wrote before today's model-file format (version 1 of each): {@code
 * TrainedMlp.save} ({@value #MLP_FILE} + {@code mlp-0000.params}, no checksum) and {@code
 * TrainedConvNet.save} ({@value #CONVNET_FILE} + {@code convnet-0000.params}, with size and
 * SHA-256). Their training configs lack the augmentation (MLP) or nest the optimizer settings under
 * {@code training} (conv nets); both become today's {@link TrainingConfig}.
 */
final class LegacyModelFiles {
  static final String MLP_FILE = "locspec-mlp.json";
  static final String CONVNET_FILE = "locspec-convnet.json";
  private static final List<String> FILES =
      List.of(MLP_FILE, "mlp-0000.params", CONVNET_FILE, "convnet-0000.params");

  private LegacyModelFiles() {}

  static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(MLP_FILE))
        || Files.isRegularFile(dir.resolve(CONVNET_FILE));
  }

  /** Deletes the legacy files of a folder (after a save in today's format replaced them). */
  static void deleteFrom(Path dir) {
    try {
      for (String f : FILES) {
        Files.deleteIfExists(dir.resolve(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the legacy model files of " + dir + ": " + e.getMessage(), e);
    }
  }

  static TrainedNetwork load(Path dir) {
    boolean mlp = Files.isRegularFile(dir.resolve(MLP_FILE));
    Path meta = dir.resolve(mlp ? MLP_FILE : CONVNET_FILE);
    JsonObject json = SavedFiles.readJson(meta);
    JsonElement format = json.get("format");
    if (format == null || !format.isJsonPrimitive() || format.getAsInt() != 1) {
      throw new DataFileException(
          meta,
          "the legacy model description "
              + meta
              + " has format "
              + format
              + ", expected 1. Save the network again with this version of LocSpec.");
    }
    try {
      return mlp ? loadMlp(dir, meta, json) : loadConvNet(dir, meta, json);
    } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
      throw SavedFiles.damaged(meta, e);
    }
  }

  private static TrainedNetwork loadMlp(Path dir, Path meta, JsonObject json) {
    ArchitectureSpec spec = SavedFiles.spec(meta, "mlp", json.get("spec"));
    JsonObject config = json.getAsJsonObject("config").deepCopy();
    config.add("augmentation", SavedFiles.GSON.toJsonTree(Augmentation.none()));
    Path weights = dir.resolve("mlp-0000.params");
    if (!Files.isRegularFile(weights)) {
      throw new DataFileException(
          weights,
          "the weights file "
              + weights
              + " is missing (the legacy description "
              + meta
              + " refers to it). Copy the whole folder, or train the MLP again.");
    }
    return network(json, config, spec, SavedFiles.loadWeights(spec, weights, dir, "mlp"));
  }

  private static TrainedNetwork loadConvNet(Path dir, Path meta, JsonObject json) {
    String architecture = json.get("architecture").getAsString();
    ArchitectureSpec spec = SavedFiles.spec(meta, architecture, json.get(architecture));
    JsonObject old = json.getAsJsonObject("config");
    JsonObject config = old.getAsJsonObject("training").deepCopy();
    config.add("augmentation", old.get("augmentation"));
    String file = json.get("paramsFile").getAsString();
    Path weights = dir.resolve(file);
    SavedFiles.checkWeights(
        meta,
        weights,
        new SavedFiles.Weights(
            file, json.get("paramsBytes").getAsLong(), json.get("paramsSha256").getAsString()));
    return network(json, config, spec, SavedFiles.loadWeights(spec, weights, dir, "convnet"));
  }

  private static TrainedNetwork network(
      JsonObject json, JsonObject config, ArchitectureSpec spec, Model model) {
    try {
      Evaluation evaluation = SavedFiles.GSON.fromJson(json.get("evaluation"), Evaluation.class);
      DataProvenance data =
          new DataProvenance(
              json.get("trainData").getAsString(),
              0,
              json.get("testData").getAsString(),
              evaluation.size());
      return new TrainedNetwork(
          model,
          spec,
          SavedFiles.GSON.fromJson(config, TrainingConfig.class),
          data,
          SavedFiles.GSON.fromJson(json.get("history"), TrainingHistory.class),
          evaluation);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
