package org.locspec.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.locspec.progress.ProgressListener;
import org.locspec.progress.TerminalProgressBar;

/**
 * Static helpers for notebook cells: {@code Trainer.train(spec, config, train, test,
 * Notebook.progress())}, {@code Notebook.display(table)} inside a loop.
 */
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

  /**
   * Shows a value in the running cell as a cell's value is shown (tables as HTML, charts as PNG,
   * results as summary, table and caption), e.g. one table per step of a loop; outside a notebook
   * prints its text form.
   *
   * @param value what to show
   */
  public static void display(Object value) {
    display(runningKernel(), value);
  }

  /** Shows a value through a kernel's renderer, or prints its text form without a notebook. */
  static void display(BaseKernel kernel, Object value) {
    if (kernel == null || !kernel.getIO().display.isAttached()) {
      System.out.println(
          kernel == null
              ? String.valueOf(value)
              : kernel.getRenderer().render(value).getData(MIMEType.TEXT_PLAIN));
      return;
    }
    kernel.display(kernel.getRenderer().render(value));
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
