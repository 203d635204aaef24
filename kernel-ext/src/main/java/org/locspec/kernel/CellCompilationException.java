package org.locspec.kernel;

import java.util.List;

/**
 * A cell does not compile. The message names the cell line, shows it with a caret under the error
 * position, and gives the compiler's diagnostic.
 */
public final class CellCompilationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> report;

  /**
   * Creates the exception.
   *
   * @param report the lines of the report (line header, source line, caret line, diagnostic)
   */
  public CellCompilationException(List<String> report) {
    super(String.join("\n", report));
    this.report = List.copyOf(report);
  }

  /** The report, one string per line. */
  public List<String> report() {
    return report;
  }
}
