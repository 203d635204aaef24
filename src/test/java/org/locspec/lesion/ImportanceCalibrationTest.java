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

/**
 * Null calibration: "sub-clusters" drawn at random from a layer are exchangeable with their random
 * baselines, so their p-values must be uniform and the rejection rate at α = 0.05 must be 5%.
 *
 * <p>Every check has a false-alarm rate of {@value #FALSE_ALARM} under a calibrated test (a
 * binomial interval over the number of tests, a KS threshold), so that the checks hold for any seed
 * rather than for a seed chosen after another failed; with 300–1000 tests they still catch a
 * rejection rate a few points off 5%.
 */
class ImportanceCalibrationTest {
  private static final int TESTS = 1000;
  private static final int DRAWS = 19;
  private static final double FALSE_ALARM = 1e-3;

  /** The central binomial interval of rejections at 0.05 among {@code n} calibrated tests. */
  private static int[] interval(int n) {
    BinomialDistribution b = new BinomialDistribution(n, 0.05);
    return new int[] {
      b.inverseCumulativeProbability(FALSE_ALARM / 2),
      b.inverseCumulativeProbability(1 - FALSE_ALARM / 2)
    };
  }

  private static List<SubCluster> randomSubClusters(int count, int units, long seed) {
    Random r = new Random(seed);
    List<SubCluster> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int size = 2 + r.nextInt(5);
      int[] pool = new int[units];
      for (int u = 0; u < units; u++) {
        pool[u] = u;
      }
      int[] set = new int[size];
      for (int k = 0; k < size; k++) {
        int j = k + r.nextInt(units - k);
        int t = pool[k];
        pool[k] = pool[j];
        pool[j] = t;
        set[k] = pool[k];
      }
      out.add(new SubCluster("dense1", i, set, units));
    }
    return out;
  }

  @Test
  void nullPValuesAreUniform() {
    try (Network net = TinyNets.shallowMlp(21)) {
      ImageDataset data = TinyNets.labelledBy(net, TinyNets.images(1000, 4, 22));
      ImportanceOptions o =
          ImportanceOptions.paper()
              .withDrawMode(RandomUnitSets.Mode.UNIFORM)
              .withRandomLesions(DRAWS)
              .withSeed(100);
      ImportanceResult r =
          ImportanceTest.run(
              net, data, randomSubClusters(TESTS, 32, 100), o, ProgressListener.none());
      double[] p = r.rows().stream().mapToDouble(SubClusterImportance::pMean).toArray();
      int rejected = 0;
      Random jitter = new Random(25);
      double[] randomized = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        rejected += p[i] <= 0.05 ? 1 : 0;
        // p = k/(n+1) minus U/(n+1) is exactly uniform on (0, 1) under the null (no ties).
        randomized[i] = p[i] - jitter.nextDouble() / (DRAWS + 1);
      }
      int[] ok = interval(TESTS);
      assertTrue(
          rejected >= ok[0] && rejected <= ok[1],
          "rejections at 0.05: "
              + rejected
              + " of "
              + TESTS
              + ", binomial interval ["
              + ok[0]
              + ", "
              + ok[1]
              + "] (false-alarm rate "
              + FALSE_ALARM
              + ")");
      double ks =
          new KolmogorovSmirnovTest()
              .kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), randomized);
      assertTrue(ks > FALSE_ALARM, "KS test of uniformity: p = " + ks);
      // No sub-cluster is special here, so a sound FDR procedure rarely rejects any.
      assertTrue(r.significantCount() <= 2, "BH rejections " + r.significantCount());
    }
  }

  @Test
  void nullRejectionRateWithPermutedLabels() {
    // One sub-cluster per run, so the tests are independent; each run draws its own permutations.
    try (Network net = TinyNets.shallowMlp(31)) {
      ImageDataset data = TinyNets.labelledBy(net, TinyNets.images(400, 4, 32));
      List<SubCluster> subs = randomSubClusters(300, 32, 33);
      double[] p = new double[subs.size()];
      for (int i = 0; i < subs.size(); i++) {
        ImportanceOptions o = ImportanceOptions.paper().withSeed(1000 + i);
        p[i] =
            ImportanceTest.run(net, data, List.of(subs.get(i)), o, ProgressListener.none())
                .rows()
                .get(0)
                .pMean();
      }
      int rejected = 0;
      for (double v : p) {
        rejected += v <= 0.05 ? 1 : 0;
      }
      int[] ok = interval(p.length);
      assertTrue(
          rejected >= ok[0] && rejected <= ok[1],
          "rejections at 0.05: "
              + rejected
              + " of "
              + p.length
              + ", interval ["
              + ok[0]
              + ", "
              + ok[1]
              + "] (false-alarm rate "
              + FALSE_ALARM
              + ")");
    }
  }
}
