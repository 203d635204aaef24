package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

class EvaluationTest {
  static final Evaluation E =
      new Evaluation("toy", List.of("a", "b", "c"), new int[] {4, 0, 6}, new int[] {3, 0, 3});

  @Test
  void overallAndPerClassAccuracy() {
    assertEquals(10, E.size());
    assertEquals(6, E.numCorrect());
    assertEquals(0.6, E.accuracy(), 1e-12);
    assertEquals(0.75, E.classAccuracy(0), 1e-12);
    assertTrue(Double.isNaN(E.classAccuracy(1)));
    assertEquals(0.5, E.classAccuracy(2), 1e-12);
  }

  @Test
  void tableHasOneRowPerClass() {
    Table t = E.toTable();
    assertEquals(3, t.rowCount());
    assertEquals(List.of("class", "images", "correct", "accuracy"), t.columnNames());
    assertEquals("c", t.stringColumn("class").get(2));
    assertEquals(6, t.intColumn("images").get(2));
    assertEquals(0.5, t.doubleColumn("accuracy").get(2), 1e-12);
  }

  @Test
  void chartLeavesOutEmptyClasses() {
    CategoryChart c = E.chart();
    assertEquals(1, c.getSeriesMap().size());
    assertEquals(2, c.getSeriesMap().get("accuracy").getXData().size());
  }

  @Test
  void toStringNamesAccuracyAndBestAndWorstClass() {
    assertEquals(
        "Evaluation on toy: accuracy 0.6000 (6/10); best class a 0.750, worst class c 0.500",
        E.toString());
  }

  @Test
  void arraysAreCopiedAndValidated() {
    int[] counts = {1, 1};
    Evaluation e = new Evaluation("x", List.of("a", "b"), counts, new int[] {1, 0});
    counts[0] = 5;
    assertEquals(1, e.counts()[0]);
    e.counts()[0] = 7;
    assertEquals(1, e.counts()[0]);
    assertEquals(e, new Evaluation("x", List.of("a", "b"), new int[] {1, 1}, new int[] {1, 0}));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Evaluation("x", List.of("a"), new int[] {2}, new int[] {3}));
    assertEquals(
        "class a: correct must be in [0, count], got correct 3 of count 2", bad.getMessage());
  }
}
