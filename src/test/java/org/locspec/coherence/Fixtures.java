package org.locspec.coherence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;

/** Synthetic data and networks with known structure, for the coherence tests. */
final class Fixtures {
  static final int SIDE = 8;
  static final int PIXELS = SIDE * SIDE;
  static final int CLASSES = 10;
  static final int HIDDEN = 64;
  static final int TUNED_CLASS = 3;
  static final int[] TUNED_UNITS = {0, 1, 2, 3, 4};

  private Fixtures() {}

  /** Ten random class templates with pixel values in [0, 1]. */
  static float[][] templates(long seed) {
    Random r = new Random(seed);
    float[][] t = new float[CLASSES][PIXELS];
    for (float[] row : t) {
      for (int i = 0; i < PIXELS; i++) {
        row[i] = r.nextFloat();
      }
    }
    return t;
  }

  /**
   * {@code perClass} images per class, each {@code 0.4 · template + 0.6 · uniform noise}: the class
   * signal is weak against the noise, so units not tuned to a class see mixed classes.
   */
  static ImageDataset images(float[][] templates, int perClass, long seed) {
    Random r = new Random(seed);
    int n = perClass * CLASSES;
    float[] px = new float[n * PIXELS];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      labels[i] = c;
      for (int p = 0; p < PIXELS; p++) {
        px[i * PIXELS + p] = 0.4f * templates[c][p] + 0.6f * r.nextFloat();
      }
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      names.add("class" + c);
    }
    return ImageDataset.of("templates", 1, SIDE, SIDE, px, labels, names);
  }

  /**
   * An MLP 64 → 64 → 10. If {@code tuned}, units 0..4 of dense1 have the centred class-3 template
   * {@code (t − 0.5) / 4} as weights (each with a little noise), weak enough that one tuned unit
   * does not dominate a random set; every other weight is N(0, 1) / 8.
   */
  static Network mlp(float[][] templates, boolean tuned, long seed) {
    Random r = new Random(seed);
    float[] w1 = new float[HIDDEN * PIXELS];
    for (int u = 0; u < HIDDEN; u++) {
      for (int p = 0; p < PIXELS; p++) {
        boolean t = tuned && u < TUNED_UNITS.length;
        w1[u * PIXELS + p] =
            t
                ? 0.25f * (templates[TUNED_CLASS][p] - 0.5f) + (float) (0.005 * r.nextGaussian())
                : (float) (r.nextGaussian() / 8);
      }
    }
    float[] w2 = new float[CLASSES * HIDDEN];
    for (int i = 0; i < w2.length; i++) {
      w2[i] = (float) (r.nextGaussian() / 8);
    }
    return Network.of(
        tuned ? "tuned-mlp" : "random-mlp",
        new long[] {1, SIDE, SIDE},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", PIXELS, HIDDEN, w1, new float[HIDDEN]),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", HIDDEN, CLASSES, w2, new float[CLASSES])));
  }

  /** A CNN 1×8×8 → conv 3×3 (8 channels, padding 1) → ReLU → pool 2 → flatten → dense 10. */
  static Network cnn(long seed) {
    Random r = new Random(seed);
    float[] wc = new float[8 * 9];
    for (int i = 0; i < wc.length; i++) {
      wc[i] = (float) (r.nextGaussian() / 3);
    }
    float[] wd = new float[CLASSES * 8 * 4 * 4];
    for (int i = 0; i < wd.length; i++) {
      wd[i] = (float) (r.nextGaussian() / 10);
    }
    return Network.of(
        "tiny-cnn",
        new long[] {1, SIDE, SIDE},
        List.of(
            new Layer.Conv2d("conv1", 1, 8, 3, 3, 1, 1, wc, new float[8]),
            new Layer.Relu("relu1"),
            new Layer.MaxPool2d("pool1", 2, 2),
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 128, CLASSES, wd, new float[CLASSES])));
  }
}
