package org.locspec.stats;

/**
 * Derives independent, reproducible seeds from a base seed and an index, so that sample {@code i}
 * of a parallel computation gets the same seed whatever thread runs it.
 *
 * <p>The mixing function is SplitMix64's finalizer (Steele, Lea, Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014).
 */
public final class Seeds {
  private Seeds() {}

  /**
   * The seed of the {@code index}-th sub-task of a task seeded with {@code base}.
   *
   * @param base the task's seed
   * @param index the sub-task's index
   * @return a well-mixed 64-bit seed
   */
  public static long derive(long base, long index) {
    long z = base + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A seed derived from a base seed and any number of keys (e.g. a layer's hash, a cluster id, a
   * purpose code), by SplitMix64 mixing of each key in turn.
   *
   * @param seed the base seed
   * @param keys the keys, in order
   * @return a well-mixed 64-bit seed
   */
  public static long mix(long seed, long... keys) {
    long h = seed;
    for (long k : keys) {
      h = splitMix(h ^ splitMix(k + 0x632BE59BD9B4E019L));
    }
    return splitMix(h);
  }

  private static long splitMix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
