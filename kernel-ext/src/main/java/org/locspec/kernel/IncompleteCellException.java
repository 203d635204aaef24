package org.locspec.kernel;

/** A cell ends in the middle of a statement (an open brace, a missing expression, ...). */
public final class IncompleteCellException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param rest the unfinished code at the end of the cell
   */
  public IncompleteCellException(String rest) {
    super("the cell ends in an unfinished statement; complete it (closing braces, ';'):\n" + rest);
  }
}
