package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

class TrainingHistoryTest {
  static final TrainingHistory H =
      new TrainingHistory(
          new double[] {2.0, 1.5, 1.0, 0.8, 0.7, 0.6},
          new double[] {1.5, 0.7},
          new double[] {0.6, 0.8},
          new double[] {1.25, 1.0});

  @Test
  void tableHasOneRowPerEpoch() {
    Table t = H.toTable();
    assertEquals(2, t.rowCount());
    assertEquals(2, t.intColumn("epoch").get(1));
    assertEquals(0.7, t.doubleColumn("mean loss").get(1));
    assertEquals(0.8, t.doubleColumn("test accuracy").get(1));
    assertEquals(0.8, H.finalTestAccuracy());
    assertEquals(6, H.steps());
  }

  @Test
  void lossChartHasStepAndEpochSeries() {
    XYChart c = H.lossChart();
    assertEquals(6, c.getSeriesMap().get("step loss").getXData().length);
    assertArrayEquals(new double[] {3, 6}, c.getSeriesMap().get("epoch mean").getXData());
  }

  @Test
  void toStringSummarizes() {
    assertEquals(
        "TrainingHistory[2 epochs, 6 steps, 2.3 s; loss 1.5000 → 0.7000; test accuracy 0.6000 →"
            + " 0.8000]",
        H.toString());
  }

  @Test
  void epochArraysMustAgree() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TrainingHistory(new double[0], new double[2], new double[1], new double[2]));
    assertEquals(
        "epochLosses, epochTestAccuracies, epochSeconds and epochSparsities must have the same"
            + " length, got 2, 1, 2 and 2",
        e.getMessage());
  }
}
