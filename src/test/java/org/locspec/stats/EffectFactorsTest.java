package org.locspec.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EffectFactorsTest {
  @Test
  void locSpecEffectFactorStaysInItsRangeOrIsUndefined() {
    assertEquals(0.75, EffectFactors.lesion(0.3, 0.1), 1e-12);
    assertEquals(0.5, EffectFactors.lesion(0.2, 0.2), 1e-12);
    assertEquals(1.0, EffectFactors.lesion(0.2, 0), 0);
    assertEquals(0.0, EffectFactors.lesion(0, 0.2), 0);
    // The 6.3: the true lesion hurts (0.05), the random ones raise accuracy on average.
    assertTrue(Double.isNaN(EffectFactors.lesion(0.05, -0.042)));
    assertTrue(Double.isNaN(EffectFactors.lesion(-0.01, 0.02)));
    assertTrue(Double.isNaN(EffectFactors.lesion(0, 0)));
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      double f = EffectFactors.lesion(r.nextDouble(-0.1, 0.5), r.nextDouble(-0.1, 0.5));
      assertTrue(Double.isNaN(f) || (f >= 0 && f <= 1), "effect factor " + f);
    }
  }

  @Test
  void papersRatiosAsTheirCodeComputesThem() {
    // effect_factor_means = mean(random accuracies) / true accuracy: 1 = like random.
    assertEquals(0.85 / 0.6, EffectFactors.papersMeans(0.85, 0.6), 1e-12);
    assertEquals(1.0, EffectFactors.papersMeans(0.7, 0.7), 0);
    assertEquals(Double.POSITIVE_INFINITY, EffectFactors.papersMeans(0.8, 0));
    assertTrue(Double.isNaN(EffectFactors.papersMeans(0, 0)));
    // effect_factor_range = mean(random ranges) / true range: below 1 = more class-specific.
    assertEquals(0.5, EffectFactors.papersRange(2, 4), 0);
    assertEquals(Double.POSITIVE_INFINITY, EffectFactors.papersRange(2, 0));
    assertTrue(Double.isNaN(EffectFactors.papersRange(Double.NaN, 4)));
    // np.nanmean: NaN left out, infinity kept, NaN when nothing is defined.
    assertEquals(1.5, EffectFactors.nanMean(new double[] {1, Double.NaN, 2}), 0);
    assertEquals(
        Double.POSITIVE_INFINITY,
        EffectFactors.nanMean(new double[] {1, Double.POSITIVE_INFINITY}));
    assertTrue(Double.isNaN(EffectFactors.nanMean(new double[] {Double.NaN})));
  }

  @Test
  void seedDerivationIsUnchangedSplitMix64() {
    // SplitMix64's outputs: derive(0, 0) is its first output from state 0 (0xE220A8397B1DCDAF).
    assertEquals(0xE220A8397B1DCDAFL, Seeds.derive(0, 0));
    assertEquals(-3677692746721775708L, Seeds.derive(42, 7));
    assertEquals(-2814969192020637181L, Seeds.derive(-5, 3));
    assertEquals(Seeds.mix(3, 1, 2), Seeds.mix(3, 1, 2));
    assertNotEquals(Seeds.mix(3, 1, 2), Seeds.mix(3, 2, 1));
    assertNotEquals(Seeds.mix(3, 1), Seeds.mix(3, 1, 0));
  }

  @Test
  void permutationsAndSamplesAreUniformAndReproducible() {
    int[] p = Permutations.random(10, new SplittableRandom(4));
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    assertArrayEquals(p, Permutations.random(10, new SplittableRandom(4)));
    int[] firstPosition = new int[5];
    int[] inSample = new int[8];
    SplittableRandom r = new SplittableRandom(9);
    for (int t = 0; t < 20_000; t++) {
      firstPosition[Permutations.random(5, r)[0]]++;
      int[] s = Permutations.sample(8, 3, r);
      assertEquals(3, Arrays.stream(s).distinct().count());
      for (int v : s) {
        inSample[v]++;
      }
    }
    for (int c : firstPosition) {
      assertEquals(4000, c, 250);
    }
    for (int c : inSample) {
      assertEquals(20_000 * 3 / 8.0, c, 350);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Permutations.sample(3, 4, r));
    assertEquals("sample size must be in [0, 3], got 4", e.getMessage());
  }
}
