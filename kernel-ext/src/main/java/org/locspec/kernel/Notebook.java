package org.locspec.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.locspec.progress.ProgressListener;
import org.locspec.progress.TerminalProgressBar;

/** Static helpers for notebook cells, e.g. {@code model.train(data, Notebook.progress())}. */
public final class Notebook {
  private Notebook() {}

  /**
   * A progress listener for the code that calls it: a {@link NotebookProgress} display when called
   * from a running notebook cell, else a {@link TerminalProgressBar} on standard error.
   *
   * @return a fresh listener
   */
  public static ProgressListener progress() {
    BaseKernel kernel = runningKernel();
    if (kernel != null && kernel.getIO().display.isAttached()) {
      return new NotebookProgress(kernel.getIO().display);
    }
    return new TerminalProgressBar();
  }

  /** The kernel this JVM runs as, or null outside a notebook. */
  static BaseKernel runningKernel() {
    try {
      return BaseKernel.notebookKernel();
    } catch (NullPointerException e) { // BaseKernel reports "no kernel" this way
      return null;
    }
  }
}
