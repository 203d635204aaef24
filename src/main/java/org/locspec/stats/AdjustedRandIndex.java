package org.locspec.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The adjusted Rand index of two partitions of the same items: 1 for identical partitions (up to
 * renaming of the labels), about 0 for independent random ones.
 *
 * <p>References: Hubert and Arabie, "Comparing partitions", Journal of Classification 2 (1985).
 */
public final class AdjustedRandIndex {
  private AdjustedRandIndex() {}

  /**
   * Computes the index.
   *
   * @param a one label per item
   * @param b one label per item, the same items in the same order
   * @return the adjusted Rand index, at most 1
   */
  public static double of(int[] a, int[] b) {
    Objects.requireNonNull(a, "a must not be null");
    Objects.requireNonNull(b, "b must not be null");
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "a and b must label the same items, got " + a.length + " and " + b.length + " labels");
    }
    int n = a.length;
    Map<Long, Integer> pairs = new HashMap<>();
    Map<Integer, Integer> ca = new HashMap<>();
    Map<Integer, Integer> cb = new HashMap<>();
    for (int i = 0; i < n; i++) {
      pairs.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1, Integer::sum);
      ca.merge(a[i], 1, Integer::sum);
      cb.merge(b[i], 1, Integer::sum);
    }
    double index = 0;
    for (int c : pairs.values()) {
      index += choose2(c);
    }
    double sa = 0;
    for (int c : ca.values()) {
      sa += choose2(c);
    }
    double sb = 0;
    for (int c : cb.values()) {
      sb += choose2(c);
    }
    double expected = sa * sb / choose2(n);
    double max = (sa + sb) / 2;
    if (max == expected) {
      return 1.0;
    }
    return (index - expected) / (max - expected);
  }

  private static double choose2(long c) {
    return c * (c - 1) / 2.0;
  }
}
