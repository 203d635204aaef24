package org.locspec.kernel;

/**
 * A cell threw an {@link Error} (e.g. {@link StackOverflowError}, {@link OutOfMemoryError}). It is
 * wrapped so that the kernel reports it like an exception and keeps running.
 */
public final class CellErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps an error thrown by cell code.
   *
   * @param error the error
   */
  public CellErrorException(Throwable error) {
    super(error.toString(), error);
  }
}
