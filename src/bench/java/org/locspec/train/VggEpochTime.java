package org.locspec.train;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locspec.architecture.VggSpec;
import org.locspec.data.ImageDataset;
import org.locspec.progress.ProgressListener;

/**
 * The time of a training epoch of the papers' VGG net for CIFAR-10 ({@link VggSpec#paper()}, {@link
 * TrainingConfig#paperVgg()}: batch 128, augmentation, L2), measured on {@code steps} batches of
 * seeded random 3×32×32 images (CIFAR-10 cannot be downloaded here; the time of a step does not
 * depend on the pixels) and scaled to CIFAR-10's 50,000 images (391 steps). Not run by bench.sh
 * (its name does not end in Bench): {@code mvn -q -B -o -Pbench -pl src exec:java
 * -Dexec.mainClass=org.locspec.train.VggEpochTime -Dexec.args="STEPS THREADS"} (defaults 10, 1).
 */
public final class VggEpochTime {
  private VggEpochTime() {}

  /**
   * Runs the measurement.
   *
   * @param args optional number of steps (default 10) and intra-op threads (default 1)
   */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int n = steps * 128;
    SplittableRandom rng = new SplittableRandom(0);
    float[] px = new float[n * 3 * 32 * 32];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) rng.nextDouble();
    }
    int[] labels = rng.ints(n, 0, 10).toArray();
    List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    ImageDataset train = ImageDataset.of("random-cifar-shape", 3, 32, 32, px, labels, classes);
    ImageDataset test = train.slice(0, 250);
    TrainingConfig config = TrainingConfig.paperVgg().withEpochs(1);
    try (TrainedNetwork vgg =
        Trainer.train(VggSpec.paper(), config, train, test, ProgressListener.none(), threads)) {
      double s = vgg.history().epochSeconds()[0];
      System.out.printf(
          Locale.ROOT,
          "VGG (%s), %d thread(s): %d steps of 128 in %.1f s, %.2f s per step; a CIFAR-10 epoch"
              + " (391 steps) about %.0f min, 200 epochs about %.0f h%n",
          VggSpec.paper(),
          threads,
          steps,
          s,
          s / steps,
          s / steps * 391 / 60,
          s / steps * 391 * 200 / 3600);
    }
  }
}
