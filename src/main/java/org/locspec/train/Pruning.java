package org.locspec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.List;

/**
 * Magnitude pruning in the pruning epochs (see {@link PruningSchedule}): on the schedule's steps
 * every weight array's mask is recomputed at the schedule's sparsity, and after every optimizer
 * step the masks are applied again, so pruned weights stay exactly zero. The masks depend only on
 * the weights, so the same seed gives the same masks.
 *
 * <p>References: Zhu and Gupta, "To prune, or not to prune" (arXiv 1710.01878); TensorFlow Model
 * Optimization's {@code PolynomialDecay} and {@code prune_low_magnitude}, which the papers use.
 */
final class Pruning implements TrainingPart {
  private final NDManager manager;
  private final List<NDArray> weights;
  private final NDArray[] masks;
  private final PruningSchedule schedule;
  private final int firstEpoch;
  private final long endStep;
  private long step;

  /**
   * @param root the model's manager (the masks live in a sub-manager of it)
   * @param weights the weight arrays to prune
   * @param schedule the schedule
   * @param firstEpoch the first pruning epoch (the number of normal epochs)
   * @param stepsPerEpoch optimizer steps per epoch
   */
  Pruning(
      NDManager root,
      List<NDArray> weights,
      PruningSchedule schedule,
      int firstEpoch,
      int stepsPerEpoch) {
    this.manager = root.newSubManager();
    this.weights = List.copyOf(weights);
    this.masks = new NDArray[weights.size()];
    this.schedule = schedule;
    this.firstEpoch = firstEpoch;
    this.endStep = (long) schedule.epochs() * stepsPerEpoch;
  }

  @Override
  public void beforeStep(int epoch) {
    if (epoch < firstEpoch) {
      return;
    }
    if (schedule.updatesAt(step, endStep)) {
      updateMasks(schedule.sparsityAt(step, endStep));
    }
    step++;
  }

  @Override
  public void afterStep() {
    if (step > 0) {
      applyMasks();
    }
  }

  /** Recomputes every array's mask at the given sparsity and applies it. */
  private void updateMasks(double sparsity) {
    for (int i = 0; i < masks.length; i++) {
      NDArray w = weights.get(i);
      float[] mask = magnitudeMask(w.toFloatArray(), sparsity);
      if (masks[i] != null) {
        masks[i].close();
      }
      masks[i] = manager.create(mask, w.getShape());
    }
    applyMasks();
  }

  /** Multiplies each weight array by its mask, in place and outside autograd. */
  private void applyMasks() {
    boolean grad = JniUtils.isGradMode();
    if (grad) {
      JniUtils.setGradMode(false);
    }
    try {
      for (int i = 0; i < masks.length; i++) {
        weights.get(i).muli(masks[i]);
      }
    } finally {
      if (grad) {
        JniUtils.setGradMode(true);
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  /**
   * The magnitude mask of one weight array at a target sparsity, as TFMOT computes it: keep the
   * {@code k = max(1, round(size × (1 − sparsity)))} weights of largest magnitude, i.e. those whose
   * magnitude is at least the k-th largest (ties at the threshold are kept).
   *
   * @param w the weights, flat
   * @param sparsity the fraction to prune, in [0, 1)
   * @return 1 where kept, 0 where pruned
   */
  static float[] magnitudeMask(float[] w, double sparsity) {
    int n = w.length;
    float[] abs = new float[n];
    for (int i = 0; i < n; i++) {
      abs[i] = Math.abs(w[i]);
    }
    int k = (int) Math.max(1, Math.round(n * (1 - sparsity)));
    float[] sorted = abs.clone();
    Arrays.sort(sorted);
    float threshold = sorted[n - k];
    float[] mask = new float[n];
    for (int i = 0; i < n; i++) {
      mask[i] = abs[i] >= threshold ? 1f : 0f;
    }
    return mask;
  }

  /** The fraction of all the given weights that are exactly zero (NaN for none). */
  static double zeroFraction(List<NDArray> weights) {
    long zeros = 0;
    long total = 0;
    for (NDArray w : weights) {
      float[] a = w.toFloatArray();
      total += a.length;
      for (float v : a) {
        if (v == 0f) {
          zeros++;
        }
      }
    }
    return total == 0 ? Double.NaN : (double) zeros / total;
  }
}
