package org.locspec.train;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.locspec.architecture.CnnSpec;
import org.locspec.bench.Bench;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;

/**
 * Benchmark (not a test): one training epoch of the papers' small CNN ({@link CnnSpec#paper()},
 * Adam 10⁻³, batch 64) on Fashion-MNIST (60,000 images, 938 steps) in LocSpec and in PyTorch
 * ({@code environment/bench/train_cnn_torch.py}, Debian's python3-torch), each with 1 and 2
 * intra-op threads, interleaved as every benchmark ({@link Bench#compare}), the best of {@code
 * --rounds} rounds per side and thread count. Times the training steps only (evaluation excluded on
 * both sides) and heads its output with LocSpec's best against PyTorch's best (target ≤ 1.2).
 *
 * <p>Options: {@code --steps N} (default 938, a full epoch; fewer for a quick check, the times then
 * also scaled to a full epoch), {@code --rounds R} (default 1). Where the time goes inside a step:
 * {@link CnnStepProfile}.
 */
public final class CnnEpochBench {
  private static final int BATCH = 64;
  private static final int EPOCH_STEPS = 938;

  private CnnEpochBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) throws Exception {
    int steps = EPOCH_STEPS;
    int rounds = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; options: --steps N --rounds R");
      }
    }
    System.out.println(Bench.loadAverage() + " (before)");
    System.out.println("oneDNN ISA limit: " + System.getenv("ONEDNN_MAX_CPU_ISA"));
    ImageDataset all = Datasets.load("fashion-mnist", Split.TRAIN);
    ImageDataset train = all.slice(0, Math.min(all.size(), steps * BATCH));
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST).slice(0, 500);
    TrainingConfig config = TrainingConfig.paperCnn().withEpochs(1);
    int n = (train.size() + BATCH - 1) / BATCH;
    int r = rounds;
    System.out.printf(Locale.ROOT, "%d steps of %d images, %d round(s)%n", n, BATCH, rounds);
    Bench.Comparison c =
        Bench.compare(
            "PyTorch",
            threads -> best(r, () -> locspec(config, train, test, threads)),
            threads -> best(r, () -> torch(n, threads)));
    c.print(
        "seconds of "
            + (n == EPOCH_STEPS ? "one training epoch" : n + " training steps")
            + " of the papers' small CNN on Fashion-MNIST (batch 64; target: ratio <= 1.2)");
    if (n != EPOCH_STEPS) {
      System.out.printf(
          Locale.ROOT,
          "scaled to a full epoch of %d steps: LocSpec %.0f s, PyTorch %.0f s%n",
          EPOCH_STEPS,
          c.bestLocspec() * EPOCH_STEPS / n,
          c.bestPeer() * EPOCH_STEPS / n);
    }
    System.out.println(Bench.loadAverage() + " (after)");
  }

  private static double best(int rounds, Callable<Double> once) throws Exception {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < rounds; i++) {
      best = Math.min(best, once.call());
    }
    return best;
  }

  static double locspec(TrainingConfig config, ImageDataset train, ImageDataset test, int threads) {
    try (TrainedNetwork cnn =
        Trainer.train(CnnSpec.paper(), config, train, test, ProgressListener.none(), threads)) {
      double s = cnn.history().epochSeconds()[0];
      System.out.printf(
          Locale.ROOT,
          "LocSpec %d thread(s): %.1f s, mean loss %.4f%n",
          threads,
          s,
          cnn.history().epochLosses()[0]);
      return s;
    }
  }

  static double torch(int steps, int threads) throws Exception {
    String out =
        Bench.peer(
            threads,
            "train_cnn_torch.py",
            Bench.peerDataDir().toString(),
            Integer.toString(steps),
            Integer.toString(threads));
    return Bench.number(out, "torch_epoch_seconds");
  }
}
