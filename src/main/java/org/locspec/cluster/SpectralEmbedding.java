package org.locspec.cluster;

import java.util.Objects;
import org.locspec.graph.NeuronGraph;
import smile.math.blas.Transpose;
import smile.math.blas.UPLO;
import smile.math.matrix.ARPACK;
import smile.math.matrix.IMatrix;
import smile.math.matrix.Matrix;

/**
 * The normalized-Laplacian spectral embedding of a neuron graph: the {@code k} eigenvectors of
 * {@code D^-1/2 A D^-1/2} with the largest eigenvalues (the smallest of the normalized Laplacian
 * {@code I - D^-1/2 A D^-1/2}), each row divided by {@code sqrt(degree)}, each column's sign fixed
 * so that its entry of largest magnitude is positive. This is sklearn's {@code
 * spectral_embedding(norm_laplacian=True, drop_first=False)}.
 *
 * <p>Graphs of at most {@value #DENSE_LIMIT} nodes use a dense symmetric eigen-decomposition
 * (LAPACK). A larger graph whose edges all join layers of opposite parity (a layered network's
 * weight graph: every MLP and sequential CNN, and the windows of local clustering) is bipartite:
 * {@code S = [[0, C], [Cᵀ, 0]]}, whose eigenvalues are {@code ±σ} for the singular values {@code σ}
 * of {@code C}; when its smaller side has at most {@value #BIPARTITE_LIMIT} nodes, the k largest
 * come from the dense eigen-decomposition of {@code CᵀC} (BLAS and LAPACK), each eigenvector {@code
 * (Cv/σ, v)/√2} — for the papers' MLP a 522 × 522 problem instead of Lanczos on 1818 nodes, and
 * thread-safe. Other graphs use ARPACK (implicitly restarted Lanczos, through Smile and the
 * bytedeco natives) on the sparse matrix; ARPACK keeps internal state between calls and is not
 * thread-safe, so its calls are serialized.
 *
 * <p>References: von Luxburg, "A tutorial on spectral clustering" (2007); Ng, Jordan, Weiss, "On
 * spectral clustering: analysis and an algorithm" (NIPS 2001).
 */
public final class SpectralEmbedding {
  /** Graphs with at most this many nodes are decomposed densely. */
  public static final int DENSE_LIMIT = 400;

  /** Bipartite graphs whose smaller side has at most this many nodes use {@code CᵀC}. */
  public static final int BIPARTITE_LIMIT = 1500;

  /** Up to this many nodes a dense decomposition replaces a non-converging ARPACK run. */
  static final int DENSE_FALLBACK_LIMIT = 6000;

  private static final Object ARPACK_LOCK = new Object();

  private final int rows;
  private final int dim;
  private final double[] data;
  private final double[] eigenvalues;

  private SpectralEmbedding(int rows, int dim, double[] data, double[] eigenvalues) {
    this.rows = rows;
    this.dim = dim;
    this.data = data;
    this.eigenvalues = eigenvalues;
  }

  /**
   * Embeds a graph.
   *
   * @param graph the graph, with more than {@code k} nodes
   * @param k the embedding dimension (number of eigenvectors), {@code >= 1}
   * @param tolerance ARPACK's relative tolerance, e.g. 1e-8
   * @return the embedding
   */
  public static SpectralEmbedding of(NeuronGraph graph, int k, double tolerance) {
    Objects.requireNonNull(graph, "graph must not be null");
    return compute(graph, k, tolerance, graph.nodeCount() > DENSE_LIMIT);
  }

