package org.locspec.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConvKernelsTest {
  // out=2, in=2, 1x2 kernels, OIHW
  static final float[] K = {1, -2, 3, 4, 0, 0, -5, 12};

  @Test
  void channelAdjacencyL1AndL2() {
    WeightMatrix l1 = ConvKernels.channelAdjacency(K, 2, 2, 1, 2, Norm.L1);
    assertEquals(3, l1.get(0, 0));
    assertEquals(7, l1.get(0, 1));
    assertEquals(0, l1.get(1, 0));
    assertEquals(17, l1.get(1, 1));
    WeightMatrix l2 = ConvKernels.channelAdjacency(K, 2, 2, 1, 2, Norm.L2);
    assertEquals(5, l2.get(0, 1), 1e-6);
    assertEquals(13, l2.get(1, 1), 1e-6);
    assertThrows(
        IllegalArgumentException.class, () -> ConvKernels.channelAdjacency(K, 2, 2, 2, 2, Norm.L1));
  }

  @Test
  void batchNormFoldScalesOutputChannels() {
    float[] f = ConvKernels.foldBatchNorm(K, new float[] {2, -1}, new float[] {3, 0}, 1);
    assertEquals(1 * 2 / 2.0, f[0], 1e-6); // gamma 2 / sqrt(3 + 1)
    assertEquals(4 * 2 / 2.0, f[3], 1e-6);
    assertEquals(12 * -1 / 1.0, f[7], 1e-6); // gamma -1 / sqrt(0 + 1)
    assertThrows(
        IllegalArgumentException.class,
        () -> ConvKernels.foldBatchNorm(K, new float[] {1, 1, 1}, new float[] {1, 1, 1}, 1e-5));
  }
}
