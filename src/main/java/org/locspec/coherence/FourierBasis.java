package org.locspec.coherence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The inverse real 2-D DFT ({@code numpy.fft.irfft2}) as real matrix products, differentiable with
 * DJL's autograd (DJL's complex tensors are not), plus Lucid's 1/frequency spectrum scaling.
 *
 * <p>A half spectrum {@code X = A + iB} of shape {@code H × (W/2+1)} is stored as {@code P = [A;
 * B]} ({@code 2H × (W/2+1)}, real rows first). Then {@code Z = [[C_H, −S_H], [S_H, C_H]] P} is the
 * complex inverse DFT along the rows (real part on top), and {@code x = (Re Z · C_W − Im Z · S_W) /
 * (HW)} the real inverse DFT along the columns, where {@code C_W} and {@code S_W} weight the
 * non-edge frequencies twice (the imaginary parts of the DC and Nyquist columns are ignored, as by
 * {@code irfft}).
 */
final class FourierBasis implements AutoCloseable {
  private final int h;
  private final int w;
  private final int wk;
  private final NDManager manager;
  private final NDArray rows;
  private final NDArray cosCols;
  private final NDArray sinCols;
  private final NDArray scale;
  private final NDArray unitCosCols;
  private final NDArray unitSinCols;

  FourierBasis(NDManager parent, int h, int w) {
    this.h = h;
    this.w = w;
    this.wk = w / 2 + 1;
    this.manager = parent.newSubManager();
    float[] l = new float[4 * h * h];
    for (int y = 0; y < h; y++) {
      for (int k = 0; k < h; k++) {
        double a = 2 * Math.PI * ((long) k * y % h) / h;
        float c = (float) Math.cos(a);
        float s = (float) Math.sin(a);
        l[y * 2 * h + k] = c;
        l[y * 2 * h + h + k] = -s;
        l[(h + y) * 2 * h + k] = s;
        l[(h + y) * 2 * h + h + k] = c;
      }
    }
    this.rows = manager.create(l, new Shape(2L * h, 2L * h));
    // Lucid: scale = 1 / max(freq, 1 / max(h, w)) * sqrt(h w); image = irfft2(.) / 4.
    double lucid = Math.sqrt((double) h * w) / 4.0;
    this.cosCols = columns(true, lucid / ((double) h * w));
    this.sinCols = columns(false, lucid / ((double) h * w));
    this.unitCosCols = columns(true, 1.0 / ((double) h * w));
    this.unitSinCols = columns(false, 1.0 / ((double) h * w));
    float[] s = new float[2 * h * wk];
    double floor = 1.0 / Math.max(h, w);
    for (int ky = 0; ky < h; ky++) {
      double fy = (ky <= (h - 1) / 2 ? ky : ky - h) / (double) h;
      for (int kx = 0; kx < wk; kx++) {
        double fx = kx / (double) w;
        float v = (float) (1.0 / Math.max(Math.sqrt(fx * fx + fy * fy), floor));
        s[ky * wk + kx] = v;
        s[(h + ky) * wk + kx] = v;
      }
    }
    this.scale = manager.create(s, new Shape(2L * h, wk));
  }

  private NDArray columns(boolean cos, double factor) {
    float[] m = new float[wk * w];
    for (int k = 0; k < wk; k++) {
      double weight = (k == 0 || (w % 2 == 0 && k == w / 2)) ? 1 : 2;
      for (int x = 0; x < w; x++) {
        double a = 2 * Math.PI * ((long) k * x % w) / w;
        m[k * w + x] = (float) (factor * weight * (cos ? Math.cos(a) : Math.sin(a)));
      }
    }
    return manager.create(m, new Shape(wk, w));
  }

  /** The number of spectrum parameters per channel: {@code 2H · (W/2+1)}. */
  int parametersPerChannel() {
    return 2 * h * wk;
  }

  /** Lucid's image before the sigmoid: {@code irfft2(P · scale) · √(HW) / 4}; P is (…, 2H, Wk). */
  NDArray image(NDArray p) {
    return inverse(p.mul(scale), cosCols, sinCols);
  }

  /** Plain {@code irfft2} of a half spectrum stored as (…, 2H, Wk). */
  NDArray irfft2(NDArray p) {
    return inverse(p, unitCosCols, unitSinCols);
  }

  private NDArray inverse(NDArray p, NDArray cos, NDArray sin) {
    NDArray z = rows.matMul(p);
    // A result belongs to its first operand's manager, here the basis's: move it to p's, so that
    // the image and everything computed from it are freed with p's (e.g. an optimization step's)
    // manager instead of piling up until the basis is closed.
    z.attach(p.getManager());
    NDArray re = z.get("..., :" + h + ", :");
    NDArray im = z.get("..., " + h + ":, :");
    return re.matMul(cos).sub(im.matMul(sin));
  }

  @Override
  public void close() {
    manager.close();
  }
}
