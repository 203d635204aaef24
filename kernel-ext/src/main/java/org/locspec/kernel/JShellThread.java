package org.locspec.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that drives JShell (which is not thread-safe), with a large stack: javac recurses
 * once per operator of an expression, so a 3,000-term sum overflows a default 1 MB thread stack.
 * Tasks run in order; a task submitted from the thread itself runs at once.
 */
final class JShellThread implements AutoCloseable {
  /** The thread's stack: enough for javac on expressions of about a hundred thousand terms. */
  static final long STACK_BYTES = 64L << 20;

  private final ExecutorService executor;
  private volatile Thread thread;

  JShellThread() {
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(null, r, "locspec-jshell", STACK_BYTES);
              t.setDaemon(true);
              thread = t;
              return t;
            });
  }

  /**
   * Runs a task on the JShell thread and waits for it; the waiting cannot be interrupted away.
   *
   * @param task the task
   * @param <T> its result type
   * @return its result
   * @throws RuntimeException (or an {@link Error} or checked exception) as thrown by the task
   */
  <T> T call(Callable<T> task) {
    if (Thread.currentThread() == thread) {
      return callHere(task);
    }
    Future<T> future = executor.submit(task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static <T> T callHere(Callable<T> task) {
    try {
      return task.call();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /** Throws any throwable unchanged (checked exceptions of cell code included). */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException rethrow(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
