package org.locspec.architecture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Inverted dropout written with plain array operations: in training, multiplies the input by a mask
 * of {@code 0} (probability {@code rate}) and {@code 1 / (1 − rate)} drawn from the engine's seeded
 * generator; in inference, the identity.
 *
 * <p>Why not DJL's {@code Dropout}: with DJL 0.36 and PyTorch 2.7 on the CPU, a backward pass
 * through it after a convolution gives NaN gradients to every earlier layer (measured here: all of
 * conv1's weight gradient is NaN after conv → ReLU → dropout → conv, also with the feature map
 * flattened first), while the mask product is exact.
 */
final class MaskDropout extends AbstractBlock {
  private final float rate;

  MaskDropout(float rate) {
    this.rate = rate;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (!training || rate == 0) {
      return new NDList(x);
    }
    NDArray keep =
        x.getManager()
            .randomUniform(0f, 1f, x.getShape())
            .gte(rate)
            .toType(DataType.FLOAT32, false)
            .div(1f - rate);
    return new NDList(x.mul(keep));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  public String toString() {
    return "MaskDropout(" + rate + ")";
  }
}
