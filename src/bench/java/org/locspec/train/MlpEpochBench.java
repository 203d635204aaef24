package org.locspec.train;

import org.locspec.architecture.MlpSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * on Fashion-MNIST (60,000 images) in LocSpec and in PyTorch ({@code
 * environment/bench/train_mlp_torch.py}, Debian's python3-torch), each with 1 and with 2 intra-op
 * threads, in one run, interleaved (LocSpec 1, PyTorch 2, LocSpec 2, PyTorch 1, repeated for each
 * round). For every configuration it prints the seconds of each epoch (training steps only, both
 * sides) and takes the best epoch (the first LocSpec epoch includes JIT warm-up; load spikes of a
 * shared machine only slow epochs down); the ratio printed is best against best: LocSpec's best
 * thread count against PyTorch's best. It prints the machine's load average before and after.
 *
 * <p>Run: {@code environment/bench.sh MlpEpochBench} with {@code BENCH_ARGS_MlpEpochBench="EPOCHS
 * ROUNDS"} (default 3 epochs, 1 round).
 */
public final class MlpEpochBench {
  public static final String PYTHON = "/usr/bin/python3";

  private MlpEpochBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of epochs per run (default 3) and rounds (default 1)
   */
  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path root = repoRoot();
    System.out.println("load average before: " + loadAverage());
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN);
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST);
    TrainingConfig config = TrainingConfig.paper().withEpochs(epochs);
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] cpu = {Double.MAX_VALUE, Double.MAX_VALUE};
    for (int r = 0; r < rounds; r++) {
      double[][] l1 = locspec(config, train, test, 1);
      best[0] = Math.min(best[0], report("LocSpec 1 thread ", l1));
      best[1] = Math.min(best[1], report("PyTorch 2 threads", torch(root, epochs, 2)));
      best[2] = Math.min(best[2], report("LocSpec 2 threads", locspec(config, train, test, 2)));
      double[][] t1 = torch(root, epochs, 1);
      best[3] = Math.min(best[3], report("PyTorch 1 thread ", t1));
      cpu[0] = Math.min(cpu[0], Arrays.stream(l1[1]).min().orElseThrow());
      cpu[1] = Math.min(cpu[1], Arrays.stream(t1[1]).min().orElseThrow());
    }
    double locspec = Math.min(best[0], best[2]);
    double torch = Math.min(best[1], best[3]);
    System.out.printf(
        Locale.ROOT,
        "best epoch: LocSpec %.3f s (%s), PyTorch %.3f s (%s)%n",
        locspec,
        best[0] <= best[2] ? "1 thread" : "2 threads",
        torch,
        best[3] <= best[1] ? "1 thread" : "2 threads");
    System.out.printf(
        Locale.ROOT,
        "ratio LocSpec/PyTorch, best vs best: %.2f (target <= 1); same thread count: 1 thread"
            + " %.2f, 2 threads %.2f%n",
        locspec / torch,
        best[0] / best[3],
        best[2] / best[1]);
    System.out.printf(
        Locale.ROOT,
        "CPU seconds of the best 1-thread epoch (less sensitive to a loaded machine): LocSpec %.3f,"
            + " PyTorch %.3f, ratio %.2f%n",
        cpu[0],
        cpu[1],
        cpu[0] / cpu[1]);
    System.out.println("load average after: " + loadAverage());
  }

  /** Prints one configuration's epoch times (wall, CPU); returns its best wall time. */
  static double report(String what, double[][] seconds) {
    double min = Arrays.stream(seconds[0]).min().orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "%s: epochs %s s (CPU %s s), best %.3f s%n",
        what,
        fmt(seconds[0]),
        fmt(seconds[1]),
        min);
    return min;
  }

  /** PyTorch's epoch times, wall and CPU, with a given number of threads. */
  static double[][] torch(Path root, int epochs, int threads) throws Exception {
    String out =
        exec(
            List.of(
                PYTHON,
                root.resolve("environment/bench/train_mlp_torch.py").toString(),
                dataDir(root).toString(),
                Integer.toString(epochs),
                Integer.toString(threads)),
            root.resolve("environment/bench"));
    return new double[][] {numbers(out, "torch_epochs"), numbers(out, "torch_epochs_cpu")};
  }

  private static double[] numbers(String out, String key) {
    String list = out.replaceAll("(?s).*" + key + "=([0-9.,]+).*", "$1");
    return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  /**
   * LocSpec's epoch times with a given number of threads: wall seconds of the training steps (as
   * {@code TrainingHistory.epochSeconds()}) and CPU seconds of the training thread over them.
   */
  static double[][] locspec(
      TrainingConfig config, ImageDataset train, ImageDataset test, int threads) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double[] cpu = new double[config.totalEpochs()];
    ProgressListener timer =
        new ProgressListener() {
          private long start;
          private long total;
          private int epoch;

          @Override
          public void start(String task, long steps) {
            total = steps;
            start = bean.getCurrentThreadCpuTime();
          }

          @Override
          public void update(long done, String message) {
            if (done == total) {
              cpu[epoch++] = (bean.getCurrentThreadCpuTime() - start) / 1e9;
            }
          }

          @Override
          public void finish(String message) {}
        };
    try (TrainedNetwork mlp = Trainer.train(MlpSpec.paper(), config, train, test, timer, threads)) {
      System.out.printf(
          Locale.ROOT,
          "LocSpec %d thread(s): test accuracy %.4f%n",
          threads,
          mlp.evaluation().accuracy());
      return new double[][] {mlp.history().epochSeconds(), cpu};
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
