package org.locspec.cluster;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.locspec.stats.Seeds;

/**
 * Lloyd's k-means with greedy k-means++ seeding and restarts, as in sklearn's {@code KMeans}
 * ({@code algorithm="lloyd"}): each restart seeds with k-means++ using {@code 2 + ln k} candidate
 * centres per step, iterates until the labels stop changing or the squared centre shift falls
 * below {@code tolerance x} the mean per-dimension variance, and re-seats empty clusters on the
 * points farthest from their centres. The run of least inertia wins (ties: the lowest restart).
 *
 * <p>Restart {@code r} is seeded with {@code Seeds.derive(seed, r)}, so the result does not depend
 * on how the restarts are spread over threads; they run in parallel.
 *
 * <p>References: Arthur and Vassilvitskii, "k-means++: the advantages of careful seeding" (SODA
 * 2007); Lloyd, "Least squares quantization in PCM" (1982).
 */
public final class KMeans {
  private final int k;
  private final int[] labels;
  private final double[] centers;
  private final double inertia;
  private final int iterations;

  private KMeans(int k, int[] labels, double[] centers, double inertia, int iterations) {
    this.k = k;
    this.labels = labels;
    this.centers = centers;
    this.inertia = inertia;
    this.iterations = iterations;
  }

  /**
   * Clusters points.
   *
   * @param data row-major {@code n x d} coordinates
   * @param d the dimension, {@code >= 1}
   * @param k the number of clusters, in {@code [1, n]}
   * @param nInit restarts, {@code >= 1}
   * @param maxIter the most Lloyd iterations per restart
   * @param tolerance relative tolerance on the centre shift (sklearn's {@code tol})
   * @param seed the random seed
   * @return the best of the restarts
   */
  public static KMeans fit(
      double[] data, int d, int k, int nInit, int maxIter, double tolerance, long seed) {
    Objects.requireNonNull(data, "data must not be null");
    if (d < 1 || data.length % d != 0) {
      throw new IllegalArgumentException(
          "d must be >= 1 and divide data.length " + data.length + ", got " + d);
    }
    int n = data.length / d;
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, " + n + "] (points), got " + k);
    }
    if (nInit < 1) {
      throw new IllegalArgumentException("nInit must be >= 1, got " + nInit);
    }
    double tol = tolerance * meanVariance(data, n, d);
    KMeans[] runs = new KMeans[nInit];
    IntStream.range(0, nInit)
        .parallel()
        .forEach(r -> runs[r] = once(data, n, d, k, maxIter, tol, Seeds.derive(seed, r)));
    KMeans best = runs[0];
    for (KMeans run : runs) {
      if (run.inertia < best.inertia) {
        best = run;
      }
    }
    return best;
  }

  private static double meanVariance(double[] x, int n, int d) {
    double total = 0;
    for (int c = 0; c < d; c++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += x[i * d + c];
      }
      m /= n;
      double v = 0;
      for (int i = 0; i < n; i++) {
        double t = x[i * d + c] - m;
        v += t * t;
      }
      total += v / n;
    }
    return total / d;
  }

  private static KMeans once(
      double[] x, int n, int d, int k, int maxIter, double tol, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] centers = kMeansPlusPlus(x, n, d, k, rng);
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    double[] dist = new double[n];
    double[] next = new double[k * d];
    int[] count = new int[k];
    int iter = 0;
    boolean strict = false;
    while (iter < maxIter) {
      iter++;
      boolean changed = assign(x, n, d, k, centers, labels, dist);
      if (!changed && iter > 1) {
        strict = true;
        break;
      }
      Arrays.fill(next, 0);
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        int l = labels[i];
        count[l]++;
        for (int c = 0; c < d; c++) {
          next[l * d + c] += x[i * d + c];
        }
      }
      relocateEmpty(x, n, d, k, labels, dist, next, count);
      double shift = 0;
      for (int j = 0; j < k; j++) {
        for (int c = 0; c < d; c++) {
          double v = next[j * d + c] / count[j];
          double t = v - centers[j * d + c];
          shift += t * t;
          centers[j * d + c] = v;
        }
      }
      if (shift <= tol) {
        break;
      }
    }
    if (!strict) {
      assign(x, n, d, k, centers, labels, dist);
    }
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      inertia += dist[i];
    }
    return new KMeans(k, labels, centers, inertia, iter);
  }

  /** Empty clusters take the points farthest from their centres (sklearn's rule). */
  private static void relocateEmpty(
      double[] x, int n, int d, int k, int[] labels, double[] dist, double[] sums, int[] count) {
    int empty = 0;
    for (int j = 0; j < k; j++) {
      if (count[j] == 0) {
        empty++;
      }
    }
    if (empty == 0) {
      return;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(dist[b], dist[a]));
    int next = 0;
    for (int j = 0; j < k; j++) {
      if (count[j] > 0) {
        continue;
      }
      while (next < n && count[labels[order[next]]] <= 1) {
        next++;
      }
      if (next == n) {
        return;
      }
      int p = order[next++];
      int old = labels[p];
      count[old]--;
      count[j] = 1;
      for (int c = 0; c < d; c++) {
        sums[old * d + c] -= x[p * d + c];
        sums[j * d + c] = x[p * d + c];
      }
      labels[p] = j;
      dist[p] = 0;
    }
  }

  /** Assigns each point to its nearest centre; returns whether any label changed. */
  private static boolean assign(
      double[] x, int n, int d, int k, double[] centers, int[] labels, double[] dist) {
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      int xo = i * d;
      for (int j = 0; j < k; j++) {
        int co = j * d;
        double s = 0;
        for (int c = 0; c < d; c++) {
          double t = x[xo + c] - centers[co + c];
          s += t * t;
        }
        if (s < bd) {
          bd = s;
          best = j;
        }
      }
      if (labels[i] != best) {
        labels[i] = best;
        changed = true;
      }
      dist[i] = bd;
    }
    return changed;
  }

  private static double[] kMeansPlusPlus(double[] x, int n, int d, int k, SplittableRandom rng) {
    double[] centers = new double[k * d];
    int trials = 2 + (int) Math.log(k);
    int first = rng.nextInt(n);
    System.arraycopy(x, first * d, centers, 0, d);
    double[] closest = new double[n];
    double pot = 0;
    for (int i = 0; i < n; i++) {
      closest[i] = sq(x, i, x, first, d);
      pot += closest[i];
    }
    double[] cum = new double[n];
    double[] cand = new double[n];
    double[] bestDist = new double[n];
    for (int c = 1; c < k; c++) {
      double acc = 0;
      for (int i = 0; i < n; i++) {
        acc += closest[i];
        cum[i] = acc;
      }
      int bestId = -1;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        int id;
        if (acc > 0) {
          double r = rng.nextDouble() * acc;
          id = Arrays.binarySearch(cum, r);
          id = id >= 0 ? id : -id - 1;
          id = Math.min(id, n - 1);
        } else {
          id = rng.nextInt(n);
        }
        double p = 0;
        for (int i = 0; i < n; i++) {
          cand[i] = Math.min(closest[i], sq(x, i, x, id, d));
          p += cand[i];
        }
        if (p < bestPot) {
          bestPot = p;
          bestId = id;
          System.arraycopy(cand, 0, bestDist, 0, n);
        }
      }
      System.arraycopy(x, bestId * d, centers, c * d, d);
      System.arraycopy(bestDist, 0, closest, 0, n);
    }
    return centers;
  }

  private static double sq(double[] a, int i, double[] b, int j, int d) {
    double s = 0;
    for (int c = 0; c < d; c++) {
      double t = a[i * d + c] - b[j * d + c];
      s += t * t;
    }
    return s;
  }

  /** The number of clusters. */
  public int k() {
    return k;
  }

  /** A copy of the labels, one per point, in {@code [0, k)}. */
  public int[] labels() {
    return labels.clone();
  }

  /** A copy of the row-major {@code k x d} centres. */
  public double[] centers() {
    return centers.clone();
  }

  /** The sum of squared distances of the points to their centres. */
  public double inertia() {
    return inertia;
  }

  /** The Lloyd iterations of the winning restart. */
  public int iterations() {
    return iterations;
  }

  /** k, inertia and iterations. */
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "KMeans[k=%d, inertia=%.6g, iterations=%d]",
        k,
        inertia,
        iterations);
  }
}
