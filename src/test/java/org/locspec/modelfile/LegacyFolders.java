package org.locspec.modelfile;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.locspec.architecture.ConvNetSpec;
import org.locspec.train.TrainedNetwork;

/**
 * Writes folders in the layouts LocSpec used before {@link ModelFile}: {@code TrainedMlp.save} and
 * {@code TrainedConvNet.save} (format 1), field for field as those classes wrote them, so that
 * tests can check that such folders still load.
 */
public final class LegacyFolders {
  private LegacyFolders() {}

  /**
   * Writes {@code locspec-mlp.json} and {@code mlp-0000.params} as {@code TrainedMlp.save} did.
   *
   * @param net a trained MLP
   * @param dir the folder
   */
  public static void writeMlp(TrainedNetwork net, Path dir) throws IOException {
    Files.createDirectories(dir);
    net.model().save(dir, "mlp");
    JsonObject config = SavedFiles.GSON.toJsonTree(net.config()).getAsJsonObject();
    config.remove("augmentation");
    JsonObject json = new JsonObject();
    json.addProperty("format", 1);
    json.add("spec", SavedFiles.GSON.toJsonTree(net.spec()));
    json.add("config", config);
    provenance(net, json);
    write(dir.resolve("locspec-mlp.json"), json);
  }

  /**
   * Writes {@code locspec-convnet.json} and {@code convnet-0000.params} as {@code
   * TrainedConvNet.save} did.
   *
   * @param net a trained conv net
   * @param dir the folder
   */
  public static void writeConvNet(TrainedNetwork net, Path dir) throws IOException {
    Files.createDirectories(dir);
    net.model().save(dir, "convnet");
    Path params = dir.resolve("convnet-0000.params");
    ConvNetSpec spec = (ConvNetSpec) net.spec();
    JsonObject training = SavedFiles.GSON.toJsonTree(net.config()).getAsJsonObject();
    training.remove("augmentation");
    JsonObject config = new JsonObject();
    config.add("training", training);
    config.add("augmentation", SavedFiles.GSON.toJsonTree(net.config().augmentation()));
    JsonObject json = new JsonObject();
    json.addProperty("format", 1);
    json.addProperty("architecture", spec.architecture());
    json.add(spec.architecture(), SavedFiles.GSON.toJsonTree(spec));
    json.add("config", config);
    provenance(net, json);
    json.addProperty("paramsFile", "convnet-0000.params");
    json.addProperty("paramsBytes", Files.size(params));
    json.addProperty("paramsSha256", SavedFiles.sha256(params));
    write(dir.resolve("locspec-convnet.json"), json);
  }

  private static void provenance(TrainedNetwork net, JsonObject json) {
    json.addProperty("trainData", net.data().trainSet());
    json.addProperty("testData", net.data().testSet());
    json.add("history", SavedFiles.GSON.toJsonTree(net.history()));
    json.add("evaluation", SavedFiles.GSON.toJsonTree(net.evaluation()));
  }

  private static void write(Path file, JsonObject json) throws IOException {
    Files.writeString(file, SavedFiles.GSON.toJson(json), StandardCharsets.UTF_8);
  }
}
