package org.locspec.train;

import java.util.Arrays;
import java.util.Locale;
import org.locspec.architecture.MlpSpec;
import org.locspec.bench.Bench;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;

/**
 * Benchmark (not a test): training epochs of the papers' MLP (784-4×256-10, Adam 10⁻³, batch 128)
 * on Fashion-MNIST (60,000 images) in LocSpec and in PyTorch itself ({@code
 * environment/bench/train_mlp_torch.py}), each with 1 and with 2 intra-op threads, interleaved
 * (LocSpec 1, PyTorch 2, LocSpec 2, PyTorch 1). Prints the seconds of every LocSpec epoch, then the
 * headline: LocSpec's best mean seconds per epoch against PyTorch's best (training steps only, both
 * sides), with the times per thread count below it.
 *
 * <p>Run: {@code environment/bench.sh MlpEpochBench} ({@code BENCH_ARGS_MlpEpochBench=EPOCHS};
 * default 2 epochs; the first LocSpec epoch includes JIT warm-up, so every epoch is printed).
 */
public final class MlpEpochBench {
  private MlpEpochBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of epochs (default 2)
   */
  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    System.out.println(Bench.loadAverage() + " (before)");
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN);
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST);
    TrainingConfig config = TrainingConfig.paper().withEpochs(epochs);

    Bench.Comparison c =
        Bench.compare(
            "PyTorch",
            threads -> {
              double[] s = locspec(config, train, test, threads);
              System.out.printf(
                  Locale.ROOT, "LocSpec %d thread(s): epochs %s s%n", threads, fmt(s));
              return Arrays.stream(s).average().orElseThrow();
            },
            threads -> torch(epochs, threads));
    c.print("mean seconds per training epoch of the papers' MLP on Fashion-MNIST");
    System.out.println(Bench.loadAverage() + " (after)");
  }

  static double torch(int epochs, int threads) throws Exception {
    String out =
        Bench.peer(
            threads,
            "train_mlp_torch.py",
            Bench.peerDataDir().toString(),
            Integer.toString(epochs));
    return Bench.number(out, "torch_epoch_seconds");
  }

  static double[] locspec(
      TrainingConfig config, ImageDataset train, ImageDataset test, int threads) {
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
}
