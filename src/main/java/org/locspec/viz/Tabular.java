package org.locspec.viz;

import tech.tablesaw.api.Table;

/**
 * A result that can be shown as a Tablesaw table. Every LocSpec result implements it, so that a
 * notebook (or any other front end) can display any result the same way: its {@code toString()}
 * as a one-line summary and {@link #toTable()} as the table.
 */
public interface Tabular {
  /**
   * The result as a table.
   *
   * @return a new Tablesaw table
   */
  Table toTable();
}
