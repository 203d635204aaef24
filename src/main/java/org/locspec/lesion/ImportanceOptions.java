package org.locspec.lesion;

import java.util.Objects;
import java.util.Optional;
import org.locspec.stats.BenjaminiHochberg;
import org.locspec.stats.SequentialMonteCarlo;

/**
 * Settings of the {@link ImportanceTest}.
 *
 * <p>{@link #paper()} gives the paper's configuration: 19 random lesions per sub-cluster, drawn by
 * permuting the cluster labels of the layer, and Benjamini–Hochberg at q = 0.05. Change one
 * setting with a {@code withX(..)} method:
 *
 * <pre>{@code
 * ImportanceOptions o = ImportanceOptions.paper().withSeed(7).withRandomLesions(99);
 * }</pre>
 *
 * @param randomLesions random same-size lesions per sub-cluster, {@code >= 1} (ignored when a
 *     sequential test is set: it decides how many)
 * @param drawMode how the random unit sets are drawn
 * @param seed the seed of every random draw; same seed, same result
 * @param batchSize images per forward pass of the network's prefix, {@code >= 1}
 * @param sequential if not null, draw random lesions until this sequential Monte-Carlo test
 *     decides (its {@link SequentialMonteCarlo.Outcome}) instead of a fixed number
 * @param fdr the false discovery rate for Benjamini–Hochberg over a network's sub-clusters, in
 *     (0, 1)
 * @param cacheBudgetBytes the most bytes of cached prefix activations per layer (see {@link
 *     LesionEngine}), {@code >= 1}
 */
public record ImportanceOptions(
    int randomLesions,
    DrawMode drawMode,
    long seed,
    int batchSize,
    SequentialMonteCarlo sequential,
    double fdr,
    long cacheBudgetBytes) {

  /** How the random same-size unit sets of the baseline are drawn. */
  public enum DrawMode {
    /**
     * The paper's: permute the units of the layer (equivalently its cluster labels) once per
     * draw; each sub-cluster's random set is the image of its units. Every random set is a
     * uniformly random set of the same size, and in one draw the sets of a layer's disjoint
     * sub-clusters are disjoint.
     */
    PERMUTE_LABELS,
    /** An independent uniformly random same-size set for every sub-cluster and draw. */
    UNIFORM
  }

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
      throw new IllegalArgumentException(
          "cacheBudgetBytes must be >= 1, got " + cacheBudgetBytes);
    }
  }

  /**
   * The paper's settings: 19 random lesions drawn by permuting cluster labels, seed 0, batches of
   * 1000 images, a fixed number of draws, q = 0.05, a 1 GiB activation cache.
   */
  public static ImportanceOptions paper() {
    return new ImportanceOptions(
        19,
        DrawMode.PERMUTE_LABELS,
        0L,
        1000,
        null,
        BenjaminiHochberg.DEFAULT_Q,
        LesionEngine.DEFAULT_CACHE_BUDGET_BYTES);
  }

  /** The sequential test, if one is set. */
  public Optional<SequentialMonteCarlo> sequentialTest() {
    return Optional.ofNullable(sequential);
  }

  /** A copy with {@code n} random lesions per sub-cluster. */
  public ImportanceOptions withRandomLesions(int n) {
    return new ImportanceOptions(n, drawMode, seed, batchSize, sequential, fdr, cacheBudgetBytes);
  }

  /** A copy with another draw mode. */
  public ImportanceOptions withDrawMode(DrawMode mode) {
    return new ImportanceOptions(
        randomLesions, mode, seed, batchSize, sequential, fdr, cacheBudgetBytes);
  }

  /** A copy with another seed. */
  public ImportanceOptions withSeed(long newSeed) {
    return new ImportanceOptions(
        randomLesions, drawMode, newSeed, batchSize, sequential, fdr, cacheBudgetBytes);
  }

  /** A copy with another batch size. */
  public ImportanceOptions withBatchSize(int images) {
    return new ImportanceOptions(
        randomLesions, drawMode, seed, images, sequential, fdr, cacheBudgetBytes);
  }

  /**
   * A copy that draws random lesions until a sequential Monte-Carlo test decides ({@code null}
   * for the fixed number {@link #randomLesions()}).
   */
  public ImportanceOptions withSequential(SequentialMonteCarlo test) {
    return new ImportanceOptions(randomLesions, drawMode, seed, batchSize, test, fdr, cacheBudgetBytes);
  }

  /** A copy with another false discovery rate. */
  public ImportanceOptions withFdr(double q) {
    return new ImportanceOptions(randomLesions, drawMode, seed, batchSize, sequential, q, cacheBudgetBytes);
  }

  /** A copy with another activation cache budget. */
  public ImportanceOptions withCacheBudgetBytes(long bytes) {
    return new ImportanceOptions(randomLesions, drawMode, seed, batchSize, sequential, fdr, bytes);
  }

  @Override
  public String toString() {
    return "ImportanceOptions["
        + (sequential == null
            ? randomLesions + " random lesions"
            : "sequential h=" + sequential.h() + ", ≤ " + sequential.maxDraws() + " draws")
        + ", " + drawMode + ", seed " + seed + ", batch " + batchSize + ", BH q=" + fdr + "]";
  }
}
