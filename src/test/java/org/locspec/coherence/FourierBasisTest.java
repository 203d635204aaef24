package org.locspec.coherence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FourierBasisTest {
  /** irfft2(rfft2(x)) = x, with rfft2 computed naively here; even and odd sizes. */
  @Test
  void inverseOfANaiveRealDftRecoversTheImage() {
    for (int[] hw : new int[][] {{8, 8}, {6, 5}, {7, 10}}) {
      int h = hw[0];
      int w = hw[1];
      int wk = w / 2 + 1;
      Random r = new Random(h * 31 + w);
      float[] x = new float[h * w];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      float[] p = new float[2 * h * wk];
      for (int ky = 0; ky < h; ky++) {
        for (int kx = 0; kx < wk; kx++) {
          double re = 0;
          double im = 0;
          for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
              double a = -2 * Math.PI * ((double) ky * y / h + (double) kx * xx / w);
              re += x[y * w + xx] * Math.cos(a);
              im += x[y * w + xx] * Math.sin(a);
            }
          }
          p[ky * wk + kx] = (float) re;
          p[(h + ky) * wk + kx] = (float) im;
        }
      }
      try (NDManager m = NDManager.newBaseManager("PyTorch");
          FourierBasis f = new FourierBasis(m, h, w)) {
        NDArray back = f.irfft2(m.create(p, new Shape(1, 1, 2L * h, wk)));
        assertArrayEquals(x, back.toFloatArray(), 1e-4f, h + "×" + w);
      }
    }
  }

  /**
   * The image belongs to the parameters' manager, not the basis's: an optimization step's arrays
   * (image, activations, objective) are then freed with the step. Before, they piled up on the
   * basis until the whole batch ended: 6 GB for 120 CNN visualizations of 32 steps instead of 0.8.
   */
  @Test
  void imagesBelongToTheParametersManager() {
    try (NDManager base = NDManager.newBaseManager("PyTorch");
        FourierBasis basis = new FourierBasis(base, 6, 5)) {
      for (int step = 0; step < 3; step++) {
        try (NDManager cur = base.newSubManager()) {
          NDArray p = cur.ones(new Shape(2, 1, 12, 3));
          NDArray image = basis.image(p);
          assertSame(cur, image.getManager(), "image of step " + step);
          assertSame(cur, basis.irfft2(p).getManager(), "irfft2 of step " + step);
        }
      }
    }
  }
}
