package org.locspec.lesion;

import java.util.Objects;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.stats.BenjaminiHochberg;
import org.locspec.stats.Discoveries;
import org.locspec.stats.SequentialMonteCarlo;
import org.locspec.viz.Format;

/**
 * Settings of the {@link ImportanceTest}.
 *
 * <p>{@link #defaults()} is LocSpec's configuration: each sub-cluster is decided by the sequential
 * Monte-Carlo test {@link SequentialMonteCarlo#defaults()} (stop after 10 random lesions at least
 * as harmful, at most 999), so that Benjamini–Hochberg at q = 0.05 can find important sub-clusters
 * among the 20–50 of a network (smallest attainable p-value 0.001 ≤ 0.05 / 50); at least the
 * papers' 19 random lesions are drawn, so the papers' statistics are reported beside it. {@link
 * #paper()} is the papers' configuration: 19 random lesions per sub-cluster, drawn by permuting the
 * cluster labels of the layer, one fixed Monte-Carlo test (smallest p-value 0.05, so BH at q = 0.05
 * can reject only if every sub-cluster reaches it), q = 0.05. Change one setting with a {@code
 * withX(..)} method, several with {@link #toBuilder()}:
 *
 * <pre>{@code
 * ImportanceOptions o = ImportanceOptions.defaults().withSeed(7);
 * ImportanceOptions p = ImportanceOptions.paper().withRandomLesions(99);
 * }</pre>
 *
 * @param randomLesions the papers' random lesions per sub-cluster, {@code >= 1} (19): the papers'
 *     statistics ({@code mean_percentile}, {@code range_percentile}, {@code effect_factor_means},
 *     {@code effect_factor_range}) use the first this many, every sub-cluster draws at least this
 *     many, and without a sequential test it is the fixed test's number of draws
 * @param drawMode how the random unit sets are drawn ({@link RandomUnitSets})
 * @param seed the seed of every random draw; same seed, same result
 * @param batchSize images per forward pass of the network's prefix, {@code >= 1}
 * @param sequential if not null, the sequential Monte-Carlo test that decides each sub-cluster
 *     (random lesions are drawn until it stops); null for the fixed test with {@code randomLesions}
 *     draws. {@link #test()} gives the test either way
 * @param fdr the false discovery rate q for Benjamini–Hochberg over a network's sub-clusters, in
 *     (0, 1)
 * @param cacheBudgetBytes the most bytes of cached prefix activations per layer (see {@link
 *     LesionEngine}), {@code >= 1}
 */
