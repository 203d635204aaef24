package org.locspec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The L1/L2 weight penalty {@code l1 × Σ|w| + l2 × Σ w²} over the weights of the dense and
 * convolution layers (not the biases), as Keras' {@code kernel_regularizer}.
 */
final class Penalty implements TrainingPart {
  private final List<NDArray> weights;
  private final NDArray[] attach;
  private final double l1;
  private final double l2;

  Penalty(List<NDArray> weights, double l1, double l2) {
    this.weights = List.copyOf(weights);
    this.attach = weights.toArray(new NDArray[0]);
    this.l1 = l1;
    this.l2 = l2;
  }

  @Override
  public NDArray lossTerm(NDManager batch) {
    // Results of operations on the weights belong to the weights' manager: attach the weights to
    // this batch's manager for now, so the penalty's arrays are freed with it.
    batch.tempAttachAll(attach);
    NDArray total = null;
    for (NDArray w : weights) {
      NDArray term = null;
      if (l1 > 0) {
        term = w.abs().sum().mul((float) l1);
      }
      if (l2 > 0) {
        NDArray sq = w.square().sum().mul((float) l2);
        term = term == null ? sq : term.add(sq);
      }
      total = total == null ? term : total.add(term);
    }
    return total;
  }
}
