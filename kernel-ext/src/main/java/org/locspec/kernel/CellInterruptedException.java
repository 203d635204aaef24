package org.locspec.kernel;

/** A cell was stopped by an interrupt from the notebook (the "stop" button). */
public final class CellInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param cause what the interrupted code threw (an InterruptedException, ThreadDeath, ...), or
   *     null if the cell was interrupted between two of its statements
   */
  public CellInterruptedException(Throwable cause) {
    super("the cell was interrupted; the kernel keeps its state and is ready", cause);
  }
}
