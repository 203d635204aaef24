package org.locspec.coherence;

import java.util.Objects;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.stats.BenjaminiHochberg;
import org.locspec.stats.Discoveries;
import org.locspec.stats.SequentialMonteCarlo;

/**
 * Settings of the coherence analyses ({@link DatasetExamples} and {@link FeatureVisualization}).
 * {@link #defaults()} is LocSpec's: each sub-cluster and measure is decided by the sequential
 * Monte-Carlo test {@link SequentialMonteCarlo#defaults()} (stop after 10 random sets at least as
 * coherent, at most 999), so that Benjamini–Hochberg at q = 0.05 can find coherent sub-clusters
 * among up to 50 (smallest attainable p-value 0.001); at least the papers' 19 random sets are drawn
 * and their statistics reported beside it. {@link #paper()} gives the papers' settings (19 random
 * sets, one fixed test). Change one setting with a {@code withX(..)} method, several with {@link
 * #toBuilder()}.
 *
 * @param topK dataset examples per unit set (paper: 10), at least 1
 * @param randomSets the papers' random same-size unit sets per sub-cluster (19), at least 1: the
 *     papers' statistics (percentile, effect factor, combined p) use the first this many, every
 *     sub-cluster draws at least this many, and without a sequential test it is the fixed test's
 *     number of draws
 * @param drawMode how the random sets are drawn ({@link RandomUnitSets}; paper: permuted labels)
 * @param steps feature-visualization optimization steps (paper: 64), at least 1
 * @param learningRate Adam's learning rate for feature visualization (paper: 0.05), positive
 * @param parametrization how the visualized image is parametrized (paper: {@link
 *     Parametrization#FOURIER}, Lucid's default)
 * @param jitter the largest random circular shift, in pixels, applied to the image at each
 *     optimization step (0 = none; the paper's Lucid transforms pad, scale and rotate, which do not
 *     keep an MLP's fixed input size, so LocSpec offers shifts only)
 * @param l2 weight of the L2 penalty {@code Σ (pixel − 0.5)²} per image (0 = none)
 * @param tv weight of the total-variation penalty {@code Σ |neighbour differences|} per image (0 =
 *     none)
 * @param seed the seed of every random choice (random unit sets, initial noise, jitter)
 * @param batch images per forward pass: dataset images per capture batch, and unit sets optimized
 *     together in one batched feature visualization; at least 1
 * @param fdr the false discovery rate q of Benjamini–Hochberg over the sub-clusters (paper: 0.05),
 *     in (0, 1)
 * @param sequential if not null, the sequential Monte-Carlo test that decides each sub-cluster and
 *     measure (random sets are drawn until it stops); null for the fixed test with {@code
 *     randomSets} draws. {@link #test()} gives the test either way
 */
