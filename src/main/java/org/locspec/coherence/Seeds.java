package org.locspec.coherence;

import org.locspec.cluster.SubCluster;

/** Derives independent seeds from a base seed and keys (SplitMix64 mixing). */
final class Seeds {
  private Seeds() {}

  static long mix(long seed, long... keys) {
    long h = seed;
    for (long k : keys) {
      h = splitMix(h ^ splitMix(k + 0x632BE59BD9B4E019L));
    }
    return splitMix(h);
  }

  /** A seed for one purpose (e.g. 1 = random sets, 2 = images) of one sub-cluster. */
  static long of(long seed, SubCluster sc, long purpose, long index) {
    return mix(seed, sc.layer().hashCode(), sc.cluster(), purpose, index);
  }

  private static long splitMix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
