package org.locspec.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Null calibration checks for Monte-Carlo tests, with tolerances derived from the number of tests
 * and a stated false-alarm rate, so that a check holds for any seed rather than for a seed chosen
 * after another failed.
 *
 * <p>A calibrated test has {@code P(p ≤ a) = a} at every level {@code a} its p-values can take
 * (when the statistic has no ties); a valid one {@code P(p ≤ a) ≤ a}. Among {@code n} independent
 * null tests the number with {@code p ≤ a} is then Binomial(n, a) (or smaller). Each check below
 * splits its false-alarm rate evenly over its levels (Bonferroni), so the whole check fails by
 * chance with probability at most the stated rate.
 */
public final class NullCalibration {
  /** The false-alarm rate of one check, unless a test states another. */
  public static final double FALSE_ALARM = 1e-3;

  private NullCalibration() {}

  /**
   * The central binomial interval of the count of {@code p ≤ level} among {@code n} calibrated
   * tests, with probability {@code falseAlarm} of falling outside.
   *
   * @return {@code {low, high}}
   */
  public static int[] interval(int n, double level, double falseAlarm) {
    BinomialDistribution b = new BinomialDistribution(n, level);
    return new int[] {
      b.inverseCumulativeProbability(falseAlarm / 2),
      b.inverseCumulativeProbability(1 - falseAlarm / 2)
    };
  }

  /**
   * Asserts that, at each level, the count of p-values at most the level lies in its central
   * binomial interval (false-alarm rate {@code falseAlarm / levels.length} each).
   *
   * @param p independent null p-values
   * @param levels levels the test's p-values can take
   * @param falseAlarm the false-alarm rate of the whole check
   * @param what what was tested, for the message
   */
  public static void assertCalibrated(double[] p, double[] levels, double falseAlarm, String what) {
    for (double a : levels) {
      int count = count(p, a);
      int[] ok = interval(p.length, a, falseAlarm / levels.length);
      assertTrue(
          count >= ok[0] && count <= ok[1],
          what
              + ": "
              + count
              + " of "
              + p.length
              + " null p-values <= "
              + a
              + ", calibrated interval ["
              + ok[0]
              + ", "
              + ok[1]
              + "] (false-alarm rate "
              + falseAlarm
              + " over "
              + levels.length
              + " levels)");
    }
  }

  /**
   * Asserts validity only: at each level the count is at most the upper end of its interval (for
   * tests whose ties make them conservative).
   */
  public static void assertValid(double[] p, double[] levels, double falseAlarm, String what) {
    for (double a : levels) {
      int count = count(p, a);
      int high =
          new BinomialDistribution(p.length, a)
              .inverseCumulativeProbability(1 - falseAlarm / levels.length);
      assertTrue(
          count <= high,
          what
              + ": "
              + count
              + " of "
              + p.length
              + " null p-values <= "
              + a
              + ", a valid test"
              + " gives at most "
              + high
              + " (false-alarm rate "
              + falseAlarm
              + ")");
    }
  }

  private static int count(double[] p, double level) {
    int c = 0;
    for (double v : p) {
      c += v <= level + 1e-12 ? 1 : 0;
    }
    return c;
  }
}
