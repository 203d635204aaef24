package org.locspec.modelfile;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.architecture.VggSpec;
import org.locspec.data.DataFileException;

/**
 * What the saved-model readers share, today's format and the legacy ones: the JSON of the
 * descriptions, the spec of an architecture name, and the weights file (its size and SHA-256
 * checked against the description, then read into a model of the spec).
 */
final class SavedFiles {
  static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private SavedFiles() {}

  /** The weights file a description refers to: name, size in bytes, SHA-256 (hex). */
  record Weights(String file, long bytes, String sha256) {}

  /** The spec of an architecture name from its JSON. */
  static ArchitectureSpec spec(Path meta, String architecture, JsonElement json) {
    Class<? extends ArchitectureSpec> type =
        switch (architecture == null ? "" : architecture) {
          case "mlp" -> MlpSpec.class;
          case "cnn" -> CnnSpec.class;
          case "vgg" -> VggSpec.class;
          default -> null;
        };
    if (type == null || json == null || json.isJsonNull()) {
      throw new DataFileException(
          meta,
          "the model description "
              + meta
              + " has architecture '"
              + architecture
              + "'"
              + (json == null || json.isJsonNull() ? " and no spec" : "")
              + "; this LocSpec knows mlp, cnn and vgg. Save the network again.");
    }
    try {
      return GSON.fromJson(json, type);
    } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
      throw damaged(meta, e);
    }
  }

  static JsonObject readJson(Path meta) {
    try {
      JsonElement e = JsonParser.parseString(Files.readString(meta, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        throw new JsonParseException("not a JSON object");
      }
      return e.getAsJsonObject();
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw damaged(meta, e);
    }
  }

  static DataFileException damaged(Path meta, Exception e) {
    return new DataFileException(
        meta,
        "cannot read the model description "
            + meta
            + ": "
            + e.getMessage()
            + ". The file is damaged or truncated: save the network again.",
        e);
  }

  /** Checks that the weights file exists and has the recorded size and SHA-256. */
  static void checkWeights(Path meta, Path weights, Weights expected) {
    if (!Files.isRegularFile(weights)) {
      throw new DataFileException(
          weights,
          "the weights file "
              + weights
              + " is missing (the description "
              + meta
              + " refers to it). Copy the whole folder, or save the network again.");
    }
    try {
      long size = Files.size(weights);
      if (size != expected.bytes()) {
        throw mismatch(meta, weights, size + " bytes", expected.bytes() + " bytes");
      }
      String sha = sha256(weights);
      if (!sha.equals(expected.sha256())) {
        throw mismatch(meta, weights, "SHA-256 " + sha, "SHA-256 " + expected.sha256());
      }
    } catch (IOException e) {
      throw new DataFileException(
          weights, "cannot read " + weights + ": " + e.getMessage() + "; check the file", e);
    }
  }

  private static DataFileException mismatch(Path meta, Path weights, String is, String expected) {
    return new DataFileException(
        weights,
        String.format(
            Locale.ROOT,
            "the weights file %s does not match its description %s: it has %s, the description"
                + " says %s. It is truncated, damaged or from another save: save the network"
                + " again.",
            weights,
            meta,
            is,
            expected));
  }

  /** A model of the spec's block with the weights of {@code dir/prefix-0000.params}. */
  static Model loadWeights(ArchitectureSpec spec, Path weights, Path dir, String prefix) {
    Model model = spec.newModel(prefix);
    try {
      model.load(dir, prefix);
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new DataFileException(
          weights,
          "cannot load the weights "
              + weights
              + " ("
              + e.getMessage()
              + "); they do not fit "
              + spec
              + ". Save the network again.",
          e);
    }
  }

  /** The SHA-256 of a file, in lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
