package org.locspec.train;

import ai.djl.pytorch.jni.JniUtils;
import org.locspec.model.TorchEngine;

/**
 * Scoped settings of the PyTorch engine for LocSpec's training and evaluation loops: the number of
 * intra-op threads and, for inference, autograd off. Closing the scope restores the previous
 * settings.
 *
 * <p>Why one thread: LocSpec's networks are small (an MLP step multiplies 128 × 784 by 784 × 256
 * matrices), so handing work to a second thread costs about what it saves, and much more when the
 * cores are shared with other work (measured here: one epoch of the papers' MLP took 9.5 s with one
 * thread and 31–57 s with two on a busy 2-core machine). One thread also makes results independent
 * of the machine's core count: the same seed gives the same weights everywhere.
 *
 * <pre>{@code
 * try (TorchScope scope = TorchScope.inference()) {
 *   // forward passes without autograd, one thread
 * }
 * }</pre>
 */
public final class TorchScope implements AutoCloseable {
  private final int previousThreads;
  private final boolean previousGrad;
  private final boolean changedGrad;
  private boolean closed;

  private TorchScope(int threads, Boolean grad) {
    TorchEngine.get(); // loads the native library
    previousThreads = JniUtils.getNumThreads();
    previousGrad = JniUtils.isGradMode();
    changedGrad = grad != null;
    if (threads != previousThreads) {
      JniUtils.setNumThreads(threads);
    }
    if (changedGrad) {
      JniUtils.setGradMode(grad);
    }
  }

  /** One intra-op thread; autograd as it was (a gradient collector turns it on). */
  public static TorchScope training() {
    return new TorchScope(1, null);
  }

  /** One intra-op thread and autograd off: for forward passes whose gradients are not needed. */
  public static TorchScope inference() {
    return new TorchScope(1, Boolean.FALSE);
  }

  /**
   * A given number of intra-op threads; autograd as it was.
   *
   * @param threads the number of threads, {@code >= 1}
   * @return the scope
   */
  public static TorchScope threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return new TorchScope(threads, null);
  }

  /** Restores the thread count and autograd mode in force when the scope was opened. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (JniUtils.getNumThreads() != previousThreads) {
      JniUtils.setNumThreads(previousThreads);
    }
    if (changedGrad) {
      JniUtils.setGradMode(previousGrad);
    }
  }
}
