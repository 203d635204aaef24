package org.locspec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Adam in Java on the parameters' own memory: one pass per parameter array that reads the weights
 * and the gradient through direct views of the tensors' storage, a cache-sized chunk at a time,
 * updates the moment estimates (kept in Java arrays) and writes the weights back, then zeroes the
 * gradient: the memory traffic of an update is about the least it can be (read w, g, m, v; write w,
 * m, v), where PyTorch's and DJL's several passes read and write each array many times. It computes
 * what DJL's PyTorch {@code adamUpdate} computes, with its bias correction folded into the learning
 * rate and the same float32 operations in the same order (PyTorch's vector kernels fuse the moment
 * updates into FMAs, as {@link Math#fma} does here):
 *
 * <pre>
 *   m ← fma(1 − β₁, g, β₁ m)            v ← fma((1 − β₂) g, g, β₂ v)
 *   w ← w − (m × lr √(1 − β₂ᵗ) / (1 − β₁ᵗ)) / (√v + ε)
 * </pre>
 *
 * <p>Why: DJL's native update clones the gradient, adds zero weight decay, and allocates four
 * temporaries per array: profiled on the papers' MLP, it took more time than the backward pass.
 *
 * <p>Subnormal numbers: every {@value #FLUSH_EVERY} steps the update also sets weights and moments
 * whose magnitude is below {@link Float#MIN_NORMAL} (about 1.2 × 10⁻³⁸) to zero. Under an L2
 * penalty, Adam drives the weights that the loss does not use (dead pixels and units) down into the
 * subnormal range, where every matrix product of PyTorch on x86 CPUs slows down many times
 * (measured on the papers' L2 MLP on Fashion-MNIST: 15 % of the weights subnormal after 20 epochs,
 * epochs slowing from 10 s to 110 s). TensorFlow, which the papers used, flushes subnormal results
 * to zero on the CPU; LocSpec flushes them at these steps only, because a flush in every step would
 * keep the update loop from being vectorized. Weights of normal size are never changed by it.
 *
 * <p>Used by the training loop for a network's weights and by feature visualization for its images'
 * parameters: the one Adam of LocSpec.
 *
 * <p>References: Kingma and Ba, "Adam: A Method for Stochastic Optimization" (arXiv 1412.6980): β₁
 * 0.9, β₂ 0.999, ε 10⁻⁸, as DJL's and Keras' defaults.
 */
public final class AdamUpdate {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  /** Values per chunk: a chunk of weights and gradients stays in the first-level cache. */
  private static final int CHUNK = 4096;

  /** Every this many steps, subnormal weights and moments are set to zero (see above). */
  static final int FLUSH_EVERY = 64;

  private final List<NDArray> params;
  private final float learningRate;
  private final float[][] means;
  private final float[][] variances;
  private final float[] weights;
  private final float[] grads;
  private int steps;

  /**
   * @param params the learnable parameter arrays (contiguous float32 on the CPU)
   * @param learningRate the learning rate
   */
  public AdamUpdate(List<NDArray> params, float learningRate) {
    this.params = List.copyOf(params);
    this.learningRate = learningRate;
    this.means = new float[params.size()][];
    this.variances = new float[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      int n = Math.toIntExact(params.get(i).size());
      means[i] = new float[n];
      variances[i] = new float[n];
    }
    this.weights = new float[CHUNK];
    this.grads = new float[CHUNK];
  }

  /** One step on every parameter with its current gradient, which is then zeroed. */
  public void step() {
    steps++;
    double coef1 = 1.0 - Math.pow(BETA1, steps);
    double coef2 = 1.0 - Math.pow(BETA2, steps);
    float rate = (float) (learningRate * Math.sqrt(coef2) / coef1);
    boolean flush = steps % FLUSH_EVERY == 0;
    for (int i = 0; i < params.size(); i++) {
      PtNDArray w = (PtNDArray) params.get(i);
      int n = means[i].length;
      try (PtNDArray g = w.getGradient()) {
        FloatBuffer wb = view(w, n);
        FloatBuffer gb = view(g, n);
        for (int from = 0; from < n; from += CHUNK) {
          int k = Math.min(CHUNK, n - from);
          wb.get(from, weights, 0, k);
          gb.get(from, grads, 0, k);
          update(weights, grads, means[i], variances[i], from, k, rate);
          if (flush) {
            flushSubnormals(weights, 0, k);
            flushSubnormals(means[i], from, from + k);
            flushSubnormals(variances[i], from, from + k);
          }
          wb.put(from, weights, 0, k);
        }
      }
      JniUtils.zeroGrad(w);
    }
  }

  /**
   * The update of one chunk, in place: a loop the JIT compiles to vector instructions.
   *
   * @param w the chunk's weights, from 0
   * @param g the chunk's gradients, from 0
   * @param m the array's first moments
   * @param v the array's second moments
   * @param at the chunk's first index in {@code m} and {@code v}
   * @param n the chunk's length
   * @param rate the learning rate with the bias correction folded in
   */
  static void update(float[] w, float[] g, float[] m, float[] v, int at, int n, float rate) {
    final float b1 = BETA1;
    final float b2 = BETA2;
    final float c1 = 1 - BETA1;
    final float c2 = 1 - BETA2;
    for (int j = 0; j < n; j++) {
      float gj = g[j];
      float mj = Math.fma(c1, gj, m[at + j] * b1);
      float vj = Math.fma(c2 * gj, gj, v[at + j] * b2);
      m[at + j] = mj;
      v[at + j] = vj;
      w[j] = w[j] - (mj * rate) / ((float) Math.sqrt(vj) + EPSILON);
    }
  }

  /**
   * Sets the subnormal values of a range to zero (keeping zeros, normal values, infinities and
   * NaN).
   *
   * @param a the values
   * @param from the first index
   * @param to after the last index
   */
  static void flushSubnormals(float[] a, int from, int to) {
    for (int j = from; j < to; j++) {
      if (Math.abs(a[j]) < Float.MIN_NORMAL) {
        a[j] = 0f;
      }
    }
  }

  /** A float view of a tensor's storage (no copy). */
  private static FloatBuffer view(PtNDArray a, int n) {
    ByteBuffer bb = JniUtils.getByteBuffer(a, true);
    if (!bb.isDirect() || bb.capacity() != n * Float.BYTES) {
      throw new IllegalStateException(
          "parameter "
              + a.getName()
              + " of shape "
              + a.getShape()
              + " is not a contiguous float32 CPU tensor; Adam needs direct access to it");
    }
    return bb.order(ByteOrder.nativeOrder()).asFloatBuffer();
  }
}
