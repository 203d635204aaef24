package org.locspec.kernel;

/**
 * The Java compiler (or JShell) itself failed on a cell, e.g. javac ran out of stack on a very long
 * expression. The cell did not run; the session and its variables are kept.
 */
public final class CompilerFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps the compiler's error.
   *
   * @param error what the compiler threw
   */
  public CompilerFailureException(Throwable error) {
    super(message(error), error);
  }

  private static String message(Throwable error) {
    String what = error.getClass().getSimpleName();
    boolean overflow = false;
    for (Throwable t = error; t != null && !overflow; t = t.getCause() == t ? null : t.getCause()) {
      overflow = t instanceof StackOverflowError;
    }
    String hint =
        overflow
            ? "the cell nests too deeply for the compiler (e.g. an expression with tens of"
                + " thousands of terms); split it into several statements"
            : "the cell could not be compiled; simplify it or split it into several cells";
    return "the Java compiler failed on this cell ("
        + what
        + "): "
        + hint
        + ". Nothing ran; earlier variables are kept.";
  }
}
