package org.locspec.train;

import java.util.Locale;

/**
 * Magnitude pruning after normal training: for {@code epochs} more epochs, the weights (not the
 * biases) of every dense layer are pruned to a target sparsity that rises along a polynomial
 * schedule, as TensorFlow Model Optimization's {@code PolynomialDecay}:
 *
 * <pre>
 *   p(step)        = min(1, step / endStep)            (begin step 0, endStep = last pruning step)
 *   sparsity(step) = final + (initial − final) × (1 − p)^power
 * </pre>
 *
 * <p>The masks are recomputed at steps 0, {@code frequency}, 2 × {@code frequency}, … up to the end
 * step: in each layer the {@code round(size × (1 − sparsity))} weights of largest magnitude are
 * kept and the others set to zero. The mask is applied after every optimizer step, so pruned
 * weights stay exactly zero. Like TFMOT's, the last mask update is the last multiple of {@code
 * frequency} not past the end step, so the sparsity reached can be a little below {@code
 * finalSparsity} when the number of pruning steps is not a multiple of {@code frequency}.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), and Hod et
 * al. (arXiv 2110.08058): 20 more epochs, sparsity 0.5 → 0.9, TFMOT {@code PolynomialDecay} with
 * its default power 3 and, as the papers' code sets it ({@code pruning_config} in {@code
 * src/train_nn.py} of {@code dfilan/clusterability_in_neural_networks}: {@code begin_step = 0},
 * {@code frequency = 10}), masks updated every 10 steps. Zhu and Gupta, "To prune, or not to prune"
 * (arXiv 1710.01878) for the schedule.
 *
 * @param initialSparsity the fraction of each layer's weights pruned at the first pruning step, in
 *     [0, 1)
 * @param finalSparsity the fraction pruned at the end step, in [initialSparsity, 1)
 * @param epochs the number of pruning epochs after the normal training, {@code >= 1}
 * @param power the schedule's exponent, {@code >= 1}
 * @param frequency update the masks every this many steps, {@code >= 1}
 */
public record PruningSchedule(
    double initialSparsity, double finalSparsity, int epochs, double power, int frequency) {

  /** TFMOT's default mask update frequency, in steps. */
  public static final int DEFAULT_FREQUENCY = 100;

  /** The papers' mask update frequency, in steps (their code overrides TFMOT's default). */
  public static final int PAPER_FREQUENCY = 10;

  /** Validates the fields. */
  public PruningSchedule {
    if (!(initialSparsity >= 0 && initialSparsity < 1)) {
      throw new IllegalArgumentException(
          "initialSparsity must be in [0, 1), got " + initialSparsity);
    }
    if (!(finalSparsity >= initialSparsity && finalSparsity < 1)) {
      throw new IllegalArgumentException(
          "finalSparsity must be in [initialSparsity, 1) = ["
              + initialSparsity
              + ", 1), got "
              + finalSparsity);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("pruning epochs must be >= 1, got " + epochs);
    }
    if (!(power >= 1) || !Double.isFinite(power)) {
      throw new IllegalArgumentException("power must be a finite number >= 1, got " + power);
    }
    if (frequency < 1) {
      throw new IllegalArgumentException("frequency must be >= 1 step, got " + frequency);
    }
  }

  /** The papers' schedule: 20 epochs, sparsity 0.5 → 0.9, power 3, masks updated every 10 steps. */
  public static PruningSchedule paper() {
    return new PruningSchedule(0.5, 0.9, 20, 3, PAPER_FREQUENCY);
  }

  /** This schedule with another number of pruning epochs. */
  public PruningSchedule withEpochs(int n) {
    return new PruningSchedule(initialSparsity, finalSparsity, n, power, frequency);
  }

  /** This schedule with another mask update frequency, in steps. */
  public PruningSchedule withFrequency(int steps) {
    return new PruningSchedule(initialSparsity, finalSparsity, epochs, power, steps);
  }

  /** This schedule with other initial and final sparsities. */
  public PruningSchedule withSparsity(double initial, double fin) {
    return new PruningSchedule(initial, fin, epochs, power, frequency);
  }

  /**
   * The target sparsity at a pruning step.
   *
   * @param step the step, counted from 0 at the first pruning step
   * @param endStep the last pruning step (the schedule reaches {@code finalSparsity} there)
   * @return the fraction of weights to prune
   */
  public double sparsityAt(long step, long endStep) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    double p = endStep <= 0 ? 1 : Math.min(1.0, (double) step / endStep);
    return finalSparsity + (initialSparsity - finalSparsity) * Math.pow(1 - p, power);
  }

  /**
   * Whether the masks are recomputed at a step: {@code step} is a multiple of {@code frequency} and
   * not past the end step.
   *
   * @param step the step, from 0
   * @param endStep the last pruning step
   * @return true if the masks are updated at this step
   */
  public boolean updatesAt(long step, long endStep) {
    return step >= 0 && step <= endStep && step % frequency == 0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "magnitude pruning %d epoch%s, sparsity %s → %s (power %s, every %d steps)",
        epochs,
        epochs == 1 ? "" : "s",
        initialSparsity,
        finalSparsity,
        power,
        frequency);
  }
}
