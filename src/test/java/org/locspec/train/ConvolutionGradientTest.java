package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.locspec.model.TorchEngine;

/**
 * Guards the engine setting that conv-net training depends on: libtorch 2.7.1's oneDNN AVX-512
 * convolution kernels return NaN weight gradients in about one backward pass in three on the AMD
 * EPYC CPUs of LocSpec's machines (measured 93 of 300); with {@code ONEDNN_MAX_CPU_ISA=AVX2}
 * (environment/runtime-env.sh, Surefire's environment) none do.
 */
class ConvolutionGradientTest {
  @Test
  void convolutionGradientsAreFinite() {
    int bad = 0;
    try (NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
      TorchEngine.get().setRandomSeed(1);
      NDArray w1 = m.randomNormal(0, 0.3f, new Shape(8, 1, 3, 3), DataType.FLOAT32);
      NDArray w2 = m.randomNormal(0, 0.3f, new Shape(8, 8, 3, 3), DataType.FLOAT32);
      NDArray w3 = m.randomNormal(0, 0.3f, new Shape(8, 8, 3, 3), DataType.FLOAT32);
      for (int step = 0; step < 60; step++) {
        try (NDManager b = m.newSubManager()) {
          NDArray a = w1.duplicate();
          NDArray c = w2.duplicate();
          NDArray d = w3.duplicate();
          a.setRequiresGradient(true);
          c.setRequiresGradient(true);
          d.setRequiresGradient(true);
          NDArray x = b.randomUniform(0, 1, new Shape(64, 1, 28, 28));
          try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
            NDArray h = Activation.relu(conv(x, a));
            h = Activation.relu(conv(h, c));
            gc.backward(conv(h, d).sum());
          }
          if (a.getGradient().isNaN().any().getBoolean()
              || c.getGradient().isNaN().any().getBoolean()) {
            bad++;
          }
          a.close();
          c.close();
          d.close();
        }
      }
    }
    assertEquals(
        0,
        bad,
        "backward passes with NaN gradients; is ONEDNN_MAX_CPU_ISA=AVX2 set"
            + " (environment/runtime-env.sh)?");
  }

  private static NDArray conv(NDArray x, NDArray w) {
    return Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
  }
}
