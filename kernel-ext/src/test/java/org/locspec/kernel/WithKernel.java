package org.locspec.kernel;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that drive one started kernel (no Jupyter connection) extend this. */
public abstract class WithKernel {
  /** The kernel of the running test class. */
  protected static LocSpecKernel kernel;

  @BeforeAll
  static void startKernel() {
    kernel = LocSpecKernel.create();
    kernel.onStartup();
  }

  @AfterAll
  static void stopKernel() {
    kernel.onShutdown(false);
  }

  /**
   * Evaluates a cell on another thread (so the test can interrupt it).
   *
   * @param code the cell
   * @return what the cell threw, or null
   */
  protected static CompletableFuture<Throwable> evalAsync(String code) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            kernel.evalRaw(code);
            return null;
          } catch (Throwable t) {
            return t;
          }
        });
  }
}
