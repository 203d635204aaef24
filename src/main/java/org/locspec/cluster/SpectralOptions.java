package org.locspec.cluster;

/**
 * Settings of {@link SpectralClustering}. Use {@link #paper()} for the published configuration and
 * the {@code withX} methods to change one setting.
 *
 * @param k the number of clusters, {@code >= 2}
 * @param nInit k-means restarts on graphs of at most {@code largeGraph} nodes, {@code >= 1}
 * @param nInitLarge k-means restarts on larger graphs, {@code >= 1}
 * @param largeGraph the node count above which {@code nInitLarge} applies, {@code >= 0}
 * @param maxIter the most Lloyd iterations per k-means run, {@code >= 1}
 * @param tolerance k-means stops when the squared centre shift falls below this times the mean
 *     per-dimension variance of the embedding (sklearn's rule), {@code >= 0}
 * @param eigenTolerance ARPACK's relative tolerance on the eigenpairs, {@code > 0}
 * @param seed the random seed of the k-means initialisations
 */
public record SpectralOptions(
    int k,
    int nInit,
    int nInitLarge,
    int largeGraph,
    int maxIter,
    double tolerance,
    double eigenTolerance,
    long seed) {

  /** Validates the settings. */
  public SpectralOptions {
    if (k < 2) {
      throw new IllegalArgumentException("k must be >= 2, got " + k);
    }
    if (nInit < 1) {
      throw new IllegalArgumentException("nInit must be >= 1, got " + nInit);
    }
    if (nInitLarge < 1) {
      throw new IllegalArgumentException("nInitLarge must be >= 1, got " + nInitLarge);
    }
    if (largeGraph < 0) {
      throw new IllegalArgumentException("largeGraph must be >= 0, got " + largeGraph);
    }
    if (maxIter < 1) {
      throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }
    if (!(eigenTolerance > 0) || eigenTolerance >= 1) {
      throw new IllegalArgumentException("eigenTolerance must be in (0, 1), got " + eigenTolerance);
    }
  }

  /**
   * The papers' code: k = 12, 25 k-means restarts (100 above 2000 nodes), at most 300 Lloyd
   * iterations, k-means tolerance 1e-4, seed 0.
   *
   * @return the options
   */
  public static SpectralOptions paper() {
    return new SpectralOptions(12, 25, 100, 2000, 300, 1e-4, 1e-8, 0L);
  }

  /**
   * The paper's options with another k: 16 for MLPs, CNNs and VGG in the second paper, 32 for
   * ImageNet models.
   *
   * @param k the number of clusters
   * @return the options
   */
  public static SpectralOptions paper(int k) {
    return paper().withK(k);
  }

  /** A copy with another number of clusters. */
  public SpectralOptions withK(int k) {
    return toBuilder().optK(k).build();
  }

  /** A copy with another seed. */
  public SpectralOptions withSeed(long seed) {
    return toBuilder().optSeed(seed).build();
  }

  /** A copy with the same number of k-means restarts for every graph size. */
  public SpectralOptions withNInit(int nInit) {
    return toBuilder().optNInit(nInit).optNInitLarge(nInit).build();
  }

  /** A copy with another ARPACK tolerance. */
  public SpectralOptions withEigenTolerance(double eigenTolerance) {
    return toBuilder().optEigenTolerance(eigenTolerance).build();
  }

  /**
   * A builder that starts from these options; {@link Builder#build()} validates.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link SpectralOptions} one setting at a time, starting from given options. */
  public static final class Builder {
    private int k;
    private int nInit;
    private int nInitLarge;
    private int largeGraph;
    private int maxIter;
    private double tolerance;
    private double eigenTolerance;
    private long seed;

    private Builder(SpectralOptions o) {
      k = o.k;
      nInit = o.nInit;
      nInitLarge = o.nInitLarge;
      largeGraph = o.largeGraph;
      maxIter = o.maxIter;
      tolerance = o.tolerance;
      eigenTolerance = o.eigenTolerance;
      seed = o.seed;
    }

    /** Sets the number of clusters. */
    public Builder optK(int value) {
      k = value;
      return this;
    }

    /** Sets the k-means restarts on graphs of at most {@code largeGraph} nodes. */
    public Builder optNInit(int value) {
      nInit = value;
      return this;
    }

    /** Sets the k-means restarts on larger graphs. */
    public Builder optNInitLarge(int value) {
      nInitLarge = value;
      return this;
    }

    /** Sets the node count above which {@code nInitLarge} applies. */
    public Builder optLargeGraph(int value) {
      largeGraph = value;
      return this;
    }

    /** Sets the most Lloyd iterations per k-means run. */
    public Builder optMaxIter(int value) {
      maxIter = value;
      return this;
    }

    /** Sets the k-means convergence tolerance. */
    public Builder optTolerance(double value) {
      tolerance = value;
      return this;
    }

    /** Sets ARPACK's relative tolerance. */
    public Builder optEigenTolerance(double value) {
      eigenTolerance = value;
      return this;
    }

    /** Sets the seed of the k-means initialisations. */
    public Builder optSeed(long value) {
      seed = value;
      return this;
    }

    /**
     * The options.
     *
     * @return validated options
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public SpectralOptions build() {
      return new SpectralOptions(
          k, nInit, nInitLarge, largeGraph, maxIter, tolerance, eigenTolerance, seed);
    }
  }

  /**
   * The number of k-means restarts for a graph.
   *
   * @param nodes the graph's node count
   * @return {@code nInit}, or {@code nInitLarge} above {@code largeGraph} nodes
   */
  public int restartsFor(int nodes) {
    return nodes > largeGraph ? nInitLarge : nInit;
  }
}
