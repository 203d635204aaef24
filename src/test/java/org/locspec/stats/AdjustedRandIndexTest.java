package org.locspec.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {

  @Test
  void identicalUpToRenamingIsOne() {
    assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1, 2}, new int[] {5, 5, 3, 3, 9}));
  }

  @Test
  void knownValue() {
    // sklearn.metrics.adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
    assertEquals(
        0.5714285714285715,
        AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}),
        1e-12);
  }

  @Test
  void independentLabelsAreNearZero() {
    SplittableRandom r = new SplittableRandom(1);
    int[] a = new int[5000];
    int[] b = new int[5000];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextInt(4);
      b[i] = r.nextInt(4);
    }
    assertTrue(Math.abs(AdjustedRandIndex.of(a, b)) < 0.01);
  }

  @Test
  void baselineStats() {
    double[] s = {1, 2, 3, 4};
    assertEquals(3 / 5.0, MonteCarloPValue.percentile(2.5, s));
    assertEquals(1 / 5.0, MonteCarloPValue.percentile(0.5, s));
    assertEquals((1 - 2.5) / Math.sqrt(5 / 3.0), MonteCarloPValue.zScore(1, s), 1e-12);
  }
}
