package org.locspec.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locspec.model.Layer;
import org.locspec.model.Lesion;
import org.locspec.model.Network;
import org.locspec.model.TorchEngine;

/**
 * Compares networks imported from TorchScript with PyTorch itself: {@code
 * src/test/python/make_torchscript.py} (run once, with {@code /usr/bin/python3}) writes seeded
 * scripted and traced models, inputs, PyTorch's logits and PyTorch's logits under a lesion.
 */
class TorchScriptImporterTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final double TOLERANCE = 1e-5;

  @TempDir static Path dir;
  private static JsonObject manifest;
  private static float[] inputs;

  @BeforeAll
  static void writeModelsWithPyTorch() throws Exception {
    Path script = script();
    Process p;
    try {
      p =
          new ProcessBuilder(PYTHON, script.toString(), dir.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      fail(
          PYTHON
              + " cannot be started ("
              + e.getMessage()
              + "); run environment/setup.sh, which"
              + " installs Python with PyTorch (python3-torch)");
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(script + " did not finish within 300 s:\n" + out);
    }
    if (p.exitValue() == 3) {
      fail(
          "PyTorch cannot be imported by "
              + PYTHON
              + "; run environment/setup.sh, which installs"
              + " python3-torch:\n"
              + out);
    } else if (p.exitValue() != 0) {
      fail(script + " failed with status " + p.exitValue() + ":\n" + out);
    }
    manifest =
        JsonParser.parseString(Files.readString(dir.resolve("manifest.json"))).getAsJsonObject();
    inputs = readFloats(dir.resolve(manifest.get("inputs").getAsString()));
  }

  private static Path script() {
    for (String candidate :
        List.of("test/python/make_torchscript.py", "src/test/python/make_torchscript.py")) {
      Path p = Path.of(candidate).toAbsolutePath();
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "make_torchscript.py not found from "
            + Path.of("").toAbsolutePath()
            + "; run the tests from the repository root or the src/ module");
  }

  private static float[] readFloats(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  private static int[] ints(JsonArray a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsInt();
    }
    return out;
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length, "number of logits");
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"mlp_scripted", "mlp_traced", "cnn_scripted", "cnn_traced", "nested_scripted"})
  void importedNetworkGivesPyTorchsLogitsIntactAndLesioned(String model) throws IOException {
    JsonObject m = manifest.getAsJsonObject("models").getAsJsonObject(model);
    long[] shape =
        m.getAsJsonArray("input_shape").asList().stream().mapToLong(e -> e.getAsLong()).toArray();
    int batch = manifest.get("batch").getAsInt();
    float[] want = readFloats(dir.resolve(m.get("logits").getAsString()));
    float[] wantLesioned = readFloats(dir.resolve(m.get("lesioned_logits").getAsString()));
    Map<String, int[]> lesion = new LinkedHashMap<>();
    for (var e : m.getAsJsonObject("lesion").entrySet()) {
      lesion.put(e.getKey(), ints(e.getValue().getAsJsonArray()));
    }
    try (Network net = TorchScriptImporter.load(dir.resolve(m.get("file").getAsString()), shape);
        NDManager nd = NDManager.newBaseManager(TorchEngine.NAME)) {
      assertEquals(
          m.getAsJsonArray("layers").asList().stream().map(e -> e.getAsString()).toList(),
          net.layers().stream().map(Layer::name).toList());
      assertArrayEquals(shape, net.inputShape());
      assertEquals(model, net.name());
      NDArray x = nd.create(inputs, new Shape(batch, shape[0], shape[1], shape[2]));
      float[] got = net.forward(x).toFloatArray();
      float[] gotLesioned;
      long[] argmax;
      try (Lesion l = net.lesion(lesion)) {
        NDArray out = l.forward(x);
        gotLesioned = out.toFloatArray();
        argmax = out.argMax(1).toLongArray();
      }
      double diff = maxAbsDiff(want, got);
      double diffLesioned = maxAbsDiff(wantLesioned, gotLesioned);
      System.out.printf(
          "%s: max |LocSpec - PyTorch| logits %.3g, lesioned logits %.3g%n",
          model, diff, diffLesioned);
      assertTrue(diff <= TOLERANCE, model + ": max abs difference of logits " + diff);
      assertTrue(
          diffLesioned <= TOLERANCE,
          model + ": max abs difference of lesioned logits " + diffLesioned);
      assertArrayEquals(
          ints(m.getAsJsonArray("lesioned_argmax")),
          Arrays.stream(argmax).mapToInt(v -> (int) v).toArray());
      assertTrue(maxAbsDiff(want, wantLesioned) > 1e-2, "the lesion should change the logits");
    }
  }

  @Test
  void inputShapeIsDerivedForMlpsAndRequiredForCnns() {
    try (Network mlp = TorchScriptImporter.load(dir.resolve("mlp_traced.pt"))) {
      assertArrayEquals(new long[] {1, 28, 28}, mlp.inputShape());
      assertEquals(10, mlp.numClasses());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchScriptImporter.load(dir.resolve("cnn_scripted.pt")));
    assertTrue(
        e.getMessage().contains("load(file, new long[] {1, height, width})"), e.getMessage());
    IllegalArgumentException wrong =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchScriptImporter.load(dir.resolve("cnn_scripted.pt"), new long[] {1, 32, 32}));
    assertTrue(
        wrong.getMessage().contains("dense1") && wrong.getMessage().contains("expects 288 inputs"),
        wrong.getMessage());
  }

  @Test
  void unsupportedLayersAreNamedWithTheSupportedTypes() {
    IllegalArgumentException sigmoid =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchScriptImporter.load(dir.resolve("sigmoid.pt")));
    String s = sigmoid.getMessage();
    assertTrue(
        s.contains("sigmoid.pt")
            && s.contains("layer 1.1 is Sigmoid (torch.nn.modules.activation.Sigmoid)")
            && s.contains("supported layer types: Linear, Conv2d"),
        s);
    IllegalArgumentException grouped =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchScriptImporter.load(dir.resolve("grouped.pt"), new long[] {2, 28, 28}));
    assertTrue(
        grouped.getMessage().contains("layer 0 is Conv2d with groups=2"), grouped.getMessage());
    IllegalArgumentException branch =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchScriptImporter.load(dir.resolve("branch.pt")));
    assertTrue(
        branch.getMessage().contains("layer (the root module) (Branch)")
            && branch.getMessage().contains("has the statement 'if ")
            && branch.getMessage().contains("torch.jit.trace"),
        branch.getMessage());
    IllegalArgumentException sigmoidFn =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchScriptImporter.load(dir.resolve("sigmoid_fn.pt")));
    assertTrue(
        sigmoidFn.getMessage().contains("(Sigmoid) computes torch.sigmoid in its code")
            && sigmoidFn.getMessage().contains("supported: Linear, Conv2d"),
        sigmoidFn.getMessage());
    IllegalArgumentException checkpoint =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchScriptImporter.load(dir.resolve("state_dict.pt")));
    assertTrue(checkpoint.getMessage().contains("torch.save checkpoint"), checkpoint.getMessage());
  }

  @Test
  void ownModulesAreFollowedThroughTheirCode() throws IOException {
    float[] want = readFloats(dir.resolve("own_module.logits.bin"));
    try (Network net = TorchScriptImporter.load(dir.resolve("own_module.pt"));
        NDManager nd = NDManager.newBaseManager(TorchEngine.NAME)) {
      assertEquals(List.of("flatten1", "dense1"), net.layers().stream().map(Layer::name).toList());
      int batch = manifest.get("batch").getAsInt();
      NDArray x = nd.create(inputs, new Shape(batch, 1, 28, 28));
      assertTrue(maxAbsDiff(want, net.forward(x).toFloatArray()) <= TOLERANCE);
    }
  }

  @Test
  void damagedAndMissingFilesAreExplained() throws IOException {
    byte[] whole = Files.readAllBytes(dir.resolve("mlp_scripted.pt"));
    Path truncated = dir.resolve("truncated.pt");
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
    IllegalArgumentException t =
        assertThrows(IllegalArgumentException.class, () -> TorchScriptImporter.load(truncated));
    assertTrue(
        t.getMessage().contains("truncated.pt")
            && t.getMessage().contains("truncated")
            && t.getMessage().contains("torch.jit.save"),
        t.getMessage());
    Path text = dir.resolve("notes.pt");
    Files.writeString(text, "not a model");
    IllegalArgumentException n =
        assertThrows(IllegalArgumentException.class, () -> TorchScriptImporter.load(text));
    assertTrue(
        n.getMessage().contains("notes.pt")
            && n.getMessage().contains("not a readable zip archive"),
        n.getMessage());
    UncheckedIOException missing =
        assertThrows(
            UncheckedIOException.class, () -> TorchScriptImporter.load(dir.resolve("absent.pt")));
    assertTrue(
        missing.getMessage().contains("absent.pt")
            && missing.getMessage().contains("does not exist"),
        missing.getMessage());
  }

  @Test
  void pickleReaderNamesUnsupportedOpcodes() {
    // Protocol 2, then SHORT_BINUNICODE (a protocol-4 opcode) 'a', then STOP.
    byte[] bytes = {(byte) 0x80, 2, (byte) 0x8c, 1, 'a', '.'};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TorchPickle.load(bytes, "test.pkl"));
    assertTrue(
        e.getMessage().contains("unsupported pickle opcode SHORT_BINUNICODE (0x8c)"),
        e.getMessage());
    byte[] ok = {(byte) 0x80, 2, ']', '(', 'K', 7, 'J', -1, -1, -1, -1, 'e', '.'};
    assertEquals(List.of(7L, -1L), TorchPickle.load(ok, "list.pkl"));
    byte[] cut = {(byte) 0x80, 2, 'X', 9, 0, 0, 0, 'a'};
    IllegalArgumentException c =
        assertThrows(IllegalArgumentException.class, () -> TorchPickle.load(cut, "cut.pkl"));
    assertTrue(c.getMessage().contains("ends early"), c.getMessage());
  }
}