  /** Embeds with the chosen solver: ARPACK if {@code sparse}, else dense LAPACK. */
  static SpectralEmbedding compute(NeuronGraph graph, int k, double tolerance, boolean sparse) {
    int n = graph.nodeCount();
    if (k < 1 || k >= n) {
      throw new IllegalArgumentException(
          "k must be in [1, nodeCount) = [1, " + n + "), got " + k + "; use a smaller k");
    }
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = 1 / Math.sqrt(graph.degree(i));
    }
    double[] values = new double[k];
    double[] vectors = new double[n * k]; // row-major n x k
    boolean[] side = sparse && 2 * k + 1 < n ? bipartition(graph) : null;
    if (!sparse || 2 * k + 1 >= n) {
      dense(graph, scale, k, values, vectors);
    } else if (side != null) {
      bipartite(graph, scale, side, k, values, vectors);
    } else {
      sparse(graph, scale, k, tolerance, values, vectors);
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        vectors[i * k + c] *= scale[i];
      }
    }
    for (int c = 0; c < k; c++) {
      int arg = 0;
      double best = -1;
      for (int i = 0; i < n; i++) {
        double a = Math.abs(vectors[i * k + c]);
        if (a > best) {
          best = a;
          arg = i;
        }
      }
      if (vectors[arg * k + c] < 0) {
        for (int i = 0; i < n; i++) {
          vectors[i * k + c] = -vectors[i * k + c];
        }
      }
    }
    return new SpectralEmbedding(n, k, vectors, values);
  }

  private static void dense(
      NeuronGraph graph, double[] scale, int k, double[] values, double[] vectors) {
    int n = graph.nodeCount();
    double[][] m = new double[n][n];
    graph.forEachEntry((i, j, w) -> m[i][j] = scale[i] * w * scale[j]);
    Matrix.EVD evd = Matrix.of(m).uplo(UPLO.LOWER).eigen(false, true, true);
    copyLargest(evd, k, values, vectors);
  }

  /**
   * The two sides of a graph whose edges all join layers of opposite parity ({@code true}: the
   * smaller side), or null if it is not such a graph or its smaller side is too large.
   */
  static boolean[] bipartition(NeuronGraph graph) {
    int n = graph.nodeCount();
    boolean[] odd = new boolean[n];
    int odds = 0;
    for (int i = 0; i < n; i++) {
      odd[i] = (graph.layerOf(i) & 1) == 1;
      odds += odd[i] ? 1 : 0;
    }
    boolean[] bipartite = {true};
    graph.forEachEntry((i, j, w) -> bipartite[0] &= odd[i] != odd[j]);
    int small = Math.min(odds, n - odds);
    if (!bipartite[0] || small > BIPARTITE_LIMIT || small <= 0) {
      return null;
    }
    if (odds * 2 > n) {
      for (int i = 0; i < n; i++) {
        odd[i] = !odd[i];
      }
    }
    return odd;
  }

  /**
   * The k largest eigenpairs of a bipartite {@code S = D^-1/2 A D^-1/2} from the dense
   * eigen-decomposition of {@code CᵀC}, {@code C} the block from the smaller side (columns) to the
   * larger (rows).
   */
  private static void bipartite(
      NeuronGraph graph,
      double[] scale,
      boolean[] small,
      int k,
      double[] values,
      double[] vectors) {
    int n = graph.nodeCount();
    int[] pos = new int[n];
    int rows = 0;
    int cols = 0;
    for (int i = 0; i < n; i++) {
      pos[i] = small[i] ? cols++ : rows++;
    }
    if (cols < k) {
      dense(graph, scale, k, values, vectors); // fewer than k positive singular values
      return;
    }
    Matrix c = new Matrix(rows, cols);
    graph.forEachEntry(
        (i, j, w) -> {
          if (!small[i]) {
            c.set(pos[i], pos[j], scale[i] * w * scale[j]);
          }
        });
    double[][] top = largest(c.ata(), cols, k);
    double[] v = new double[cols];
    double[] u = new double[rows];
    double half = Math.sqrt(0.5);
    for (int t = 0; t < k; t++) {
      double sigma = Math.sqrt(Math.max(top[0][t], 0));
      values[t] = sigma;
      System.arraycopy(top[1], t * cols, v, 0, cols);
      c.mv(smile.math.blas.Transpose.NO_TRANSPOSE, sigma > 0 ? 1 / sigma : 0, v, 0, u);
      for (int i = 0; i < n; i++) {
        vectors[i * k + t] = half * (small[i] ? v[pos[i]] : u[pos[i]]);
      }
    }
  }

  /**
   * The k largest eigenvalues (largest first) and their eigenvectors (each contiguous) of a dense
   * symmetric matrix, from LAPACK's {@code dsyevr} (only those k, by relatively robust
   * representations).
   */
  private static double[][] largest(Matrix m, int n, int k) {
    double[] a = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = j; i < n; i++) {
        a[j * n + i] = m.get(i, j); // column-major lower triangle
      }
    }
    double[] w = new double[n];
    double[] z = new double[n * k];
    int[] found = new int[1];
    int[] support = new int[2 * k];
    int info =
        org.bytedeco.openblas.global.openblas.LAPACKE_dsyevr(
            org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR,
            (byte) 'V',
            (byte) 'I',
            (byte) 'L',
            n,
            a,
            n,
            0,
            0,
            n - k + 1,
            n,
            0,
            found,
            w,
            z,
            n,
            support);
    if (info != 0 || found[0] != k) {
      throw new IllegalStateException(
          "LAPACK dsyevr failed (info " + info + ", " + found[0] + " of " + k + " eigenpairs)");
    }
    double[][] out = {new double[k], new double[n * k]};
    for (int t = 0; t < k; t++) {
      int src = k - 1 - t; // dsyevr returns ascending order
      out[0][t] = w[src];
      System.arraycopy(z, src * n, out[1], t * n, n);
    }
    return out;
  }

  private static void sparse(
      NeuronGraph graph, double[] scale, int k, double tol, double[] values, double[] vectors) {
    int n = graph.nodeCount();
    // 4k + 1 Lanczos vectors: fewer restarts on the clustered spectra of neuron graphs
    int ncv = Math.min(n - 1, Math.max(4 * k + 1, 20));
    IMatrix op = new NormalizedAdjacency(graph, scale);
    Matrix.EVD evd;
    try {
      synchronized (ARPACK_LOCK) {
        evd = ARPACK.syev(op, ARPACK.SymmOption.LA, k, ncv, tol);
      }
    } catch (IllegalStateException e) {
      if (n <= DENSE_FALLBACK_LIMIT) {
        dense(graph, scale, k, values, vectors); // ARPACK did not converge: solve exactly
        return;
      }
      throw new IllegalStateException(
          "ARPACK did not converge on "
              + graph
              + " ("
              + e.getMessage()
              + "); raise SpectralOptions.eigenTolerance (now "
              + tol
              + ")",
          e);
    }
    copyLargest(evd, k, values, vectors);
  }

  /** Copies the k algebraically largest eigenpairs, largest first (EVD.sort() orders otherwise). */
  private static void copyLargest(Matrix.EVD evd, int k, double[] values, double[] vectors) {
    int n = evd.Vr.nrow();
    Integer[] order = new Integer[evd.wr.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(evd.wr[b], evd.wr[a]));
    for (int c = 0; c < k; c++) {
      int src = order[c];
      values[c] = evd.wr[src];
      for (int i = 0; i < n; i++) {
        vectors[i * k + c] = evd.Vr.get(i, src);
      }
    }
  }

  /** The number of embedded nodes. */
  public int rows() {
    return rows;
  }

  /** The embedding dimension k. */
  public int dimension() {
    return dim;
  }

  /** The eigenvalues of {@code D^-1/2 A D^-1/2}, largest first (1 is the largest possible). */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /**
   * One coordinate.
   *
   * @param node a node
   * @param c a dimension in {@code [0, k)}
   * @return the coordinate
   */
  public double get(int node, int c) {
    return data[node * dim + c];
  }

  /** A copy of the row-major {@code rows x k} coordinates. */
  public double[] data() {
    return data.clone();
  }

  /** The coordinates, not copied; for this package. */
  double[] raw() {
    return data;
  }

  /** Size and leading eigenvalues. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("SpectralEmbedding[")
            .append(rows)
            .append(" nodes x ")
            .append(dim)
            .append(", eigenvalues");
    for (int c = 0; c < Math.min(dim, 4); c++) {
      sb.append(String.format(java.util.Locale.ROOT, " %.4f", eigenvalues[c]));
    }
    return sb.append(dim > 4 ? " ...]" : "]").toString();
  }

  /** {@code D^-1/2 A D^-1/2} as an operator for ARPACK's reverse communication. */
  private static final class NormalizedAdjacency extends IMatrix {
    private final NeuronGraph graph;
    private final double[] scale;

    NormalizedAdjacency(NeuronGraph graph, double[] scale) {
      this.graph = graph;
      this.scale = scale;
    }

    @Override
    public int nrow() {
      return graph.nodeCount();
    }

    @Override
    public int ncol() {
      return graph.nodeCount();
    }

    @Override
    public long size() {
      return 2 * graph.edgeCount();
    }

    @Override
    public void mv(Transpose trans, double alpha, double[] x, double beta, double[] y) {
      int n = graph.nodeCount();
      double[] t = new double[n];
      graph.multiply(scale, x, 0, t, 0);
      for (int i = 0; i < n; i++) {
        y[i] = alpha * t[i] + beta * y[i];
      }
    }

    @Override
    public void mv(double[] work, int inputOffset, int outputOffset) {
      graph.multiply(scale, work, inputOffset, work, outputOffset);
    }

    @Override
    public void tv(double[] work, int inputOffset, int outputOffset) {
      graph.multiply(scale, work, inputOffset, work, outputOffset);
    }
  }
}
