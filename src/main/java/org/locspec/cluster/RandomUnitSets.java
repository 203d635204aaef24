package org.locspec.cluster;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.locspec.stats.Permutations;
import org.locspec.stats.Seeds;

/**
 * The one sampler of "random same-size unit sets from the same layer": the null baseline of the
 * importance (lesion) test and of both coherence analyses. Draw {@code r} of a sub-cluster is a
 * function of the seed, the layer's name, {@code r} and (in {@link Mode#UNIFORM}) the sub-cluster's
 * cluster label only, so it is the same in every analysis, thread and run: with equal seeds,
 * importance and coherence test a sub-cluster against the same random sets.
 *
 * <pre>{@code
 * RandomUnitSets sampler = RandomUnitSets.paper(0);
 * int[] set = sampler.draw(subCluster, 3);          // the 4th random set, sorted
 * int[][] first19 = sampler.draws(subCluster, 19);
 * }</pre>
 *
 * <p>Reference: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), §3: random sets are drawn "by permuting cluster labels within the layer".
 *
 * @param mode how the sets are drawn
 * @param seed the seed of every draw
 */
public record RandomUnitSets(Mode mode, long seed) {
  private static final long PURPOSE = 0x5E75L;

  /** How random same-size unit sets are drawn. */
  public enum Mode {
    /**
     * The papers': draw {@code r} permutes the cluster labels of the layer (one permutation {@code
     * π} of its units per layer and draw), and a sub-cluster's random set is the set of units that
     * carry its label afterwards, {@code π(units)}. Each set is a uniformly random set of the same
     * size; in one draw the sets of a layer's disjoint sub-clusters are disjoint.
     */
    PERMUTE_LABELS,
    /**
     * An independent uniformly random same-size set for every sub-cluster and draw (the papers'
     * code re-permutes the labels for every sub-cluster, which draws sets this way).
     */
    UNIFORM
  }

  /** Validates the mode. */
  public RandomUnitSets {
    Objects.requireNonNull(
        mode, "mode must not be null; use PERMUTE_LABELS (the papers') or UNIFORM");
  }

  /**
   * The papers' sampler ({@link Mode#PERMUTE_LABELS}).
   *
   * @param seed the seed
   * @return the sampler
   */
  public static RandomUnitSets paper(long seed) {
    return new RandomUnitSets(Mode.PERMUTE_LABELS, seed);
  }

  /**
   * The {@code r}-th random set for a sub-cluster: {@code subCluster.size()} distinct units of its
   * layer ({@code [0, subCluster.layerUnits())}), sorted.
   *
   * @param subCluster the sub-cluster
   * @param r the draw's index, {@code >= 0}
   * @return the units, sorted
   */
  public int[] draw(SubCluster subCluster, int r) {
    Objects.requireNonNull(subCluster, "subCluster must not be null");
    if (r < 0) {
      throw new IllegalArgumentException("draw index must be >= 0, got " + r);
    }
    int n = subCluster.layerUnits();
    long layerKey = subCluster.layer().hashCode();
    int[] out;
    if (mode == Mode.PERMUTE_LABELS) {
      long s = Seeds.mix(seed, PURPOSE, layerKey, r);
      int[] pi = Permutations.random(n, new SplittableRandom(s));
      int[] members = subCluster.units();
      out = new int[members.length];
      for (int i = 0; i < members.length; i++) {
        out[i] = pi[members[i]];
      }
    } else {
      long s = Seeds.mix(seed, PURPOSE, layerKey, r, subCluster.cluster());
      out = Permutations.sample(n, subCluster.size(), new SplittableRandom(s));
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * The first {@code n} random sets for a sub-cluster, draws {@code 0 .. n-1}.
   *
   * @param subCluster the sub-cluster
   * @param n how many, {@code >= 0}
   * @return {@code n} sorted unit sets
   */
  public int[][] draws(SubCluster subCluster, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of draws must be >= 0, got " + n);
    }
    int[][] out = new int[n][];
    for (int r = 0; r < n; r++) {
      out[r] = draw(subCluster, r);
    }
    return out;
  }
}
