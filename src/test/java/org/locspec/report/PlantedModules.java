package org.locspec.report;

import java.util.List;
import java.util.Random;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;

/**
 * A network with three planted modules, for tests that must find them: 15 pixels in three blocks of
 * five, pixel u carrying noise plus 1 when block u / 5 is the label; two hidden layers of 15 units
 * that pass each block on within itself, and three outputs, one per block. Its weight graph is
 * three separate components; within a block, units share the label signal, so activations correlate
 * too.
 */
final class PlantedModules {
  static final int CLASSES = 3;
  static final int BLOCK = 5;
  static final int UNITS = CLASSES * BLOCK;

  private PlantedModules() {}

  /** The network; {@code scramble} replaces every weight by seeded noise (no modules). */
  static Network network(boolean scramble) {
    Random r = new Random(5);
    float[] w1 = new float[UNITS * UNITS];
    float[] w2 = new float[UNITS * UNITS];
    for (int u = 0; u < UNITS; u++) {
      for (int v = 0; v < UNITS; v++) {
        boolean same = u / BLOCK == v / BLOCK;
        w1[u * UNITS + v] = scramble ? (float) r.nextGaussian() : (u == v ? 1f : 0f);
        w2[u * UNITS + v] = scramble ? (float) r.nextGaussian() : (same ? 1f / BLOCK : 0f);
      }
    }
    float[] out = new float[CLASSES * UNITS];
    for (int u = 0; u < UNITS; u++) {
      for (int c = 0; c < CLASSES; c++) {
        out[c * UNITS + u] = scramble ? (float) r.nextGaussian() : (u / BLOCK == c ? 1f : 0f);
      }
    }
    return Network.of(
        scramble ? "scrambled" : "planted",
        new long[] {1, CLASSES, BLOCK},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", UNITS, UNITS, w1, new float[UNITS]),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", UNITS, UNITS, w2, new float[UNITS]),
            new Layer.Relu("relu2"),
            new Layer.Dense("dense3", UNITS, CLASSES, out, new float[CLASSES])));
  }

  /** {@code n} seeded images whose labels cycle through the classes. */
  static ImageDataset data(String name, int n, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * UNITS];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES;
      for (int u = 0; u < UNITS; u++) {
        px[i * UNITS + u] = (float) (0.5 * r.nextGaussian() + (u / BLOCK == labels[i] ? 1 : 0));
      }
    }
    return ImageDataset.of(name, 1, CLASSES, BLOCK, px, labels, List.of("A", "B", "C"));
  }
}
