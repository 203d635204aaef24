package org.locspec.lesion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.NullCalibration;
import org.locspec.stats.Seeds;
import org.locspec.stats.SequentialMonteCarlo;

/**
 * Null calibration over many seeds: "sub-clusters" drawn uniformly at random from a layer are
 * exchangeable with their random same-size baselines, so the importance test's p-values must be
 * calibrated, for the papers' 19 draws and for the sequential test.
 *
 * <p>Each check aggregates independent replicates from many seeds: {@value #NETS} networks (weights
 * and data seeded per network) with {@value #PER_NET} random sub-clusters each (own seed per
 * sub-cluster; independent uniform draws per sub-cluster, so the p-values are independent), or one
 * sub-cluster per run for the papers' permuted labels (whose draws are shared within a layer). The
 * tolerances come from {@link NullCalibration}: binomial intervals over the number of tests at a
 * false-alarm rate of {@value NullCalibration#FALSE_ALARM} per check, split over the levels
 * checked. No seed was chosen after another failed: the seeds are {@code Seeds.derive(base, i)} for
 * fixed bases.
 */
class ImportanceCalibrationTest {
  private static final int NETS = 10;
  private static final int PER_NET = 100;
  private static final int IMAGES = 1000;

  /** {@code count} uniformly random sets of 2–6 units of dense1 (32 units), each from its seed. */
  private static List<SubCluster> randomSubClusters(int count, int units, long base) {
    List<SubCluster> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Random r = new Random(Seeds.derive(base, i));
      int size = 2 + r.nextInt(5);
      SubCluster shape = new SubCluster("dense1", i, new int[size], units);
      int[] set = new RandomUnitSets(RandomUnitSets.Mode.UNIFORM, r.nextLong()).draw(shape, 0);
      out.add(new SubCluster("dense1", i, set, units));
    }
    return out;
  }

  /** The null p-values of every sub-cluster of every network, and per network its BH count. */
  private static double[] nullPValues(ImportanceOptions options, long base, int[] bhRejections) {
    double[] p = new double[NETS * PER_NET];
    for (int net = 0; net < NETS; net++) {
      long seed = Seeds.derive(base, net);
      try (Network n = TinyNets.shallowMlp(seed)) {
        ImageDataset data = TinyNets.labelledBy(n, TinyNets.images(IMAGES, 4, ~seed));
        ImportanceResult r =
            ImportanceTest.run(
                n,
                data,
                randomSubClusters(PER_NET, 32, seed),
                options.withDrawMode(RandomUnitSets.Mode.UNIFORM).withSeed(seed),
                ProgressListener.none());
        for (int i = 0; i < PER_NET; i++) {
          p[net * PER_NET + i] = r.rows().get(i).pMean();
        }
        bhRejections[net] = r.significantCount();
      }
    }
    return p;
  }

  /**
   * Under the global null BH at q = 0.05 rejects anything in a network with probability at most
   * 0.05: the networks with a rejection must not exceed the binomial bound.
   */
  private static void assertBenjaminiHochbergRarelyRejects(int[] rejections, String what) {
    int nets = 0;
    for (int r : rejections) {
      nets += r > 0 ? 1 : 0;
    }
    int high =
        new BinomialDistribution(NETS, 0.05)
            .inverseCumulativeProbability(1 - NullCalibration.FALSE_ALARM);
    assertTrue(
        nets <= high,
        what
            + ": BH rejected something in "
            + nets
            + " of "
            + NETS
            + " null networks; at most "
            + high
            + " expected (false-alarm rate "
            + NullCalibration.FALSE_ALARM
            + ")");
  }

  @Test
  void papersFixedTestIsCalibratedOverManySeeds() {
    int[] bh = new int[NETS];
    double[] p = nullPValues(ImportanceOptions.paper(), 1001, bh);
    NullCalibration.assertCalibrated(
        p, new double[] {0.05, 0.25, 0.5}, NullCalibration.FALSE_ALARM, "19 draws");
    // p = k/20 minus U/20 is exactly uniform on (0, 1) under the null (no ties).
    Random jitter = new Random(Seeds.derive(1001, -1));
    double[] randomized = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      randomized[i] = p[i] - jitter.nextDouble() / 20;
    }
    double ks =
        new KolmogorovSmirnovTest()
            .kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), randomized);
    assertTrue(ks > NullCalibration.FALSE_ALARM, "KS test of uniformity: p = " + ks);
    assertBenjaminiHochbergRarelyRejects(bh, "19 draws");
  }

  @Test
  void sequentialTestIsCalibratedOverManySeeds() {
    // The importance pipeline's sequential machinery (rounds of batched lesions, early stops, the
    // papers' 19 drawn beyond a stop) with h = 5 and at most 199 draws, which costs about what 19
    // draws cost; the default h = 10, 999 draws is calibrated in SequentialMonteCarloTest.
    int[] bh = new int[NETS];
    ImportanceOptions o =
        ImportanceOptions.defaults().withSequential(new SequentialMonteCarlo(5, 199));
    double[] p = nullPValues(o, 2002, bh);
    // The levels the test can take: (g + 1)/200 = 0.025 at the budget, 5/L = 0.05, 0.1, 0.5.
    NullCalibration.assertCalibrated(
        p, new double[] {0.025, 0.05, 0.1, 0.5}, NullCalibration.FALSE_ALARM, "sequential");
    assertBenjaminiHochbergRarelyRejects(bh, "sequential");
  }

  @Test
  void papersPermutedLabelsOverManySeeds() {
    // One sub-cluster per run: the permuted-label draws of one run are shared within a layer.
    try (Network net = TinyNets.shallowMlp(31)) {
      ImageDataset data = TinyNets.labelledBy(net, TinyNets.images(IMAGES, 4, 32));
      List<SubCluster> subs = randomSubClusters(200, 32, 3003);
      double[] p = new double[subs.size()];
      for (int i = 0; i < subs.size(); i++) {
        ImportanceOptions o = ImportanceOptions.paper().withSeed(Seeds.derive(3003, i));
        p[i] =
            ImportanceTest.run(net, data, List.of(subs.get(i)), o, ProgressListener.none())
                .rows()
                .get(0)
                .pMean();
      }
      NullCalibration.assertCalibrated(
          p, new double[] {0.05, 0.5}, NullCalibration.FALSE_ALARM, "permuted labels, 19 draws");
    }
  }
}
