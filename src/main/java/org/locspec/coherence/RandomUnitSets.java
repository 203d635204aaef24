package org.locspec.coherence;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.locspec.cluster.SubCluster;
import org.locspec.stats.Seeds;

/** Random same-size unit sets from a sub-cluster's layer: the null baseline of coherence. */
final class RandomUnitSets {
  private RandomUnitSets() {}

  /**
   * {@code n} uniformly random sets of {@code sc.size()} distinct units of the layer, each sorted
   * (equivalent to the paper's permuting of cluster labels within the layer).
   */
  static int[][] draw(SubCluster sc, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int total = sc.layerUnits();
    int k = sc.size();
    int[][] out = new int[n][];
    int[] perm = new int[total];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < total; i++) {
        perm[i] = i;
      }
      for (int i = 0; i < k; i++) {
        int j = i + r.nextInt(total - i);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      out[s] = Arrays.copyOf(perm, k);
      Arrays.sort(out[s]);
    }
    return out;
  }

  /** The seed of one purpose (1 = random sets, 2 = images) of one sub-cluster's analysis. */
  static long seedFor(long seed, SubCluster sc, long purpose, long index) {
    return Seeds.mix(seed, sc.layer().hashCode(), sc.cluster(), purpose, index);
  }
}
