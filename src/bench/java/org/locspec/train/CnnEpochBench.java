package org.locspec.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.locspec.architecture.CnnSpec;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;

/**
 * Benchmark (not a test): one training epoch of the papers' small CNN ({@link CnnSpec#paper()},
 * Adam 10⁻³, batch 64) on Fashion-MNIST (60,000 images, 938 steps) in LocSpec and in PyTorch
 * ({@code environment/bench/train_cnn_torch.py}, Debian's python3-torch), each with 1 and 2
 * intra-op threads, interleaved (LocSpec 1, PyTorch 1, LocSpec 2, PyTorch 2) and repeated
 * {@code --rounds} times. Prints the seconds of the training steps (evaluation excluded on both
 * sides), the best of each configuration, the ratio best LocSpec / best PyTorch (target ≤ 1.2), the
 * ratios at equal thread counts, and the load average before and after: on a shared machine only
 * the interleaved ratios mean much.
 *
 * <p>Options: {@code --steps N} (default 938, a full epoch; fewer for a quick check), {@code
 * --rounds R} (default 1), {@code --threads 1,2}. Where the time goes inside a step: {@link
 * CnnStepProfile}.
 */
public final class CnnEpochBench {
  private static final int BATCH = 64;

  private CnnEpochBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) throws Exception {
    int steps = 938;
    int rounds = 1;
    int[] threads = {1, 2};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--threads" ->
            threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; options: --steps N --rounds R --threads 1,2");
      }
    }
    Path root = MlpEpochBench.repoRoot();
    System.out.println("load average before: " + MlpEpochBench.loadAverage());
    System.out.println("oneDNN ISA limit: " + System.getenv("ONEDNN_MAX_CPU_ISA"));
    ImageDataset all = Datasets.load("fashion-mnist", Split.TRAIN);
    ImageDataset train = all.slice(0, Math.min(all.size(), steps * BATCH));
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST).slice(0, 500);
    TrainingConfig config = TrainingConfig.paperCnn().withEpochs(1);
    int n = (train.size() + BATCH - 1) / BATCH;
    System.out.printf(Locale.ROOT, "%d steps of %d images, %d round(s)%n", n, BATCH, rounds);
    double[][] locspec = new double[threads.length][rounds];
    double[][] torch = new double[threads.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int t = 0; t < threads.length; t++) {
        locspec[t][r] = locspec(config, train, test, threads[t]);
        torch[t][r] = torch(root, n, threads[t]);
      }
    }
    report(threads, locspec, torch, n);
    System.out.println("load average after: " + MlpEpochBench.loadAverage());
  }

  private static void report(int[] threads, double[][] locspec, double[][] torch, int steps) {
    double full = 938.0 / steps;
    double bestL = Double.POSITIVE_INFINITY;
    double bestT = Double.POSITIVE_INFINITY;
    List<String> same = new ArrayList<>();
    for (int t = 0; t < threads.length; t++) {
      double l = Arrays.stream(locspec[t]).min().orElseThrow();
      double p = Arrays.stream(torch[t]).min().orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "%d thread(s): LocSpec %s s, PyTorch %s s (best %.1f vs %.1f s; per full epoch %.0f vs"
              + " %.0f s)%n",
          threads[t], MlpEpochBench.fmt(locspec[t]), MlpEpochBench.fmt(torch[t]), l, p, l * full,
          p * full);
      same.add(String.format(Locale.ROOT, "%d thread(s) %.2f", threads[t], l / p));
      bestL = Math.min(bestL, l);
      bestT = Math.min(bestT, p);
    }
    System.out.printf(
        Locale.ROOT,
        "ratio best LocSpec / best PyTorch: %.2f (target <= 1.2); at equal threads: %s%n",
        bestL / bestT, String.join(", ", same));
  }

  static double locspec(TrainingConfig config, ImageDataset train, ImageDataset test, int threads) {
    try (TrainedNetwork cnn =
        Trainer.train(CnnSpec.paper(), config, train, test, ProgressListener.none(), threads)) {
      double s = cnn.history().epochSeconds()[0];
      System.out.printf(
          Locale.ROOT,
          "LocSpec %d thread(s): %.1f s, mean loss %.4f%n",
          threads, s, cnn.history().epochLosses()[0]);
      return s;
    }
  }

  static double torch(Path root, int steps, int threads) throws Exception {
    String out =
        MlpEpochBench.exec(
            List.of(
                MlpEpochBench.PYTHON,
                root.resolve("environment/bench/train_cnn_torch.py").toString(),
                MlpEpochBench.dataDir(root).toString(),
                Integer.toString(steps),
                Integer.toString(threads)),
            root.resolve("environment/bench"));
    return Double.parseDouble(out.replaceAll("(?s).*torch_epoch_seconds=([0-9.]+).*", "$1"));
  }
}
