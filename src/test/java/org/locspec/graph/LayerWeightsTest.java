package org.locspec.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerWeightsTest {

  static LayerWeights random(long seed, double zeroFraction) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] w1 = new float[20][30];
    float[][] w2 = new float[10][20];
    for (float[][] w : List.of(w1, w2)) {
      for (float[] row : w) {
        for (int j = 0; j < row.length; j++) {
          row[j] = r.nextDouble() < zeroFraction ? 0f : (float) r.nextGaussian();
        }
      }
    }
    return LayerWeights.ofDense(List.of("a", "b", "c"), List.of(w1, w2));
  }

  @Test
  void shufflingKeepsEachMatrixMultiset() {
    LayerWeights w = random(1, 0.3);
    for (ShuffleMode mode : ShuffleMode.values()) {
      LayerWeights s = w.shuffled(mode, 7);
      for (int i = 0; i < 2; i++) {
        float[] before = w.matrices().get(i).values();
        float[] after = s.matrices().get(i).values();
        assertNotEquals(Arrays.toString(before), Arrays.toString(after));
        Arrays.sort(before);
        Arrays.sort(after);
        assertArrayEquals(before, after, mode + " matrix " + i);
      }
    }
  }

  @Test
  void nonZeroShuffleKeepsTheZeroPattern() {
    LayerWeights w = random(2, 0.5);
    LayerWeights s = w.shuffled(ShuffleMode.NON_ZERO, 3);
    for (int i = 0; i < 2; i++) {
      float[] a = w.matrices().get(i).values();
      float[] b = s.matrices().get(i).values();
      for (int j = 0; j < a.length; j++) {
        assertEquals(a[j] == 0f, b[j] == 0f);
      }
    }
  }

  @Test
  void sameSeedSameShuffle() {
    LayerWeights w = random(3, 0);
    assertEquals(
        w.shuffled(ShuffleMode.ALL, 5).matrices(), w.shuffled(ShuffleMode.ALL, 5).matrices());
    assertNotEquals(
        w.shuffled(ShuffleMode.ALL, 5).matrices(), w.shuffled(ShuffleMode.ALL, 6).matrices());
  }
}
