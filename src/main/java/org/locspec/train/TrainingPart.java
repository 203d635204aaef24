package org.locspec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A part the training loop plugs in around every optimizer step: a loss term (the L1/L2 {@code
 * Penalty}) or work before and after the step (magnitude {@code Pruning}). Parts hold native memory
 * of their own at most until {@link #close()}.
 */
interface TrainingPart extends AutoCloseable {

  /**
   * Before the forward pass of a step.
   *
   * @param epoch the epoch, from 0
   */
  default void beforeStep(int epoch) {}

  /**
   * A term added to the step's loss, or null for none; its arrays must belong to {@code batch}.
   *
   * @param batch the step's manager, closed after the step
   */
  default NDArray lossTerm(NDManager batch) {
    return null;
  }

  /** After the optimizer step has updated the parameters. */
  default void afterStep() {}

  /** Frees what the part holds. */
  @Override
  default void close() {}
}
