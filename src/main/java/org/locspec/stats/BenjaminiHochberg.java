package org.locspec.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini–Hochberg procedure: controls the false discovery rate when many sub-clusters are
 * tested at once.
 *
 * <p>Reference: Y. Benjamini, Y. Hochberg, "Controlling the false discovery rate: a practical and
 * powerful approach to multiple testing", J. R. Stat. Soc. B 57 (1995).
 */
public final class BenjaminiHochberg {
  /** The paper's false discovery rate. */
  public static final double DEFAULT_Q = 0.05;

  /** Relative slack when comparing adjusted p-values with q, for floating-point rounding. */
  private static final double TOLERANCE = 1e-12;

  private BenjaminiHochberg() {}

  /**
   * BH-adjusted p-values (q-values): {@code q_(i) = min_{j ≥ i} min(1, p_(j) m / j)}, returned in
   * the order of the input.
   *
   * @param p p-values in [0, 1]
   * @return the adjusted p-values
   */
  public static double[] adjust(double[] p) {
    int m = p.length;
    for (int i = 0; i < m; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], got " + p[i]);
      }
    }
    Integer[] order =
        IntStream.range(0, m)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> p[i]))
            .toArray(Integer[]::new);
    double[] q = new double[m];
    double running = 1;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, p[i] * m / rank);
      q[i] = Math.min(1, running);
    }
    return q;
  }

  /**
   * Which hypotheses are rejected at false discovery rate {@code q}: those whose adjusted p-value
   * is at most {@code q} (up to a relative rounding slack of 1e-12, so that a p-value exactly at
   * its threshold {@code q r / m} is rejected).
   *
   * @param p p-values
   * @param q the false discovery rate, in (0, 1)
   * @return {@code true} where rejected
   */
  public static boolean[] reject(double[] p, double q) {
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("false discovery rate q must be in (0, 1), got " + q);
    }
    double[] adj = adjust(p);
    boolean[] out = new boolean[p.length];
    for (int i = 0; i < p.length; i++) {
      // Relative slack for rounding in p·m/rank: m p-values all equal to q are rejected (0.05 ×
      // 3 / 3 is 0.05000000000000001 in floating point).
      out[i] = adj[i] <= q * (1 + TOLERANCE);
    }
    return out;
  }

  /** The number of rejections at false discovery rate {@code q}. */
  public static int countRejected(double[] p, double q) {
    boolean[] r = reject(p, q);
    int n = 0;
    for (boolean b : r) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
