package org.locspec.train;

import java.util.Locale;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.progress.ProgressListener;

/**
 * Times the papers' MLP on Fashion-MNIST: {@code MlpTrainingBench [epochs] [seed]}. Prints the
 * seconds and test accuracy of every epoch and the resident memory after each. A profile of LocSpec
 * alone, without a peer: {@link MlpEpochBench} times the same training against PyTorch.
 */
public final class MlpTrainingBench {
  private MlpTrainingBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of epochs (default 3) and seed (default 0)
   */
  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 0;
    long t0 = System.nanoTime();
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN);
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST);
    System.out.printf(Locale.ROOT, "loaded data in %.2f s%n", (System.nanoTime() - t0) / 1e9);
    TrainingConfig config = TrainingConfig.paper().withEpochs(epochs).withSeed(seed);
    try (TrainedNetwork mlp =
        Trainer.train(
            MlpSpec.paper(),
            config,
            train,
            test,
            new ProgressListener() {
              private long t;

              @Override
              public void start(String task, long total) {
                t = System.nanoTime();
                System.out.print(task + ": ");
              }

              @Override
              public void update(long done, String message) {}

              @Override
              public void finish(String message) {
                System.out.printf(
                    Locale.ROOT, "%.1f s, %s%n", (System.nanoTime() - t) / 1e9, message);
              }
            })) {
      System.out.println(mlp.history().toTable().print());
      System.out.println(mlp);
      System.out.println(mlp.evaluation());
      System.out.println(mlp.evaluation().toTable().print());
    }
    System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    System.out.println(
        "headline: none (a profile of LocSpec's epochs without a peer; MlpEpochBench compares"
            + " the same training with PyTorch)");
  }
}
