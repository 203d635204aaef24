package org.locspec.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
    // 2000 independent replicates, each with its own seed; both checks have false-alarm rate
    // NullCalibration.FALSE_ALARM under a calibrated test.
    int tests = 2000;
    double[] p = new double[tests];
    double[] mid = new double[tests];
    for (int t = 0; t < tests; t++) {
      Random r = new Random(Seeds.derive(42, t));
      double[] nulls = new double[19];
      for (int i = 0; i < nulls.length; i++) {
        nulls[i] = r.nextGaussian();
      }
      p[t] = MonteCarloPValue.of(r.nextGaussian(), nulls, MonteCarloPValue.Tail.LOWER);
      // Discrete p-values k/20: spread over their bin, they are uniform on (0, 1).
      mid[t] = MonteCarloPValue.midRank(p[t], 19) + (r.nextDouble() - 0.5) / 20;
    }
    NullCalibration.assertCalibrated(
        p, new double[] {0.05, 0.25, 0.5}, NullCalibration.FALSE_ALARM, "19 draws");
    double ks =
        new KolmogorovSmirnovTest()
            .kolmogorovSmirnovTest(
                new org.apache.commons.math3.distribution.UniformRealDistribution(0, 1), mid);
    assertTrue(ks > NullCalibration.FALSE_ALARM, "KS p-value " + ks);
  }

  @Test
  void papersPercentilesAndCombinePs() {
    double[] nulls = {0.80, 0.82, 0.85, 0.85, 0.90};
    MonteCarloPValue.Tail lower = MonteCarloPValue.Tail.LOWER;
    MonteCarloPValue.Tail upper = MonteCarloPValue.Tail.UPPER;
    // compute_pvalue(x, arr, side): strict comparisons, low = extreme in either tail.
    assertEquals(3.0 / 6, MonteCarloPValue.percentile(0.85, nulls, lower), 1e-12);
    assertEquals(2.0 / 6, MonteCarloPValue.percentile(0.85, nulls, upper), 1e-12);
    assertEquals(1.0 / 6, MonteCarloPValue.percentile(0.95, nulls, upper), 1e-12);
    // NaN nulls count in n but are never beyond (numpy comparisons with NaN are false).
    double[] withNaN = {Double.NaN, 0.9};
    assertEquals(2.0 / 3, MonteCarloPValue.percentile(0.5, withNaN, upper), 1e-12);
    assertEquals(1.0 / 3, MonteCarloPValue.percentile(0.95, withNaN, upper), 1e-12);
    // combine_ps: scipy.stats.combine_pvalues([0.05 - 1/40, 0.5 - 1/40, 0.25 - 1/40]) of
    // percentiles from 19 draws.
    double[] pct = {0.05, 0.5, 0.25};
    double[] shifted = {0.05 - 1.0 / 40, 0.5 - 1.0 / 40, 0.25 - 1.0 / 40};
    assertEquals(CombinedTests.fisher(shifted), CombinedTests.combinePs(pct, 19), 1e-15);
  }
}
