package org.locspec.kernel.magic;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.locspec.progress.ProgressListener;

/**
 * A progress listener that passes reports on and stops the work at its next report once the
 * reporting thread has been interrupted (the kernel interrupts a cell's thread when the user
 * interrupts the kernel): the report throws a {@link CancellationException}, so the library's work
 * ends through its normal exception paths (closing what it opened) instead of being stopped.
 */
public final class InterruptibleProgress implements ProgressListener {
  private final ProgressListener inner;

  /**
   * Wraps a listener.
   *
   * @param inner where reports go
   */
  public InterruptibleProgress(ProgressListener inner) {
    this.inner = Objects.requireNonNull(inner, "inner must not be null");
  }

  private static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted");
    }
  }

  @Override
  public void start(String task, long total) {
    check();
    inner.start(task, total);
  }

  @Override
  public void update(long done, String message) {
    check();
    inner.update(done, message);
  }

  @Override
  public void finish(String message) {
    inner.finish(message);
  }
}
