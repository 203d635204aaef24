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
 * <p>Large graphs use ARPACK (implicitly restarted Lanczos, through Smile and the bytedeco natives)
 * on the sparse matrix; graphs of at most {@value #DENSE_LIMIT} nodes use a dense symmetric
 * eigen-decomposition (LAPACK). ARPACK keeps internal state between calls and is not thread-safe,
 * so its calls are serialized.
 *
 * <p>References: von Luxburg, "A tutorial on spectral clustering" (2007); Ng, Jordan, Weiss, "On
 * spectral clustering: analysis and an algorithm" (NIPS 2001).
 */
public final class SpectralEmbedding {
  /** Graphs with at most this many nodes are decomposed densely. */
  public static final int DENSE_LIMIT = 400;

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
    if (!sparse || 2 * k + 1 >= n) {
      dense(graph, scale, k, values, vectors);
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
