package org.locspec.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The accuracy of a classifier on a data set, overall and per class.
 *
 * @param dataset the name of the data set evaluated on
 * @param classNames class names in label order
 * @param counts images per class
 * @param correct correctly classified images per class
 */
public record Evaluation(String dataset, List<String> classNames, int[] counts, int[] correct)
    implements Tabular {

  /** Validates and copies the fields. */
  public Evaluation {
    Objects.requireNonNull(dataset, "dataset");
    classNames = List.copyOf(classNames);
    if (counts.length != classNames.size() || correct.length != classNames.size()) {
      throw new IllegalArgumentException(
          "counts and correct must have one entry per class ("
              + classNames.size()
              + "), got "
              + counts.length
              + " and "
              + correct.length);
    }
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] < 0 || correct[c] < 0 || correct[c] > counts[c]) {
        throw new IllegalArgumentException(
            "class "
                + classNames.get(c)
                + ": correct must be in [0, count], got correct "
                + correct[c]
                + " of count "
                + counts[c]);
      }
    }
    counts = counts.clone();
    correct = correct.clone();
  }

  /** Images per class (a copy). */
  @Override
  public int[] counts() {
    return counts.clone();
  }

  /** Correctly classified images per class (a copy). */
  @Override
  public int[] correct() {
    return correct.clone();
  }

  /** The number of images evaluated. */
  public int size() {
    return Arrays.stream(counts).sum();
  }

  /** The number of correctly classified images. */
  public int numCorrect() {
    return Arrays.stream(correct).sum();
  }

  /** The fraction of images classified correctly (NaN for an empty data set). */
  public double accuracy() {
    int n = size();
    return n == 0 ? Double.NaN : (double) numCorrect() / n;
  }

  /** The accuracy on class {@code c} (NaN when the data set has no image of that class). */
  public double classAccuracy(int c) {
    Objects.checkIndex(c, counts.length);
    return counts[c] == 0 ? Double.NaN : (double) correct[c] / counts[c];
  }

  /** The accuracy on every class, in label order. */
  public double[] classAccuracies() {
    double[] a = new double[counts.length];
    for (int c = 0; c < a.length; c++) {
      a[c] = classAccuracy(c);
    }
    return a;
  }

  /** One row per class: class, images, correct, accuracy. */
  @Override
  public Table toTable() {
    return Table.create(
        "accuracy on " + dataset,
        StringColumn.create("class", classNames),
        IntColumn.create("images", counts.clone()),
        IntColumn.create("correct", correct.clone()),
        DoubleColumn.create("accuracy", classAccuracies()));
  }

  /** A bar chart of the per-class accuracy (classes without images are left out). */
  public CategoryChart chart() {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(700)
            .height(400)
            .title(String.format(Locale.ROOT, "Accuracy on %s: %.3f", dataset, accuracy()))
            .xAxisTitle("class")
            .yAxisTitle("accuracy")
            .build();
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        names.add(classNames.get(c));
        values.add(classAccuracy(c));
      }
    }
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setXAxisLabelRotation(45);
    if (!names.isEmpty()) {
      chart.addSeries("accuracy", names, values);
    }
    return chart;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e
        && dataset.equals(e.dataset)
        && classNames.equals(e.classNames)
        && Arrays.equals(counts, e.counts)
        && Arrays.equals(correct, e.correct);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataset, classNames, Arrays.hashCode(counts), Arrays.hashCode(correct));
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Evaluation on %s: accuracy %.4f (%d/%d)",
                dataset,
                accuracy(),
                numCorrect(),
                size()));
    int worst = -1;
    int best = -1;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] == 0) {
        continue;
      }
      if (worst < 0 || classAccuracy(c) < classAccuracy(worst)) {
        worst = c;
      }
      if (best < 0 || classAccuracy(c) > classAccuracy(best)) {
        best = c;
      }
    }
    if (worst >= 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "; best class %s %.3f, worst class %s %.3f",
              classNames.get(best),
              classAccuracy(best),
              classNames.get(worst),
              classAccuracy(worst)));
    }
    return sb.toString();
  }
}
