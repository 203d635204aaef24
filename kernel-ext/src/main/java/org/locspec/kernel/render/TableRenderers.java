package org.locspec.kernel.render;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.locspec.viz.Format;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders Tablesaw {@link Table}s: {@code text/html} as an HTML table (name as caption, cells
 * formatted by the library's one number formatter {@link Format} and escaped, at most {@value
 * #MAX_ROWS} rows and a note of how many more) and {@code text/plain} as {@link Table#print()} of
 * the same formatted cells. Numbers show with 3–4 significant digits, p-values like {@code 3.7e-8},
 * counts as integers and undefined values as {@value Format#UNDEFINED}.
 */
public final class TableRenderers {
  /** Rows shown in HTML; longer tables end with a "… N more rows" note. */
  public static final int MAX_ROWS = 50;

  private TableRenderers() {}

  /**
   * Registers the table renderers. Registering twice with the same renderer does nothing.
   *
   * @param renderer the kernel's renderer
   */
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "tables")) {
      return;
    }
    renderer
        .createRegistration(Table.class)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (table, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> toHtml(table));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> toText(table));
            });
  }

  /**
   * The table as plain text with formatted cells ({@link Format#forDisplay}).
   *
   * @param table the table
   * @return Tablesaw's text rendering of the formatted copy
   */
  public static String toText(Table table) {
    return Format.forDisplay(table).print();
  }

  /**
   * An HTML table of the first {@value #MAX_ROWS} rows.
   *
   * @param table the table
   * @return HTML with escaped cells
   */
  public static String toHtml(Table table) {
    return toHtml(table, MAX_ROWS);
  }

  /**
   * An HTML table of the first rows.
   *
   * @param table the table
   * @param maxRows the most rows to show, >= 0
   * @return HTML with formatted, escaped cells; a last line tells how many rows are not shown
   */
  public static String toHtml(Table table, int maxRows) {
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
    }
    StringBuilder sb = new StringBuilder(256);
    sb.append("<table class=\"locspec-table\">");
    if (table.name() != null && !table.name().isEmpty()) {
      sb.append("<caption style=\"text-align:left;font-weight:bold\">")
          .append(Html.escape(table.name()))
          .append("</caption>");
    }
    sb.append("<thead><tr>");
    for (String name : table.columnNames()) {
      sb.append("<th>").append(Html.escape(name)).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    int rows = Math.min(maxRows, table.rowCount());
    for (int r = 0; r < rows; r++) {
      sb.append("<tr>");
      for (int c = 0; c < table.columnCount(); c++) {
        Column<?> col = table.column(c);
        sb.append("<td>").append(Html.escape(Format.cell(col, r))).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>");
    int more = table.rowCount() - rows;
    if (more > 0) {
      sb.append("<p><i>… ")
          .append(more)
          .append(more == 1 ? " more row" : " more rows")
          .append(" (")
          .append(table.rowCount())
          .append(" in all)</i></p>");
    }
    return sb.toString();
  }
}
