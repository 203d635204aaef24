package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.model.TorchEngine;

/** Adam in Java on the tensors' memory: Adam's behaviour, zeroed gradients, flushed subnormals. */
class AdamUpdateTest {

  /** One step: the gradient of {@code Σ w × c}, which is {@code c}, then Adam. */
  static void step(NDArray w, NDArray c, AdamUpdate adam) {
    try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
      gc.backward(w.mul(c).sum());
    }
    adam.step();
  }

  @Test
  void aConstantGradientMovesEveryWeightByTheLearningRatePerStep() {
    try (NDManager m = TorchEngine.get().newBaseManager()) {
      float[] w0 = {1f, -2f, 3f, 0.25f};
      float[] c = {0.5f, -1f, 2f, -0.1f};
      NDArray w = m.create(w0);
      w.setRequiresGradient(true);
      NDArray cs = m.create(c);
      AdamUpdate adam = new AdamUpdate(List.of(w), 0.01f);
      for (int t = 1; t <= 10; t++) {
        step(w, cs, adam);
        // with bias correction m̂ = g and v̂ = g², so each step is lr × sign(g) (ε aside)
        float[] now = w.toFloatArray();
        for (int i = 0; i < w0.length; i++) {
          assertEquals(
              w0[i] - t * 0.01f * Math.signum(c[i]), now[i], 2e-6f, "w" + i + " step " + t);
        }
        // the gradient was consumed and zeroed
        try (NDArray g = w.getGradient()) {
          assertArrayEquals(new float[4], g.toFloatArray());
        }
      }
    }
  }

  @Test
  void subnormalWeightsAreFlushedToZeroEverySixtyFourSteps() {
    try (NDManager m = TorchEngine.get().newBaseManager()) {
      float[] w0 = {1e-40f, -3e-39f, 0.5f, 0f, Float.MIN_NORMAL};
      NDArray w = m.create(w0);
      w.setRequiresGradient(true);
      NDArray zero = m.zeros(w.getShape());
      AdamUpdate adam = new AdamUpdate(List.of(w), 1e-3f);
      for (int t = 1; t < AdamUpdate.FLUSH_EVERY; t++) {
        step(w, zero, adam);
      }
      // a zero gradient leaves every weight as it was, subnormal ones included
      assertArrayEquals(w0, w.toFloatArray());
      step(w, zero, adam);
      assertArrayEquals(new float[] {0f, 0f, 0.5f, 0f, Float.MIN_NORMAL}, w.toFloatArray());
    }
  }

  @Test
  void flushingKeepsNormalValuesInfinitiesAndNan() {
    float[] a = {1e-45f, -1e-38f, 1.5e-38f, -2f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NaN};
    AdamUpdate.flushSubnormals(a, 1, 7);
    assertArrayEquals(
        new float[] {1e-45f, 0f, 1.5e-38f, -2f, 0f, 0f, Float.POSITIVE_INFINITY, Float.NaN}, a);
  }
}
