package org.locspec.cluster;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.locspec.stats.Seeds;

/**
 * Lloyd's k-means with greedy k-means++ seeding and restarts, as in sklearn's {@code KMeans}
 * ({@code algorithm="lloyd"}): each restart seeds with k-means++ using {@code 2 + ln k} candidate
 * centres per step, iterates until the labels stop changing or the squared centre shift falls below
 * {@code tolerance x} the mean per-dimension variance, and re-seats empty clusters on the points
 * farthest from their centres. The run of least inertia wins (ties: the lowest restart). Lloyd's
 * iterations are accelerated with Hamerly's distance bounds, which skip distance computations
 * without changing the result.
 *
 * <p>Restart {@code r} is seeded with {@code Seeds.derive(seed, r)}, so the result does not depend
 * on how the restarts are spread over threads; they run in parallel.
 *
 * <p>References: Arthur and Vassilvitskii, "k-means++: the advantages of careful seeding" (SODA
 * 2007); Lloyd, "Least squares quantization in PCM" (1982); Hamerly, "Making k-means even faster"
 * (SDM 2010).
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

  /**
   * One restart: k-means++ seeding, then Lloyd iterations accelerated with Hamerly's bounds (an
   * exact acceleration: the same labels as plain Lloyd, fewer distance computations).
   */
  private static KMeans once(double[] x, int n, int d, int k, int maxIter, double tol, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Lloyd run = new Lloyd(x, n, d, k, kMeansPlusPlus(x, n, d, k, rng));
    int iter = 0;
    boolean strict = false;
    boolean first = true;
    while (iter < maxIter) {
      iter++;
      boolean changed = first || run.reassign();
      first = false;
      if (!changed) {
        strict = true;
        break;
      }
      boolean relocated = run.relocateAndTally();
      double shift = run.moveCenters();
      if (relocated) {
        fullAssign(x, n, d, k, run.centers, run.labels, run.upper, run.lower, null);
        first = true; // labels may have changed: do not stop on "unchanged" next time
      } else {
        run.loosenBounds();
      }
      if (shift <= tol) {
        break;
      }
    }
    return run.result(strict, iter);
  }

  /** The state of one restart's Lloyd iterations with Hamerly's bounds. */
  private static final class Lloyd {
    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final double[] centers;
    private final int[] labels;
    private final double[] upper; // >= distance to own centre
    private final double[] lower; // <= distance to every other centre
    private final double[] half; // half the distance to the nearest other centre
    private final double[] move;
    private final double[] sums;
    private final int[] count;
    private double maxMove;
    private int maxAt;
    private double secondMove;

    Lloyd(double[] x, int n, int d, int k, double[] centers) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.k = k;
      this.centers = centers;
      this.labels = new int[n];
      this.upper = new double[n];
      this.lower = new double[n];
      this.half = new double[k];
      this.move = new double[k];
      this.sums = new double[k * d];
      this.count = new int[k];
      fullAssign(x, n, d, k, centers, labels, upper, lower, null);
    }

    /** Reassigns the points whose bounds allow a closer centre; whether any label changed. */
    boolean reassign() {
      boolean changed = false;
      for (int j = 0; j < k; j++) {
        double m = Double.POSITIVE_INFINITY;
        for (int j2 = 0; j2 < k; j2++) {
          if (j2 != j) {
            m = Math.min(m, Math.sqrt(sqc(centers, j, j2, d)));
          }
        }
        half[j] = m / 2;
      }
      for (int i = 0; i < n; i++) {
        double m = Math.max(half[labels[i]], lower[i]);
        if (upper[i] <= m) {
          continue;
        }
        upper[i] = Math.sqrt(sqp(x, i, centers, labels[i], d));
        if (upper[i] <= m) {
          continue;
        }
        int old = labels[i];
        nearestTwo(x, i, d, k, centers, labels, upper, lower);
        if (labels[i] != old) {
          changed = true;
        }
      }
      return changed;
    }

    /** Sums and counts the points of each cluster, re-seating empty ones; whether any moved. */
    boolean relocateAndTally() {
      Arrays.fill(sums, 0);
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        int l = labels[i];
        count[l]++;
        for (int c = 0; c < d; c++) {
          sums[l * d + c] += x[i * d + c];
        }
      }
      return relocateEmpty(x, n, d, k, centers, labels, sums, count);
    }

    /** Moves every centre to its cluster's mean; the total squared shift. */
    double moveCenters() {
      double shift = 0;
      maxMove = 0;
      maxAt = -1;
      secondMove = 0;
      for (int j = 0; j < k; j++) {
        if (count[j] == 0) {
          move[j] = 0; // fewer distinct points than clusters: the centre stays
          continue;
        }
        double sq = 0;
        for (int c = 0; c < d; c++) {
          double v = sums[j * d + c] / count[j];
          double t = v - centers[j * d + c];
          sq += t * t;
          centers[j * d + c] = v;
        }
        shift += sq;
        move[j] = Math.sqrt(sq);
        if (move[j] > maxMove) {
          secondMove = maxMove;
          maxMove = move[j];
          maxAt = j;
        } else if (move[j] > secondMove) {
          secondMove = move[j];
        }
      }
      return shift;
    }

    /** Widens the bounds by how far the centres moved. */
    void loosenBounds() {
      for (int i = 0; i < n; i++) {
        upper[i] += move[labels[i]];
        lower[i] -= labels[i] == maxAt ? secondMove : maxMove;
      }
    }

    /** The run's result; exact distances unless the labels were already known to be stable. */
    KMeans result(boolean strict, int iter) {
      double[] dist = new double[n];
      if (!strict) {
        fullAssign(x, n, d, k, centers, labels, upper, lower, dist);
      } else {
        for (int i = 0; i < n; i++) {
          dist[i] = sqp(x, i, centers, labels[i], d);
        }
      }
      double inertia = 0;
      for (int i = 0; i < n; i++) {
        inertia += dist[i];
      }
      return new KMeans(k, labels, centers, inertia, iter);
    }
  }

  /** Exact nearest and second-nearest centres of every point; squared distances to dist. */
  private static void fullAssign(
      double[] x,
      int n,
      int d,
      int k,
      double[] centers,
      int[] labels,
      double[] upper,
      double[] lower,
      double[] dist) {
    for (int i = 0; i < n; i++) {
      nearestTwo(x, i, d, k, centers, labels, upper, lower);
      if (dist != null) {
        dist[i] = upper[i] * upper[i];
      }
    }
  }

  private static void nearestTwo(
      double[] x,
      int i,
      int d,
      int k,
      double[] centers,
      int[] labels,
      double[] upper,
      double[] lower) {
    double b1 = Double.POSITIVE_INFINITY;
    double b2 = Double.POSITIVE_INFINITY;
    int a1 = 0;
    for (int j = 0; j < k; j++) {
      double s = sqp(x, i, centers, j, d);
      if (s < b1) {
        b2 = b1;
        b1 = s;
        a1 = j;
      } else if (s < b2) {
        b2 = s;
      }
    }
    labels[i] = a1;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  }

  private static double sqp(double[] x, int i, double[] centers, int j, int d) {
    double s = 0;
    int xo = i * d;
    int co = j * d;
    for (int c = 0; c < d; c++) {
      double t = x[xo + c] - centers[co + c];
      s += t * t;
    }
    return s;
  }

  private static double sqc(double[] centers, int a, int b, int d) {
    double s = 0;
    for (int c = 0; c < d; c++) {
      double t = centers[a * d + c] - centers[b * d + c];
      s += t * t;
    }
    return s;
  }

  /**
   * Empty clusters take the points farthest from their centres (sklearn's rule).
   *
   * @return whether any point was moved
   */
  private static boolean relocateEmpty(
      double[] x, int n, int d, int k, double[] centers, int[] labels, double[] sums, int[] count) {
    int empty = 0;
    for (int j = 0; j < k; j++) {
      if (count[j] == 0) {
        empty++;
      }
    }
    if (empty == 0) {
      return false;
    }
    double[] dist = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      dist[i] = sqp(x, i, centers, labels[i], d);
    }
    Arrays.sort(order, (a, b) -> Double.compare(dist[b], dist[a]));
    int next = 0;
    boolean moved = false;
    for (int j = 0; j < k; j++) {
      if (count[j] > 0) {
        continue;
      }
      while (next < n && count[labels[order[next]]] <= 1) {
        next++;
      }
      if (next == n) {
        break;
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
      moved = true;
    }
    return moved;
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
        java.util.Locale.ROOT, "KMeans[k=%d, inertia=%.6g, iterations=%d]", k, inertia, iterations);
  }
}
