package org.locspec.stats;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Random permutations and random subsets by the Fisher–Yates shuffle, drawn from a {@link
 * SplittableRandom} (LocSpec's one random number generator type), so that the same generator state
 * gives the same draw.
 *
 * <p>Reference: R. Durstenfeld, "Algorithm 235: Random permutation", CACM 7 (1964).
 */
public final class Permutations {
  private Permutations() {}

  /**
   * A uniformly random permutation of {@code 0 .. n-1} (Fisher–Yates from the last position down).
   *
   * @param n the length, {@code >= 0}
   * @param rng the generator
   * @return the permutation
   */
  public static int[] random(int n, SplittableRandom rng) {
    int[] p = identity(n, rng);
    for (int i = n - 1; i > 0; i--) {
      swap(p, i, rng.nextInt(i + 1));
    }
    return p;
  }

  /**
   * {@code k} distinct values drawn uniformly from {@code 0 .. n-1}, in the order drawn (a partial
   * Fisher–Yates shuffle from the first position up).
   *
   * @param n the population size, {@code >= 0}
   * @param k the sample size, in {@code [0, n]}
   * @param rng the generator
   * @return the sample
   */
  public static int[] sample(int n, int k, SplittableRandom rng) {
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("sample size must be in [0, " + n + "], got " + k);
    }
    int[] pool = identity(n, rng);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      swap(pool, i, i + rng.nextInt(n - i));
      out[i] = pool[i];
    }
    return out;
  }

  private static int[] identity(int n, SplittableRandom rng) {
    Objects.requireNonNull(rng, "rng must not be null");
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
