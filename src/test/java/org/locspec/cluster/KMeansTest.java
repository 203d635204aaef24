package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.locspec.data.ImageDataset;
import org.locspec.stats.AdjustedRandIndex;

/** {@link KMeans} against optima known in closed form or found by enumerating every partition. */
class KMeansTest {

  /**
   * Planted clusters: around each centre c_j, 2d points c_j ± r_j e_i (i = 1..d), so the cluster's
   * mean is exactly c_j and its squared distances to it sum to 2d r_j². With centres 100 apart and
   * radii at most 3, the planted grouping is the optimum and its inertia is Σ_j 2d r_j².
   */
  @Test
  void findsPlantedClustersWithTheirClosedFormInertia() {
    int d = 3;
    double[][] centres = {{0, 0, 0}, {100, 0, 0}, {0, 100, 0}, {0, 0, 100}, {100, 100, 100}};
    double[] radii = {1, 2, 3, 0.5, 1.5};
    int k = centres.length;
    int n = k * 2 * d;
    double[] points = new double[n * d];
    int[] truth = new int[n];
    int[] order = ImageDataset.permutation(n, 42); // planted points in a shuffled order
    int p = 0;
    for (int j = 0; j < k; j++) {
      for (int axis = 0; axis < d; axis++) {
        for (int sign = -1; sign <= 1; sign += 2) {
          int at = order[p++];
          truth[at] = j;
          for (int c = 0; c < d; c++) {
            points[at * d + c] = centres[j][c] + (c == axis ? sign * radii[j] : 0);
          }
        }
      }
    }
    double optimum = 0;
    for (double r : radii) {
      optimum += 2 * d * r * r;
    }
    assertEquals(99, optimum, 1e-12); // 6 x (1 + 4 + 9 + 0.25 + 2.25)

    for (long seed = 0; seed < 5; seed++) {
      KMeans fit = KMeans.fit(points, d, k, 10, 300, 1e-4, seed);
      assertEquals(1.0, AdjustedRandIndex.of(truth, fit.labels()), 1e-12, "seed " + seed);
      assertEquals(optimum, fit.inertia(), 1e-9, "seed " + seed);
      double[] found = fit.centers();
      for (int i = 0; i < n; i++) {
        int j = truth[i];
        int label = fit.labels()[i];
        assertArrayEquals(
            centres[j], Arrays.copyOfRange(found, label * d, label * d + d), 1e-9, "seed " + seed);
      }
      assertEquals(k, fit.k());
    }
  }

  /**
   * Seven points in the plane, three clusters: the best of all 3^7 labellings (the optimum of the
   * k-means objective) is found by enumeration, and k-means with restarts must reach it.
   */
  @Test
  void reachesTheOptimumFoundByEnumeration() {
    double[] points = {0, 0, 1, 0.5, 0.2, 2, 4, 4, 5, 3.2, 4.4, 5.1, 9, 0.3};
    int d = 2;
    int n = points.length / d;
    int k = 3;
    int[] best = null;
    double optimum = Double.POSITIVE_INFINITY;
    int[] labels = new int[n];
    for (int code = 0; code < Math.pow(k, n); code++) {
      int rest = code;
      for (int i = 0; i < n; i++) {
        labels[i] = rest % k;
        rest /= k;
      }
      double sse = sse(points, d, k, labels);
      if (sse < optimum - 1e-12) {
        optimum = sse;
        best = labels.clone();
      }
    }
    assertTrue(optimum > 0 && optimum < 10, "optimum " + optimum);

    int stuck = 0;
    for (long seed = 0; seed < 1000; seed++) {
      double once = KMeans.fit(points, d, k, 1, 300, 0, seed).inertia();
      assertTrue(once >= optimum - 1e-9, "no labelling beats the enumerated optimum");
      stuck += once > optimum + 1e-9 ? 1 : 0;
    }
    assertTrue(stuck > 0, "some single runs end in a local optimum, so the restarts matter");

    KMeans fit = KMeans.fit(points, d, k, 25, 300, 0, 7);
    assertEquals(optimum, fit.inertia(), 1e-9);
    assertEquals(optimum, sse(points, d, k, fit.labels()), 1e-9);
    assertEquals(1.0, AdjustedRandIndex.of(best, fit.labels()), 1e-12);
  }

  @Test
  void sameSeedSameResultAndMoreRestartsNeverDoWorse() {
    double[] points = {0, 0, 1, 0.5, 0.2, 2, 4, 4, 5, 3.2, 4.4, 5.1, 9, 0.3};
    KMeans a = KMeans.fit(points, 2, 3, 8, 300, 1e-4, 3);
    KMeans b = KMeans.fit(points, 2, 3, 8, 300, 1e-4, 3);
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.inertia(), b.inertia());
    for (int restarts = 1; restarts < 8; restarts++) {
      // the first restarts are a prefix of the eight: more of them never do worse
      assertTrue(KMeans.fit(points, 2, 3, restarts, 300, 1e-4, 3).inertia() >= a.inertia());
    }
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    double[] points = {0, 0, 1, 1};
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(points, 2, 3, 1, 10, 0, 0))
            .getMessage()
            .startsWith("k must be in [1, 2]"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(points, 3, 1, 1, 10, 0, 0))
            .getMessage()
            .startsWith("d must be >= 1 and divide"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(points, 2, 1, 0, 10, 0, 0))
            .getMessage()
            .startsWith("nInit must be >= 1"));
  }

  /** Sum of squared distances to the cluster means; infinite when a cluster is empty. */
  private static double sse(double[] x, int d, int k, int[] labels) {
    double[] sums = new double[k * d];
    int[] counts = new int[k];
    for (int i = 0; i < labels.length; i++) {
      counts[labels[i]]++;
      for (int c = 0; c < d; c++) {
        sums[labels[i] * d + c] += x[i * d + c];
      }
    }
    for (int count : counts) {
      if (count == 0) {
        return Double.POSITIVE_INFINITY;
      }
    }
    double s = 0;
    for (int i = 0; i < labels.length; i++) {
      for (int c = 0; c < d; c++) {
        double t = x[i * d + c] - sums[labels[i] * d + c] / counts[labels[i]];
        s += t * t;
      }
    }
    return s;
  }
}
