package org.locspec.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What happened during training: the loss of every step, and per epoch the mean loss, the test
 * accuracy after the epoch, the wall time it took and the sparsity of the weights after it. Losses
 * include the L1/L2 penalties when those are on. With pruning, the pruning epochs follow the normal
 * ones.
 *
 * @param stepLosses the training loss of every step (mini-batch), in order
 * @param epochLosses the mean training loss of each epoch
 * @param epochTestAccuracies the test accuracy after each epoch
 * @param epochSeconds the wall time of each epoch's training steps, in seconds
 * @param epochSparsities the fraction of all weights of the dense and convolution layers that are
 *     exactly zero after each epoch (NaN where unknown, e.g. in histories saved before LocSpec
 *     recorded it)
 */
public record TrainingHistory(
    double[] stepLosses,
    double[] epochLosses,
    double[] epochTestAccuracies,
    double[] epochSeconds,
    double[] epochSparsities)
    implements Tabular {

  /** Validates and copies the arrays; a null {@code epochSparsities} becomes all NaN. */
  public TrainingHistory {
    int e = epochLosses.length;
    if (epochSparsities == null) {
      epochSparsities = new double[e];
      Arrays.fill(epochSparsities, Double.NaN);
    }
    if (epochTestAccuracies.length != e
        || epochSeconds.length != e
        || epochSparsities.length != e) {
      throw new IllegalArgumentException(
          "epochLosses, epochTestAccuracies, epochSeconds and epochSparsities must have the same"
              + " length, got "
              + e
              + ", "
              + epochTestAccuracies.length
              + ", "
              + epochSeconds.length
              + " and "
              + epochSparsities.length);
    }
    stepLosses = stepLosses.clone();
    epochLosses = epochLosses.clone();
    epochTestAccuracies = epochTestAccuracies.clone();
    epochSeconds = epochSeconds.clone();
    epochSparsities = epochSparsities.clone();
  }

  /**
   * A history without sparsities (they are NaN).
   *
   * @param stepLosses the training loss of every step (mini-batch), in order
   * @param epochLosses the mean training loss of each epoch
   * @param epochTestAccuracies the test accuracy after each epoch
   * @param epochSeconds the wall time of each epoch's training steps, in seconds
   */
  public TrainingHistory(
      double[] stepLosses,
      double[] epochLosses,
      double[] epochTestAccuracies,
      double[] epochSeconds) {
    this(stepLosses, epochLosses, epochTestAccuracies, epochSeconds, null);
  }

  /** The loss of every step (a copy). */
  @Override
  public double[] stepLosses() {
    return stepLosses.clone();
  }

  /** The mean loss of each epoch (a copy). */
  @Override
  public double[] epochLosses() {
    return epochLosses.clone();
  }

  /** The test accuracy after each epoch (a copy). */
  @Override
  public double[] epochTestAccuracies() {
    return epochTestAccuracies.clone();
  }

  /** The wall time of each epoch in seconds (a copy). */
  @Override
  public double[] epochSeconds() {
    return epochSeconds.clone();
  }

  /** The fraction of dense weights that are zero after each epoch (a copy). */
  @Override
  public double[] epochSparsities() {
    return epochSparsities.clone();
  }

  /** The fraction of dense weights that are zero after the last epoch (NaN if unknown). */
  public double finalSparsity() {
    return epochs() == 0 ? Double.NaN : epochSparsities[epochs() - 1];
  }

  /** The total wall time of the training steps, in seconds. */
  public double totalSeconds() {
    return Arrays.stream(epochSeconds).sum();
  }

  /** The number of epochs. */
  public int epochs() {
    return epochLosses.length;
  }

  /** The number of steps. */
  public int steps() {
    return stepLosses.length;
  }

  /** The test accuracy after the last epoch (NaN if there was none). */
  public double finalTestAccuracy() {
    return epochs() == 0 ? Double.NaN : epochTestAccuracies[epochs() - 1];
  }

  /** One row per epoch: epoch (from 1), mean loss, test accuracy, seconds, sparsity. */
  @Override
  public Table toTable() {
    int[] ids = new int[epochs()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i + 1;
    }
    return Table.create(
        "training history",
        IntColumn.create("epoch", ids),
        DoubleColumn.create("mean loss", epochLosses.clone()),
        DoubleColumn.create("test accuracy", epochTestAccuracies.clone()),
        DoubleColumn.create("seconds", epochSeconds.clone()),
        DoubleColumn.create("sparsity", epochSparsities.clone()));
  }

  /**
   * A line chart of the loss: every step's loss (thin line) and each epoch's mean loss (markers,
   * placed at the epoch's last step).
   */
  public XYChart lossChart() {
    XYChart chart =
        new XYChartBuilder()
            .width(700)
            .height(400)
            .title("Training loss")
            .xAxisTitle("step")
            .yAxisTitle("loss")
            .build();
    chart.getStyler().setMarkerSize(6);
    if (steps() > 0) {
      double[] x = new double[steps()];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
      }
      XYSeries s = chart.addSeries("step loss", x, stepLosses.clone());
      s.setMarker(SeriesMarkers.NONE);
    }
    if (epochs() > 0 && steps() > 0) {
      double[] ex = new double[epochs()];
      int perEpoch = steps() / epochs();
      for (int e = 0; e < ex.length; e++) {
        ex[e] = e == ex.length - 1 ? steps() : (double) (e + 1) * perEpoch;
      }
      XYSeries m = chart.addSeries("epoch mean", ex, epochLosses.clone());
      m.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingHistory h
        && Arrays.equals(stepLosses, h.stepLosses)
        && Arrays.equals(epochLosses, h.epochLosses)
        && Arrays.equals(epochTestAccuracies, h.epochTestAccuracies)
        && Arrays.equals(epochSeconds, h.epochSeconds)
        && Arrays.equals(epochSparsities, h.epochSparsities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(stepLosses),
        Arrays.hashCode(epochLosses),
        Arrays.hashCode(epochTestAccuracies),
        Arrays.hashCode(epochSeconds),
        Arrays.hashCode(epochSparsities));
  }

  @Override
  public String toString() {
    if (epochs() == 0) {
      return "TrainingHistory[no epochs]";
    }
    double total = Arrays.stream(epochSeconds).sum();
    return String.format(
        Locale.ROOT,
        "TrainingHistory[%d epochs, %d steps, %.1f s; loss %.4f → %.4f; test accuracy %.4f → %.4f%s]",
        epochs(),
        steps(),
        total,
        epochLosses[0],
        epochLosses[epochs() - 1],
        epochTestAccuracies[0],
        finalTestAccuracy(),
        finalSparsity() > 0 ? String.format(Locale.ROOT, "; sparsity %.4f", finalSparsity()) : "");
  }
}
