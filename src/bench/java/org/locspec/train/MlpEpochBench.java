package org.locspec.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * headline: LocSpec's best epoch against PyTorch's best (training steps only, both sides; the best
 * epoch, because the first LocSpec epoch includes JIT warm-up and load from other work on a shared
 * machine only ever slows an epoch down), with the times per thread count below it; then the CPU
 * seconds of the best 1-thread epoch on each side, which a loaded machine disturbs less.
 *
 * <p>Run: {@code environment/bench.sh MlpEpochBench} ({@code BENCH_ARGS_MlpEpochBench=EPOCHS};
 * default 3 epochs).
 */
public final class MlpEpochBench {
  private MlpEpochBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of epochs (default 2)
   */
  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    System.out.println(Bench.loadAverage() + " (before)");
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN);
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST);
    TrainingConfig config = TrainingConfig.paper().withEpochs(epochs);

    double[] cpu = new double[2];
    Bench.Comparison c =
        Bench.compare(
            "PyTorch",
            threads -> {
              double[][] s = locspec(config, train, test, threads);
              System.out.printf(
                  Locale.ROOT,
                  "LocSpec %d thread(s): epochs %s s (CPU %s s)%n",
                  threads,
                  fmt(s[0]),
                  fmt(s[1]));
              int best = argMin(s[0]);
              if (threads == 1) {
                cpu[0] = s[1][best];
              }
              return s[0][best];
            },
            threads -> {
              String out = torch(epochs, threads);
              if (threads == 1) {
                cpu[1] = Bench.number(out, "torch_best_epoch_cpu_seconds");
              }
              return Bench.number(out, "torch_best_epoch_seconds");
            });
    c.print("seconds of the best training epoch of the papers' MLP on Fashion-MNIST");
    System.out.printf(
        Locale.ROOT,
        "CPU seconds of the best 1-thread epoch: LocSpec %.3f, PyTorch %.3f, ratio %.2f%n",
        cpu[0],
        cpu[1],
        cpu[0] / cpu[1]);
    System.out.println(Bench.loadAverage() + " (after)");
  }

  static String torch(int epochs, int threads) throws Exception {
    return Bench.peer(
        threads, "train_mlp_torch.py", Bench.peerDataDir().toString(), Integer.toString(epochs));
  }

  /**
   * LocSpec's epoch times with a given number of threads: the wall seconds of each epoch's training
   * steps (as {@code TrainingHistory.epochSeconds()}) and the CPU seconds of the training thread
   * over them.
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

  private static int argMin(double[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      best = a[i] < a[best] ? i : best;
    }
    return best;
  }

  static String fmt(double[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", a[i]));
    }
    return sb.append(']').toString();
  }
}
