package org.locspec.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void fisherMatchesScipy() {
    // scipy.stats.combine_pvalues([0.01, 0.2, 0.5, 0.04, 0.9], method="fisher")
    //   -> statistic 20.46398323901633, pvalue 0.025157326204625748
    assertEquals(
        0.025157326204625748,
        CombinedTests.fisher(new double[] {0.01, 0.2, 0.5, 0.04, 0.9}),
        1e-12);
    assertEquals(1.0, CombinedTests.fisher(new double[] {1, 1, 1}), 1e-12);
    // Far in the tail 1 - cdf would underflow; Q(k, x/2) must not.
    // Two p-values of 1e-100: X/2 = 200 ln 10, so P = 1e-200 (1 + 200 ln 10).
    double tiny = CombinedTests.fisher(new double[] {1e-100, 1e-100});
    assertEquals(1e-200 * (1 + 200 * Math.log(10)), tiny, 1e-206);
  }

  @Test
  void batesMatchesIrwinHall() {
    // Exact values from the Irwin-Hall formula (computed with Python integers):
    // mean 0.2 of 3 -> 0.036; mean 0.5 of 4 -> 0.5; 0.05 of 10 -> 2.691144455467372e-10.
    assertEquals(0.036, CombinedTests.bates(new double[] {0.1, 0.3, 0.2}), 1e-12);
    assertEquals(0.5, CombinedTests.batesCdf(0.5, 4), 1e-12);
    assertEquals(2.691144455467372e-10, CombinedTests.batesCdf(0.05, 10), 1e-20);
    assertEquals(0.3, CombinedTests.batesCdf(0.3, 1), 1e-12);
    // Symmetric around 1/2 for many uniforms, where naive double sums lose all precision.
    assertEquals(1.0, CombinedTests.batesCdf(0.4, 60) + CombinedTests.batesCdf(0.6, 60), 1e-9);
  }

  @Test
  void benjaminiHochbergMatchesHandComputation() {
    // Sorted p: .001 .008 .039 .041 .042 .06 .074 .205 ; m = 8
    // raw p*m/rank: .008 .032 .104 .082 .0672 .08 .0846 .205 ; step-up minima:
    //               .008 .032 .0672 .0672 .0672 .08 .0846 .205
    double[] p = {0.041, 0.001, 0.205, 0.039, 0.008, 0.06, 0.042, 0.074};
    double[] q = BenjaminiHochberg.adjust(p);
    assertArrayEquals(
        new double[] {0.0672, 0.008, 0.205, 0.0672, 0.032, 0.08, 0.0672, 0.0845714285714},
        q,
        1e-10);
    assertArrayEquals(
        new boolean[] {false, true, false, false, true, false, false, false},
        BenjaminiHochberg.reject(p, 0.05));
    assertEquals(2, BenjaminiHochberg.countRejected(p, 0.05));
    assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.reject(p, 0));
  }

  @Test
  void monteCarloPValuesPercentilesAndZ() {
    double[] nulls = {0.80, 0.82, 0.85, 0.85, 0.90};
    assertEquals(1.0 / 6, MonteCarloPValue.of(0.70, nulls, MonteCarloPValue.Tail.LOWER), 1e-12);
    // Ties count as extreme: four nulls are <= 0.85, three are >= 0.85, two are < 0.85.
    assertEquals(5.0 / 6, MonteCarloPValue.of(0.85, nulls, MonteCarloPValue.Tail.LOWER), 1e-12);
    assertEquals(4.0 / 6, MonteCarloPValue.of(0.85, nulls, MonteCarloPValue.Tail.UPPER), 1e-12);
    assertEquals(3.0 / 6, MonteCarloPValue.percentile(0.85, nulls), 1e-12);
    assertEquals(1.0 / 6 - 1.0 / 12, MonteCarloPValue.midRank(1.0 / 6, 5), 1e-12);
    assertEquals((0.70 - 0.844) / 0.0378153408, MonteCarloPValue.zScore(0.70, nulls), 1e-6);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MonteCarloPValue.of(1, new double[0], MonteCarloPValue.Tail.LOWER));
    assertTrue(e.getMessage().contains("at least one null"));
  }

  @Test
  void monteCarloPValuesAreUniformUnderTheNull() {
    Random r = new Random(42);
    int tests = 2000;
    double[] p = new double[tests];
    int rejected = 0;
    for (int t = 0; t < tests; t++) {
      double[] nulls = new double[19];
      for (int i = 0; i < nulls.length; i++) {
        nulls[i] = r.nextGaussian();
      }
      p[t] = MonteCarloPValue.of(r.nextGaussian(), nulls, MonteCarloPValue.Tail.LOWER);
      rejected += p[t] <= 0.05 ? 1 : 0;
    }
    // With 19 draws, P(p <= 0.05) = 1/20 exactly; 2000 tests: binomial 95% interval [79, 121].
    assertTrue(rejected >= 79 && rejected <= 121, "rejections " + rejected);
    // Discrete p-values: compare with the discrete uniform on {1/20, ..., 20/20} via mid-ranks.
    double[] mid = new double[tests];
    for (int t = 0; t < tests; t++) {
      mid[t] = MonteCarloPValue.midRank(p[t], 19) + (r.nextDouble() - 0.5) / 20;
    }
    double ks =
        new KolmogorovSmirnovTest()
            .kolmogorovSmirnovTest(
                new org.apache.commons.math3.distribution.UniformRealDistribution(0, 1), mid);
    assertTrue(ks > 0.01, "KS p-value " + ks);
  }

  @Test
  void sequentialMonteCarloStopsEarlyWhenClearAndIsReproducible() {
    SequentialMonteCarlo smc = new SequentialMonteCarlo(10, 999);
    // Observed value in the middle of the null: stops after about 20 draws.
    SequentialMonteCarlo.Outcome mid =
        smc.test(0.0, MonteCarloPValue.Tail.LOWER, i -> new SplittableRandom(7 + i).nextGaussian());
    assertTrue(mid.draws() < 60, "draws " + mid.draws());
    assertEquals(10, mid.extreme());
    assertEquals(10.0 / mid.draws(), mid.pValue(), 1e-12);
    // Observed value far in the tail: runs to the maximum and resolves a small p-value.
    SequentialMonteCarlo.Outcome far =
        smc.test(
            -4.0, MonteCarloPValue.Tail.LOWER, i -> new SplittableRandom(7 + i).nextGaussian());
    assertEquals(999, far.draws());
    assertTrue(far.pValue() <= 0.002, "p " + far.pValue());
    SequentialMonteCarlo.Outcome again =
        smc.test(0.0, MonteCarloPValue.Tail.LOWER, i -> new SplittableRandom(7 + i).nextGaussian());
    assertArrayEquals(mid.nulls(), again.nulls());
    // Calibration: under the null, P(p <= 0.05) <= 0.05 (+ binomial slack) over 1000 tests.
    Random r = new Random(3);
    int rejected = 0;
    for (int t = 0; t < 1000; t++) {
      long seed = r.nextLong();
      double obs = r.nextGaussian();
      if (new SequentialMonteCarlo(5, 199)
              .test(
                  obs,
                  MonteCarloPValue.Tail.LOWER,
                  i -> new SplittableRandom(seed + i).nextGaussian())
              .pValue()
          <= 0.05) {
        rejected++;
      }
    }
    assertTrue(rejected >= 36 && rejected <= 64, "rejections " + rejected);
    assertThrows(IllegalArgumentException.class, () -> new SequentialMonteCarlo(0, 10));
  }
}