public record CoherenceOptions(
    int topK,
    int randomSets,
    RandomUnitSets.Mode drawMode,
    int steps,
    double learningRate,
    Parametrization parametrization,
    int jitter,
    double l2,
    double tv,
    long seed,
    int batch,
    double fdr,
    SequentialMonteCarlo sequential) {

  /** Validates every field; messages name the field, its value and the constraint. */
  public CoherenceOptions {
    Objects.requireNonNull(drawMode, "drawMode must not be null (PERMUTE_LABELS or UNIFORM)");
    Objects.requireNonNull(parametrization, "parametrization must not be null (PIXEL or FOURIER)");
    atLeast("topK", topK, 1);
    atLeast("randomSets", randomSets, 1);
    atLeast("steps", steps, 1);
    atLeast("jitter", jitter, 0);
    atLeast("batch", batch, 1);
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          "learningRate must be a positive finite number, got " + learningRate);
    }
    if (!(l2 >= 0 && Double.isFinite(l2))) {
      throw new IllegalArgumentException("l2 must be >= 0 and finite, got " + l2);
    }
    if (!(tv >= 0 && Double.isFinite(tv))) {
      throw new IllegalArgumentException("tv must be >= 0 and finite, got " + tv);
    }
    if (!(fdr > 0 && fdr < 1)) {
      throw new IllegalArgumentException("fdr must be in (0, 1), got " + fdr + " (paper: 0.05)");
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }

  /**
   * The paper's settings: top 10 examples, 19 random sets drawn by permuting cluster labels (one
   * fixed Monte-Carlo test), 64 Adam steps at learning rate 0.05, the Fourier parametrization, no
   * jitter or penalties, seed 0, batches of 400, Benjamini–Hochberg at q = 0.05.
   */
  public static CoherenceOptions paper() {
    return new CoherenceOptions(
        10,
        19,
        RandomUnitSets.Mode.PERMUTE_LABELS,
        64,
        0.05,
        Parametrization.FOURIER,
        0,
        0,
        0,
        0L,
        400,
        BenjaminiHochberg.DEFAULT_Q,
        null);
  }

  /**
   * LocSpec's settings: the papers' ({@link #paper()}) with the sequential test {@link
   * SequentialMonteCarlo#defaults()} (h = 10, at most 999 random sets per sub-cluster).
   */
  public static CoherenceOptions defaults() {
    return paper().withSequential(SequentialMonteCarlo.defaults());
  }

  /**
   * The test that decides each sub-cluster and measure: the sequential one if set, else the fixed
   * test with {@link #randomSets()} draws ({@link SequentialMonteCarlo#fixed}).
   */
  public SequentialMonteCarlo test() {
    return sequential != null ? sequential : SequentialMonteCarlo.fixed(randomSets);
  }

  /** The sampler of the random unit sets: the draw mode with the seed. */
  public RandomUnitSets unitSets() {
    return new RandomUnitSets(drawMode, seed);
  }

  /** A copy with another number of top examples. */
  public CoherenceOptions withTopK(int topK) {
    return toBuilder().optTopK(topK).build();
  }

  /**
   * A copy with another number of random sets per sub-cluster for the papers' statistics (and for
   * the fixed test when no sequential test is set).
   */
  public CoherenceOptions withRandomSets(int randomSets) {
    return toBuilder().optRandomSets(randomSets).build();
  }

  /** A copy with another way of drawing the random sets. */
  public CoherenceOptions withDrawMode(RandomUnitSets.Mode drawMode) {
    return toBuilder().optDrawMode(drawMode).build();
  }

  /** A copy with another number of optimization steps. */
  public CoherenceOptions withSteps(int steps) {
    return toBuilder().optSteps(steps).build();
  }

  /** A copy with another learning rate. */
  public CoherenceOptions withLearningRate(double learningRate) {
    return toBuilder().optLearningRate(learningRate).build();
  }

  /** A copy with another image parametrization. */
  public CoherenceOptions withParametrization(Parametrization parametrization) {
    return toBuilder().optParametrization(parametrization).build();
  }

  /** A copy with another jitter (largest shift in pixels; 0 = none). */
  public CoherenceOptions withJitter(int jitter) {
    return toBuilder().optJitter(jitter).build();
  }

  /** A copy with other L2 and total-variation penalty weights. */
  public CoherenceOptions withRegularization(double l2, double tv) {
    return toBuilder().optL2(l2).optTv(tv).build();
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
  public CoherenceOptions withSeed(long seed) {
    return toBuilder().optSeed(seed).build();
  }

  /** A copy with another batch size. */
  public CoherenceOptions withBatch(int batch) {
    return toBuilder().optBatch(batch).build();
  }

  /** A copy with another false discovery rate. */
  public CoherenceOptions withFdr(double q) {
    return toBuilder().optFdr(q).build();
  }

  /**
   * A copy that decides each sub-cluster by a sequential Monte-Carlo test ({@code null} for the
   * fixed test with {@link #randomSets()} draws, the papers').
   */
  public CoherenceOptions withSequential(SequentialMonteCarlo test) {
    return toBuilder().optSequential(test).build();
  }

  /**
   * A builder that starts from these options; {@link Builder#build()} validates.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link CoherenceOptions} one setting at a time, starting from given options. */
  public static final class Builder {
    private int topK;
    private int randomSets;
    private RandomUnitSets.Mode drawMode;
    private int steps;
    private double learningRate;
    private Parametrization parametrization;
    private int jitter;
    private double l2;
    private double tv;
    private long seed;
    private int batch;
    private double fdr;
    private SequentialMonteCarlo sequential;

    private Builder(CoherenceOptions o) {
      topK = o.topK;
      randomSets = o.randomSets;
      drawMode = o.drawMode;
      steps = o.steps;
      learningRate = o.learningRate;
      parametrization = o.parametrization;
      jitter = o.jitter;
      l2 = o.l2;
      tv = o.tv;
      seed = o.seed;
      batch = o.batch;
      fdr = o.fdr;
      sequential = o.sequential;
    }

    /** Sets the dataset examples per unit set. */
    public Builder optTopK(int value) {
      topK = value;
      return this;
    }

    /** Sets the random sets per sub-cluster. */
    public Builder optRandomSets(int value) {
      randomSets = value;
      return this;
    }

    /** Sets how the random sets are drawn. */
    public Builder optDrawMode(RandomUnitSets.Mode value) {
      drawMode = value;
      return this;
    }

    /** Sets the optimization steps. */
    public Builder optSteps(int value) {
      steps = value;
      return this;
    }

    /** Sets Adam's learning rate. */
    public Builder optLearningRate(double value) {
      learningRate = value;
      return this;
    }

    /** Sets the image parametrization. */
    public Builder optParametrization(Parametrization value) {
      parametrization = value;
      return this;
    }

    /** Sets the largest jitter shift in pixels. */
    public Builder optJitter(int value) {
      jitter = value;
      return this;
    }

    /** Sets the L2 penalty weight. */
    public Builder optL2(double value) {
      l2 = value;
      return this;
    }

    /** Sets the total-variation penalty weight. */
    public Builder optTv(double value) {
      tv = value;
      return this;
    }

    /** Sets the seed. */
    public Builder optSeed(long value) {
      seed = value;
      return this;
    }

    /** Sets the images per forward pass. */
    public Builder optBatch(int value) {
      batch = value;
      return this;
    }

    /** Sets the false discovery rate of Benjamini–Hochberg. */
    public Builder optFdr(double value) {
      fdr = value;
      return this;
    }

    /** Sets the sequential test, or null for the fixed test with {@code randomSets} draws. */
    public Builder optSequential(SequentialMonteCarlo value) {
      sequential = value;
      return this;
    }

    /**
     * The options.
     *
     * @return validated options
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public CoherenceOptions build() {
      return new CoherenceOptions(
          topK,
          randomSets,
          drawMode,
          steps,
          learningRate,
          parametrization,
          jitter,
          l2,
          tv,
          seed,
          batch,
          fdr,
          sequential);
    }
  }
}
