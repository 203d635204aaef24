package org.locspec.stats;

/**
 * The one place where LocSpec derives seeds: independent, reproducible seeds from a base seed and
 * an index or keys, so that sample {@code i} of a parallel computation gets the same seed whatever
 * thread runs it, and every random step of an analysis (a draw, a layer, a sub-cluster) gets its
 * own stream.
 *
 * <p>Both functions are built on SplitMix64's mixing step (Steele, Lea, Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014); {@link #derive} is the {@code index}-th output of
 * SplitMix64 started at {@code base}, {@link #mix} folds any number of keys into a seed.
 */
public final class Seeds {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long KEY_OFFSET = 0x632BE59BD9B4E019L;

  private Seeds() {}

  /**
   * The seed of the {@code index}-th sub-task of a task seeded with {@code base}: the {@code
   * index}-th output of SplitMix64 started at {@code base}.
   *
   * @param base the task's seed
   * @param index the sub-task's index
   * @return a well-mixed 64-bit seed
   */
  public static long derive(long base, long index) {
    return splitMix(base + GOLDEN_GAMMA * index);
  }

  /**
   * A seed derived from a base seed and any number of keys (e.g. a layer's hash, a cluster id, a
   * draw index, a purpose code), by SplitMix64 mixing of each key in turn.
   *
   * @param seed the base seed
   * @param keys the keys, in order
   * @return a well-mixed 64-bit seed
   */
  public static long mix(long seed, long... keys) {
    long h = seed;
    for (long k : keys) {
      h = splitMix(h ^ splitMix(k + KEY_OFFSET));
    }
    return splitMix(h);
  }

  private static long splitMix(long z) {
    z += GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