public record ImportanceOptions(
    int randomLesions,
    RandomUnitSets.Mode drawMode,
    long seed,
    int batchSize,
    SequentialMonteCarlo sequential,
    double fdr,
    long cacheBudgetBytes) {

  /** Validates the settings. */
  public ImportanceOptions {
    if (randomLesions < 1) {
      throw new IllegalArgumentException(
          "randomLesions must be >= 1, got " + randomLesions + " (the paper uses 19)");
    }
    Objects.requireNonNull(drawMode, "drawMode must not be null; use PERMUTE_LABELS or UNIFORM");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (!(fdr > 0 && fdr < 1)) {
      throw new IllegalArgumentException("fdr must be in (0, 1), got " + fdr + " (paper: 0.05)");
    }
    if (cacheBudgetBytes < 1) {
      throw new IllegalArgumentException("cacheBudgetBytes must be >= 1, got " + cacheBudgetBytes);
    }
  }

  /**
   * The paper's settings: 19 random lesions drawn by permuting cluster labels, seed 0, batches of
   * 1000 images, a fixed number of draws, q = 0.05, a 1 GiB activation cache.
   */
  public static ImportanceOptions paper() {
    return new ImportanceOptions(
        19,
        RandomUnitSets.Mode.PERMUTE_LABELS,
        0L,
        1000,
        null,
        BenjaminiHochberg.DEFAULT_Q,
        LesionEngine.DEFAULT_CACHE_BUDGET_BYTES);
  }

  /**
   * LocSpec's settings: the papers' ({@link #paper()}) with the sequential test {@link
   * SequentialMonteCarlo#defaults()} (h = 10, at most 999 random lesions per sub-cluster).
   */
  public static ImportanceOptions defaults() {
    return paper().withSequential(SequentialMonteCarlo.defaults());
  }

  /**
   * The test that decides each sub-cluster: the sequential one if set, else the fixed test with
   * {@link #randomLesions()} draws ({@link SequentialMonteCarlo#fixed}).
   */
  public SequentialMonteCarlo test() {
    return sequential != null ? sequential : SequentialMonteCarlo.fixed(randomLesions);
  }

  /** The sampler of the random lesions: the draw mode with the seed. */
  public RandomUnitSets unitSets() {
    return new RandomUnitSets(drawMode, seed);
  }

  /**
   * A copy with {@code n} random lesions per sub-cluster for the papers' statistics (and for the
   * fixed test when no sequential test is set).
   */
  public ImportanceOptions withRandomLesions(int n) {
    return toBuilder().optRandomLesions(n).build();
  }

  /** A copy with another draw mode. */
  public ImportanceOptions withDrawMode(RandomUnitSets.Mode mode) {
    return toBuilder().optDrawMode(mode).build();
  }

  /**
   * The discoveries of tests run with these options: their count, BH's rejections at {@link
   * #fdr()}, and the smallest p-value {@link #test()} can give.
   *
   * @param tests the number of tests (0 when nothing could be tested)
   * @param rejected how many BH rejected
   * @param draws the null draws made in total
   * @return the discoveries
   */
  public Discoveries discoveries(int tests, int rejected, long draws) {
    return new Discoveries(tests, rejected, fdr, test().smallestP(), draws);
  }

  /** A copy with another seed. */
  public ImportanceOptions withSeed(long newSeed) {
    return toBuilder().optSeed(newSeed).build();
  }

  /** A copy with another batch size. */
  public ImportanceOptions withBatchSize(int images) {
    return toBuilder().optBatchSize(images).build();
  }

  /**
   * A copy that decides each sub-cluster by a sequential Monte-Carlo test ({@code null} for the
   * fixed test with {@link #randomLesions()} draws, the papers').
   */
  public ImportanceOptions withSequential(SequentialMonteCarlo test) {
    return toBuilder().optSequential(test).build();
  }

  /** A copy with another false discovery rate. */
  public ImportanceOptions withFdr(double q) {
    return toBuilder().optFdr(q).build();
  }

  /** A copy with another activation cache budget. */
  public ImportanceOptions withCacheBudgetBytes(long bytes) {
    return toBuilder().optCacheBudgetBytes(bytes).build();
  }

  /**
   * A builder that starts from these options; {@link Builder#build()} validates.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** One line: the test, the papers' draws, draw mode, seed, batch and q. */
  @Override
  public String toString() {
    return "ImportanceOptions["
        + test()
        + (sequential == null ? "" : ", the papers' " + randomLesions + " random lesions beside it")
        + ", "
        + drawMode
        + ", seed "
        + seed
        + ", batch "
        + batchSize
        + ", BH q="
        + Format.number(fdr)
        + "]";
  }

  /** Builds {@link ImportanceOptions} one setting at a time, starting from given options. */
  public static final class Builder {
    private int randomLesions;
    private RandomUnitSets.Mode drawMode;
    private long seed;
    private int batchSize;
    private SequentialMonteCarlo sequential;
    private double fdr;
    private long cacheBudgetBytes;

    private Builder(ImportanceOptions o) {
      randomLesions = o.randomLesions;
      drawMode = o.drawMode;
      seed = o.seed;
      batchSize = o.batchSize;
      sequential = o.sequential;
      fdr = o.fdr;
      cacheBudgetBytes = o.cacheBudgetBytes;
    }

    /** Sets the number of random lesions per sub-cluster. */
    public Builder optRandomLesions(int value) {
      randomLesions = value;
      return this;
    }

    /** Sets how the random unit sets are drawn. */
    public Builder optDrawMode(RandomUnitSets.Mode value) {
      drawMode = value;
      return this;
    }

    /** Sets the seed. */
    public Builder optSeed(long value) {
      seed = value;
      return this;
    }

    /** Sets the images per forward pass. */
    public Builder optBatchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Sets the sequential test, or null for a fixed number of draws. */
    public Builder optSequential(SequentialMonteCarlo value) {
      sequential = value;
      return this;
    }

    /** Sets the false discovery rate of Benjamini–Hochberg. */
    public Builder optFdr(double value) {
      fdr = value;
      return this;
    }

    /** Sets the activation cache budget in bytes. */
    public Builder optCacheBudgetBytes(long value) {
      cacheBudgetBytes = value;
      return this;
    }

    /**
     * The options.
     *
     * @return validated options
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public ImportanceOptions build() {
      return new ImportanceOptions(
          randomLesions, drawMode, seed, batchSize, sequential, fdr, cacheBudgetBytes);
    }
  }
}
