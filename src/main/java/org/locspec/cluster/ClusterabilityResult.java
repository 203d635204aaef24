package org.locspec.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.locspec.stats.BaselineStats;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.viz.Format;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of a {@link ShuffledBaseline}: the true partition and n-cut, the n-cuts of the
 * shuffled networks, and how the true one compares. An immutable value: equal results have equal
 * partitions, n-cuts (arrays by content), statistics and provenance; the wall time is not compared.
 *
 * <p>Ranges: an n-cut lies in {@code [0, k]} (lower = more clusterable); the percentile in {@code
 * [1/(n+1), 1]} (low = more clusterable than the shuffled networks); the z-score is any real number
 * (negative = more clusterable), undefined (NaN, shown as "–") when the shuffled n-cuts do not
 * vary.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section 3.
 *
 * @param truePartition the partition of the unshuffled network (its provenance holds the spectral
 *     options and seed)
 * @param trueNcut its n-cut
 * @param shuffledNcuts the n-cut of each shuffled sample, in sample order
 * @param percentile {@code (#{shuffled < true} + 1) / (n + 1)}: small = more clusterable than
 *     chance
 * @param zScore {@code (true - mean) / sd} of the shuffled n-cuts: negative = more clusterable; NaN
 *     when the shuffled n-cuts do not vary
 * @param provenance the network, no data (weights only), the true partition, the shuffle options
 *     and their seed
 * @param seconds the wall time of the whole test (not part of equality)
 */
public record ClusterabilityResult(
    Partition truePartition,
    double trueNcut,
    double[] shuffledNcuts,
    double percentile,
    double zScore,
    Provenance<ShuffleOptions> provenance,
    double seconds)
    implements Tabular {

  /** Validates and copies the samples. */
  public ClusterabilityResult {
    Objects.requireNonNull(truePartition, "truePartition must not be null");
    Objects.requireNonNull(shuffledNcuts, "shuffledNcuts must not be null");
    Objects.requireNonNull(provenance, "provenance must not be null");
    if (truePartition.provenance().options() == null) {
      throw new IllegalArgumentException(
          "the true partition must come from spectral clustering (its options are needed), got one "
              + truePartition.provenance());
    }
    if (shuffledNcuts.length < 2) {
      throw new IllegalArgumentException(
          "shuffledNcuts must have at least 2 samples, got " + shuffledNcuts.length);
    }
    shuffledNcuts = shuffledNcuts.clone();
  }

  /**
   * Computes the percentile and z-score from the n-cuts.
   *
   * @param truePartition the partition of the unshuffled network
   * @param trueNcut its n-cut
   * @param shuffledNcuts the shuffled samples' n-cuts
   * @param provenance the network, data, partition and shuffle options
   * @param seconds the wall time
   * @return the result
   */
  public static ClusterabilityResult of(
      Partition truePartition,
      double trueNcut,
      double[] shuffledNcuts,
      Provenance<ShuffleOptions> provenance,
      double seconds) {
    return new ClusterabilityResult(
        truePartition,
        trueNcut,
        shuffledNcuts,
        MonteCarloPValue.percentile(trueNcut, shuffledNcuts),
        MonteCarloPValue.zScore(trueNcut, shuffledNcuts),
        provenance,
        seconds);
  }

  /** The network's name. */
  public String network() {
    return provenance.network();
  }

  /** The clustering options of the true and the shuffled networks. */
  public SpectralOptions spectral() {
    return truePartition.provenance().options();
  }

  /** The shuffle options. */
  public ShuffleOptions shuffle() {
    return provenance.options();
  }

  /** A copy of the shuffled n-cuts. */
  @Override
  public double[] shuffledNcuts() {
    return shuffledNcuts.clone();
  }

  /** The mean of the shuffled n-cuts. */
  public double shuffledMean() {
    return BaselineStats.mean(shuffledNcuts);
  }

  /** The sample standard deviation of the shuffled n-cuts. */
  public double shuffledSd() {
    return BaselineStats.sd(shuffledNcuts);
  }

  /** One summary row: network, k, n-cuts, percentile, z-score, samples, mode, seeds, seconds. */
  @Override
  public Table toTable() {
    return Table.create(
        "clusterability of " + network(),
        StringColumn.create("network", network()),
        IntColumn.create("k", new int[] {spectral().k()}),
        DoubleColumn.create("true n-cut", new double[] {trueNcut}),
        DoubleColumn.create("shuffled mean", new double[] {shuffledMean()}),
        DoubleColumn.create("shuffled sd", new double[] {shuffledSd()}),
        DoubleColumn.create("percentile", new double[] {percentile}),
        DoubleColumn.create("z-score", new double[] {zScore}),
        IntColumn.create("samples", new int[] {shuffledNcuts.length}),
        StringColumn.create("shuffle", shuffle().mode().name()),
        StringColumn.create("seeds", spectral().seed() + "/" + shuffle().seed()),
        DoubleColumn.create("seconds", new double[] {seconds}));
  }

  /** What the row is, the ranges and directions of its statistics, and when z is undefined. */
  @Override
  public String caption() {
    int n = shuffledNcuts.length;
    return "One row per network: the n-cut of its spectral partition ("
        + truePartition.provenance()
        + ") against "
        + n
        + " networks whose weight matrices were shuffled ("
        + shuffle().mode()
        + ", seeds spectral/shuffle). n-cut: in [0, k], lower = more clusterable. percentile:"
        + " (#shuffled below true + 1)/(n + 1), in ["
        + Format.number(1.0 / (n + 1))
        + ", 1], low = more clusterable than chance. z-score: (true - shuffled mean)/shuffled sd,"
        + " negative = more clusterable; – when the shuffled n-cuts do not vary.";
  }

  /** One row per shuffled sample: sample index and n-cut. */
  public Table samplesTable() {
    int[] idx = new int[shuffledNcuts.length];
    Arrays.setAll(idx, i -> i);
    return Table.create(
        "shuffled n-cuts",
        IntColumn.create("sample", idx),
        DoubleColumn.create("n-cut", shuffledNcuts.clone()));
  }

  /** A histogram of the shuffled n-cuts with the true n-cut marked by a vertical line. */
  public XYChart histogram() {
    double lo = Math.min(trueNcut, Arrays.stream(shuffledNcuts).min().orElseThrow());
    double hi = Math.max(trueNcut, Arrays.stream(shuffledNcuts).max().orElseThrow());
    if (hi <= lo) {
      hi = lo + 1e-6;
    }
    int bins = Math.max(5, Math.min(30, (int) Math.ceil(Math.sqrt(shuffledNcuts.length)) + 3));
    double width = (hi - lo) / bins;
    double[] counts = new double[bins];
    for (double v : shuffledNcuts) {
      counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
    }
    double[] x = new double[bins + 1];
    double[] y = new double[bins + 1];
    double max = 0;
    for (int b = 0; b <= bins; b++) {
      x[b] = lo + b * width;
      y[b] = counts[Math.min(b, bins - 1)];
      max = Math.max(max, y[b]);
    }
    XYChart chart =
        new XYChartBuilder()
            .width(720)
            .height(420)
            .title(
                "n-cut: true "
                    + Format.number(trueNcut)
                    + " vs "
                    + shuffledNcuts.length
                    + " shuffled (percentile "
                    + Format.number(percentile)
                    + ", z "
                    + Format.number(zScore)
                    + ")")
            .xAxisTitle("n-cut")
            .yAxisTitle("shuffled networks")
            .build();
    chart.getStyler().setXAxisDecimalPattern("0.000");
    chart.getStyler().setYAxisDecimalPattern("0");
    XYSeries h = chart.addSeries("shuffled", x, y);
    h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
    h.setMarker(SeriesMarkers.NONE);
    XYSeries t = chart.addSeries("true", new double[] {trueNcut, trueNcut}, new double[] {0, max});
    t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    t.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  /** Cluster sizes of the true partition per layer, stacked. */
  public CategoryChart clusterSizesChart() {
    return truePartition.clusterSizesChart();
  }

  /**
   * The papers' figure: true n-cut against z-score for many networks, one series per label (e.g.
   * training regime).
   *
   * @param results the results
   * @param labels one label per result; equal labels share a series
   * @return a scatter chart
   */
  public static XYChart ncutVsZ(List<ClusterabilityResult> results, List<String> labels) {
    Objects.requireNonNull(results, "results must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    if (results.size() != labels.size() || results.isEmpty()) {
      throw new IllegalArgumentException(
          "results and labels must be non-empty and of equal size, got "
              + results.size()
              + " and "
              + labels.size());
    }
    Map<String, List<double[]>> groups = new LinkedHashMap<>();
    int undefined = 0;
    for (int i = 0; i < results.size(); i++) {
      ClusterabilityResult r = results.get(i);
      if (Double.isNaN(r.zScore())) {
        undefined++;
        continue;
      }
      groups
          .computeIfAbsent(labels.get(i), l -> new ArrayList<>())
          .add(new double[] {r.trueNcut(), r.zScore()});
    }
    XYChart chart =
        new XYChartBuilder()
            .width(720)
            .height(480)
            .title(
                "n-cut vs z-score"
                    + (undefined == 0
                        ? ""
                        : " (" + undefined + " without a z-score left out: shuffled n-cuts equal)"))
            .xAxisTitle("n-cut")
            .yAxisTitle("z-score vs shuffled")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    groups.forEach(
        (label, pts) -> {
          double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
          double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
          chart.addSeries(label, xs, ys);
        });
    return chart;
  }

  /** Every component but the wall time, for equality by content. */
  private Object[] components() {
    return new Object[] {truePartition, trueNcut, shuffledNcuts, percentile, zScore, provenance};
  }

  /** Equal partition, n-cuts, statistics and provenance; the wall time is not compared. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterabilityResult r && Arrays.deepEquals(r.components(), components());
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(components());
  }

  /** One line: network, k, n-cuts, percentile, z-score, seeds and time. */
  @Override
  public String toString() {
    return "ClusterabilityResult["
        + network()
        + ": k="
        + spectral().k()
        + ", true n-cut "
        + Format.number(trueNcut)
        + " vs shuffled "
        + Format.number(shuffledMean())
        + " ± "
        + Format.number(shuffledSd())
        + " (n="
        + shuffledNcuts.length
        + ", "
        + shuffle().mode()
        + "), percentile "
        + Format.number(percentile)
        + ", z "
        + Format.number(zScore)
        + ", seeds "
        + spectral().seed()
        + "/"
        + shuffle().seed()
        + ", "
        + Format.number(seconds)
        + " s]";
  }
}
