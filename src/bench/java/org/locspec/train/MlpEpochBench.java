package org.locspec.train;

import org.locspec.architecture.MlpSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;

/**
 * Benchmark (not a test): training epochs of the papers' MLP (784-4×256-10, Adam 10⁻³, batch 128)
 * on Fashion-MNIST (60,000 images) in LocSpec with 1 and with 2 PyTorch intra-op threads, and in
 * PyTorch itself ({@code environment/bench/train_mlp_torch.py}, 2 threads, and 1 for reference),
 * in one run, interleaved (LocSpec 1, PyTorch 2, LocSpec 2, PyTorch 1). Prints the
 * seconds per epoch (training steps only, both sides), the machine's load average before and
 * after, and the ratios LocSpec / PyTorch.
 *
 * <p>Run: {@code mvn -q -B -o -Pbench -pl src test-compile exec:java
 * -Dexec.mainClass=org.locspec.train.MlpEpochBench [-Dexec.args=EPOCHS]} (default 2 epochs; the
 * first LocSpec epoch includes JIT warm-up, so both epochs are printed).
 */
public final class MlpEpochBench {
  public static final String PYTHON = "/usr/bin/python3";

  private MlpEpochBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of epochs (default 2)
   */
  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Path root = repoRoot();
    System.out.println("load average before: " + loadAverage());
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN);
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST);
    TrainingConfig config = TrainingConfig.paper().withEpochs(epochs);

    double[] one = locspec(config, train, test, 1);
    double torch2 = torch(root, epochs, 2);
    double[] two = locspec(config, train, test, 2);
    double torch1 = torch(root, epochs, 1);

    double m1 = Arrays.stream(one).average().orElseThrow();
    double m2 = Arrays.stream(two).average().orElseThrow();
    System.out.printf(Locale.ROOT, "LocSpec 1 thread : epochs %s s, mean %.2f s%n", fmt(one), m1);
    System.out.printf(Locale.ROOT, "LocSpec 2 threads: epochs %s s, mean %.2f s%n", fmt(two), m2);
    System.out.printf(Locale.ROOT, "PyTorch 2 threads: %.2f s per epoch; 1 thread: %.2f s%n", torch2, torch1);
    System.out.printf(
        Locale.ROOT,
        "ratio LocSpec/PyTorch(2 threads) per epoch: LocSpec 1 thread %.2f, 2 threads %.2f;"
            + " same thread count: 1 thread %.2f, 2 threads %.2f%n",
        m1 / torch2,
        m2 / torch2,
        m1 / torch1,
        m2 / torch2);
    System.out.println("load average after: " + loadAverage());
  }

  static double torch(Path root, int epochs, int threads) throws Exception {
    String out =
        exec(
            List.of(
                PYTHON,
                root.resolve("environment/bench/train_mlp_torch.py").toString(),
                dataDir(root).toString(),
                Integer.toString(epochs),
                Integer.toString(threads)),
            root.resolve("environment/bench"));
    return Double.parseDouble(out.replaceAll("(?s).*torch_epoch_seconds=([0-9.]+).*", "$1"));
  }

  static double[] locspec(TrainingConfig config, ImageDataset train, ImageDataset test, int threads) {
    try (TrainedNetwork mlp =
        Trainer.train(MlpSpec.paper(), config, train, test, ProgressListener.none(), threads)) {
      System.out.printf(
          Locale.ROOT,
          "LocSpec %d thread(s): test accuracy %.4f%n",
          threads,
          mlp.evaluation().accuracy());
      return mlp.history().epochSeconds();
    }
  }

  static String fmt(double[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", a[i]));
    }
    return sb.append(']').toString();
  }

  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("environment/bench"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("run from inside the LocSpec repository (environment/bench not found)");
    }
    return p;
  }

  /** The folder holding fashion-mnist/ for the Python peers. */
  public static Path dataDir(Path root) {
    Path d = Datasets.dataDir();
    return Files.isDirectory(d.resolve("fashion-mnist")) ? d : Datasets.DEBIAN_FASHION_MNIST.getParent();
  }

  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min; "
          + Runtime.getRuntime().availableProcessors() + " cores)";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  public static String exec(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    int rc = p.waitFor();
    System.out.print(out);
    if (rc != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + rc);
    }
    return out;
  }
}
