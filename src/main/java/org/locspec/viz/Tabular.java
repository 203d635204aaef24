package org.locspec.viz;

import tech.tablesaw.api.Table;

/**
 * A result that can be shown as a Tablesaw table. Every LocSpec result implements it, so that a
 * notebook (or any other front end) can display any result the same way: its {@code toString()} as
 * a one-line summary, {@link #toTable()} as the rows, and {@link #caption()} under them.
 *
 * <p>The contract: {@code toString()} is one line (no line breaks); {@code toTable()} keeps numbers
 * numeric (an undefined statistic is a missing value, which {@link Format} shows as {@value
 * Format#UNDEFINED}); the caption says what a row is, which way is better, the range of each
 * statistic, and why a cell can be undefined.
 */
public interface Tabular {
  /**
   * The result as a table.
   *
   * @return a new Tablesaw table
   */
  Table toTable();

  /**
   * What the rows of {@link #toTable()} are and how to read them.
   *
   * @return a caption, empty when the column names say enough
   */
  default String caption() {
    return "";
  }
}
