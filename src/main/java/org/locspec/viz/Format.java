package org.locspec.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * LocSpec's one number formatter for people: every result's {@code toString()}, table caption and
 * chart title, and the notebook kernel's table rendering, show numbers through it.
 *
 * <ul>
 *   <li>whole numbers (counts) as integers: {@code 19}, {@code 1562};
 *   <li>other numbers with magnitude in {@code [0.001, 10000)} to 4 significant digits without
 *       trailing zeros: {@code 0.1489}, {@code 6.3}, {@code 0.05};
 *   <li>smaller or larger ones in scientific notation to 3 significant digits: {@code 3.7e-8},
 *       {@code 1.23e5} (so tiny p-values stay readable);
 *   <li>an undefined statistic (NaN) as {@value #UNDEFINED}, never as {@code NaN}; the table's
 *       caption says why it is undefined; infinities as {@code ∞} and {@code -∞}.
 * </ul>
 *
 * <p>Tables returned by {@code toTable()} keep their numbers as numbers (so that a user can compute
 * on them; an undefined statistic is a missing value); only their display goes through {@link
 * #cell} and {@link #forDisplay}.
 */
public final class Format {
  /** How an undefined statistic (NaN, a missing value) is shown. */
  public static final String UNDEFINED = "–";

  private static final MathContext PLAIN = new MathContext(4, RoundingMode.HALF_EVEN);
  private static final MathContext SCIENTIFIC = new MathContext(3, RoundingMode.HALF_EVEN);

  private Format() {}

  /**
   * A number for people (see the class comment).
   *
   * @param v any double
   * @return e.g. {@code "0.1489"}, {@code "3.7e-8"}, {@code "19"}, {@code "–"} for NaN
   */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return UNDEFINED;
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    BigDecimal plain = new BigDecimal(v).round(PLAIN);
    if (plainRange(plain)) {
      return plain.stripTrailingZeros().toPlainString();
    }
    BigDecimal s = new BigDecimal(v).round(SCIENTIFIC);
    if (plainRange(s)) {
      return s.stripTrailingZeros().toPlainString(); // rounded up into the plain range
    }
    int exponent = s.precision() - s.scale() - 1;
    return s.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
  }

  private static boolean plainRange(BigDecimal rounded) {
    double magnitude = rounded.abs().doubleValue();
    return magnitude >= 1e-3 && magnitude < 1e4;
  }

  /**
   * A count for people: the integer itself.
   *
   * @param n a count
   * @return e.g. {@code "19"}
   */
  public static String count(long n) {
    return Long.toString(n);
  }

  /**
   * One cell of a table for people: floating-point columns through {@link #number}, integer columns
   * as integers, missing values of any column as {@value #UNDEFINED}, other cells as the column
   * prints them.
   *
   * @param column a column
   * @param row a row index
   * @return the text of the cell
   */
  public static String cell(Column<?> column, int row) {
    Objects.requireNonNull(column, "column must not be null");
    if (column instanceof DoubleColumn doubles) {
      return number(doubles.getDouble(row));
    }
    if (column instanceof FloatColumn floats) {
      return number(floats.getDouble(row));
    }
    if (column.isMissing(row)) {
      return UNDEFINED;
    }
    return column.getString(row);
  }

  /**
   * A copy of a table for display: same name and column names, every cell formatted by {@link
   * #cell} into a string column.
   *
   * @param table a table
   * @return the display copy
   */
  public static Table forDisplay(Table table) {
    Objects.requireNonNull(table, "table must not be null");
    Table out = Table.create(table.name());
    for (Column<?> column : table.columns()) {
      String[] cells = new String[column.size()];
      for (int r = 0; r < cells.length; r++) {
        cells[r] = cell(column, r);
      }
      out.addColumns(StringColumn.create(column.name(), cells));
    }
    return out;
  }
}
