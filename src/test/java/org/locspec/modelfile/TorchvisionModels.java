package org.locspec.modelfile;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The torchvision test models (VGG-16, ResNet-18, ResNet-50 with seeded random weights, their
 * PyTorch logits and ResNet-18's channel graph computed in Python) in {@code models/torchvision}:
 * written by the set-up ({@code environment/setup.sh}) with {@code
 * src/test/python/make_torchvision.py}; the first test that needs them runs the script (it keeps
 * what is there), so plain {@code mvn test} works too.
 */
public final class TorchvisionModels {
  private static final String PYTHON = "/usr/bin/python3";
  private static Path dir;

  private TorchvisionModels() {}

  /** The folder, made if missing. */
  public static synchronized Path dir() {
    if (dir == null) {
      Path root = root();
      Path out = root.resolve("models/torchvision");
      run(root.resolve("src/test/python/make_torchvision.py"), out);
      dir = out;
    }
    return dir;
  }

  /** The folder's manifest.json. */
  public static JsonObject manifest() {
    try {
      return JsonParser.parseString(Files.readString(dir().resolve("manifest.json")))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A model file, e.g. "resnet18_scripted.pt". */
  public static Path file(String name) {
    return dir().resolve(name);
  }

  /** Little-endian float32 values of a file of the folder. */
  public static float[] floats(String name) {
    try {
      ByteBuffer b =
          ByteBuffer.wrap(Files.readAllBytes(dir().resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[b.remaining() / 4];
      b.asFloatBuffer().get(out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("src/test/python/make_torchvision.py"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "src/test/python/make_torchvision.py not found above " + Path.of("").toAbsolutePath());
  }

  private static void run(Path script, Path out) {
    try {
      Process p =
          new ProcessBuilder(PYTHON, script.toString(), out.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(900, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(script + " did not finish within 900 s:\n" + log);
      }
      if (p.exitValue() == 3) {
        fail(
            "torchvision cannot be imported by "
                + PYTHON
                + "; run environment/setup.sh, which"
                + " installs python3-torchvision:\n"
                + log);
      } else if (p.exitValue() != 0) {
        fail(script + " failed with status " + p.exitValue() + ":\n" + log);
      }
    } catch (IOException e) {
      fail(PYTHON + " cannot be started (" + e.getMessage() + "); run environment/setup.sh");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while writing the torchvision test models");
    }
  }
}
