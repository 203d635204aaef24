package org.locspec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FormatTest {
  @Test
  void fourSignificantDigitsWithoutTrailingZeros() {
    assertEquals("0.1489", Format.number(0.1489494896902215));
    assertEquals("6.3", Format.number(6.3));
    assertEquals("0.05", Format.number(0.05));
    assertEquals("0.8512", Format.number(0.85116));
    assertEquals("1235", Format.number(1234.567));
    assertEquals("-0.02289", Format.number(-0.0228886));
    assertEquals("1", Format.number(0.99996));
    assertEquals("0.001", Format.number(0.0009999));
  }

  @Test
  void smallAndLargeNumbersInScientificNotation() {
    assertEquals("3.7e-8", Format.number(3.7e-8));
    assertEquals("3.71e-8", Format.number(3.7123e-8));
    assertEquals("1e-4", Format.number(1.0e-4));
    assertEquals("-2.5e-12", Format.number(-2.5e-12));
    assertEquals("1.23e5", Format.number(123456.7));
    assertEquals("1e4", Format.number(9999.7));
  }

  @Test
  void countsAsIntegersAndUndefinedAsDash() {
    assertEquals("19", Format.number(19.0));
    assertEquals("0", Format.number(0.0));
    assertEquals("-3", Format.number(-3.0));
    assertEquals("123456", Format.number(123456.0));
    assertEquals("1562", Format.count(1562));
    assertEquals("–", Format.number(Double.NaN));
    assertEquals(Format.UNDEFINED, Format.number(Double.NaN));
    assertEquals("∞", Format.number(Double.POSITIVE_INFINITY));
    assertEquals("-∞", Format.number(Double.NEGATIVE_INFINITY));
  }

  @Test
  void tablesKeepNumbersAndDisplayFormattedCells() {
    DoubleColumn p = DoubleColumn.create("p", 0.05, 3.7123e-8, Double.NaN);
    IntColumn n = IntColumn.create("draws", 19, 999, 19);
    n.setMissing(2);
    Table t =
        Table.create(
            "t",
            p,
            n,
            StringColumn.create("layer", "a", "b", "c"),
            BooleanColumn.create("ok", true, false, true));
    assertEquals("0.05", Format.cell(p, 0));
    assertEquals("3.71e-8", Format.cell(p, 1));
    assertEquals("–", Format.cell(p, 2));
    assertEquals("999", Format.cell(n, 1));
    assertEquals("–", Format.cell(n, 2));
    Table d = Format.forDisplay(t);
    assertEquals("t", d.name());
    assertEquals(t.columnNames(), d.columnNames());
    assertEquals("3.71e-8", d.stringColumn("p").get(1));
    assertEquals("–", d.stringColumn("p").get(2));
    assertEquals("b", d.stringColumn("layer").get(1));
    assertEquals("false", d.stringColumn("ok").get(1));
    // The source table keeps its numbers.
    assertEquals(3.7123e-8, t.doubleColumn("p").get(1), 0);
  }
}
