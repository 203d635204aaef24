package org.locspec.zoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.Trainer;

/**
 * How long training takes on this machine, per architecture: seconds per "image-epoch", where an
 * epoch of {@code n} training and {@code t} test images counts {@code n + t / 3} images (a test
 * image is evaluated only, a forward pass, about a third of a training step's work). The rates come
 * from the models a zoo already holds (the median over those whose entry records its cost) or, for
 * an architecture the zoo has none of, from a short calibration run.
 *
 * @param rates seconds per image-epoch, by architecture
 * @param sources where each rate comes from, e.g. "median of 12 models of this zoo"
 */
public record ZooEstimate(
    Map<ZooArchitecture, Double> rates, Map<ZooArchitecture, String> sources) {

  /** The cost of evaluating one test image relative to training on one image. */
  public static final double TEST_IMAGE_WEIGHT = 1.0 / 3;

  /** Copies the maps. */
  public ZooEstimate {
    rates = Map.copyOf(rates);
    sources = Map.copyOf(sources);
  }

  /**
   * The rates measured by the models of a zoo.
   *
   * @param index the zoo's models
   * @return the median rate of each architecture that has models recording their cost
   */
  public static ZooEstimate fromZoo(ZooIndex index) {
    Map<ZooArchitecture, List<Double>> seen = new EnumMap<>(ZooArchitecture.class);
    for (ZooEntry e : index.entries()) {
      if (!e.hasCost()) {
        continue;
      }
      ZooArchitecture a;
      try {
        a = ZooArchitecture.parse(e.architecture());
      } catch (IllegalArgumentException unknown) {
        continue;
      }
      double images = (double) e.epochs() * (e.trainImages() + TEST_IMAGE_WEIGHT * e.testImages());
      seen.computeIfAbsent(a, k -> new ArrayList<>()).add(e.seconds() / images);
    }
    Map<ZooArchitecture, Double> rates = new EnumMap<>(ZooArchitecture.class);
    Map<ZooArchitecture, String> sources = new EnumMap<>(ZooArchitecture.class);
    seen.forEach(
        (a, list) -> {
          double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          rates.put(
              a, v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
          sources.put(
              a, "median of " + v.length + " model" + (v.length == 1 ? "" : "s") + " of this zoo");
        });
    return new ZooEstimate(rates, sources);
  }

  /**
   * These rates with a calibrated rate for every given architecture that has none: each trains the
   * papers' network of the architecture for two epochs on seeded random 28 × 28 images (640 for the
   * MLP, 128 for the CNN, a fifth as many test images) and times the second epoch, evaluation
   * included.
   *
   * @param architectures the architectures that need a rate
   * @return the completed estimate
   */
  public ZooEstimate calibrated(List<ZooArchitecture> architectures) {
    Map<ZooArchitecture, Double> r = new EnumMap<>(ZooArchitecture.class);
    Map<ZooArchitecture, String> s = new EnumMap<>(ZooArchitecture.class);
    r.putAll(rates);
    s.putAll(sources);
    for (ZooArchitecture a : architectures) {
      if (!r.containsKey(a)) {
        int n = a == ZooArchitecture.MLP ? 640 : 128;
        r.put(a, calibrate(a, n, n / 5));
        s.put(a, "calibrated: 1 epoch of " + n + " random images, measured now");
      }
    }
    return new ZooEstimate(r, s);
  }

  private static double calibrate(ZooArchitecture a, int n, int t) {
    ImageDataset train = random("calibration/train", n, 1);
    ImageDataset test = random("calibration/test", t, 2);
    ArchitectureSpec spec = a.spec(false);
    double[] seconds = new double[2];
    ProgressListener timer =
        new ProgressListener() {
          private long start;
          private int epoch;

          @Override
          public void start(String task, long total) {
            start = System.nanoTime();
          }

          @Override
          public void update(long done, String message) {}

          @Override
          public void finish(String message) {
            seconds[epoch++] = (System.nanoTime() - start) / 1e9;
          }
        };
    try (TrainedNetwork net = Trainer.train(spec, a.config().withEpochs(2), train, test, timer)) {
      return seconds[1] / (n + TEST_IMAGE_WEIGHT * t);
    }
  }

  private static ImageDataset random(String name, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] pixels = new float[n * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) rng.nextDouble();
    }
    int[] labels = new int[n];
    Arrays.setAll(labels, i -> i % 10);
    return ImageDataset.of(name, 1, 28, 28, pixels, labels, Datasets.DIGIT_CLASSES);
  }

  /**
   * The estimated training time of a model.
   *
   * @param m the model
   * @param trainImages its training images
   * @param testImages its test images
   * @return seconds, or empty when there is no rate for its architecture
   */
  public OptionalDouble seconds(ZooModel m, int trainImages, int testImages) {
    Double rate = rates.get(m.architecture());
    return rate == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(rate * m.epochs() * (trainImages + TEST_IMAGE_WEIGHT * testImages));
  }

  /**
   * A duration for people: "45 s", "12 min", "3 h 05 min".
   *
   * @param seconds the duration
   * @return the text
   */
  public static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 90) {
      return s + " s";
    }
    long min = Math.round(seconds / 60);
    return min < 90
        ? min + " min"
        : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("training rates:");
    rates.forEach(
        (a, r) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    " %s %.3g ms per image-epoch (%s);",
                    a.id(),
                    r * 1e3,
                    sources.get(a))));
    return sb.toString();
  }
}
