package org.locspec.coherence;

import java.util.Objects;

/**
 * Settings of the coherence analyses ({@link DatasetExamples} and {@link FeatureVisualization}).
 * {@link #paper()} gives the paper's settings; change one with a {@code withX(..)} method.
 *
 * @param topK dataset examples per unit set (paper: 10), at least 1
 * @param randomSets random same-size unit sets per sub-cluster (paper: 19), at least 1
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
 */
public record CoherenceOptions(
    int topK,
    int randomSets,
    int steps,
    double learningRate,
    Parametrization parametrization,
    int jitter,
    double l2,
    double tv,
    long seed,
    int batch) {

  /** Validates every field; messages name the field, its value and the constraint. */
  public CoherenceOptions {
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
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }

  /**
   * The paper's settings: top 10 examples, 19 random sets, 64 Adam steps at learning rate 0.05, the
   * Fourier parametrization, no jitter or penalties, seed 0, batches of 400.
   */
  public static CoherenceOptions paper() {
    return new CoherenceOptions(10, 19, 64, 0.05, Parametrization.FOURIER, 0, 0, 0, 0L, 400);
  }

  /** A copy with another number of top examples. */
  public CoherenceOptions withTopK(int topK) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with another number of random sets per sub-cluster. */
  public CoherenceOptions withRandomSets(int randomSets) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with another number of optimization steps. */
  public CoherenceOptions withSteps(int steps) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with another learning rate. */
  public CoherenceOptions withLearningRate(double learningRate) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with another image parametrization. */
  public CoherenceOptions withParametrization(Parametrization parametrization) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with another jitter (largest shift in pixels; 0 = none). */
  public CoherenceOptions withJitter(int jitter) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with other L2 and total-variation penalty weights. */
  public CoherenceOptions withRegularization(double l2, double tv) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with another seed. */
  public CoherenceOptions withSeed(long seed) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }

  /** A copy with another batch size. */
  public CoherenceOptions withBatch(int batch) {
    return new CoherenceOptions(
        topK, randomSets, steps, learningRate, parametrization, jitter, l2, tv, seed, batch);
  }
}
