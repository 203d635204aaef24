package org.locspec.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.locspec.cluster.SubCluster;
import org.locspec.stats.CombinedTests;
import org.locspec.stats.MonteCarloPValue;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.locspec.viz.Tabular;

/**
 * The outcome of an {@link ImportanceTest} on one network: one {@link SubClusterImportance} row
 * per sub-cluster, the intact network's accuracy, and the provenance (network, test data,
 * options and seed).
 *
 * <p>Across sub-clusters, {@link #combinedP()} and {@link #combinedPRange()} combine the
 * mid-rank-corrected p-values ({@link MonteCarloPValue#midRank}) with Fisher's method; {@link
 * #combineAcrossNets} combines several networks' combined p-values with the Bates distribution.
 *
 * @param network the network's name
 * @param testData the test data set's name
 * @param options the options used (they hold the seed)
 * @param classNames the class names of the test data
 * @param intactPerClass per-class test accuracy of the intact network
 * @param intactAccuracy overall test accuracy of the intact network
 * @param rows one row per tested sub-cluster, in the order given
 */
public record ImportanceResult(
    String network,
    String testData,
    ImportanceOptions options,
    List<String> classNames,
    double[] intactPerClass,
    double intactAccuracy,
    List<SubClusterImportance> rows)
    implements Tabular {

  /** Validates and copies. */
  public ImportanceResult {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(testData, "testData");
    Objects.requireNonNull(options, "options");
    classNames = List.copyOf(classNames);
    intactPerClass = intactPerClass.clone();
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("an importance result needs at least one row, got none");
    }
  }

  @Override
  public double[] intactPerClass() {
    return intactPerClass.clone();
  }

  /** The seed of the random lesions. */
  public long seed() {
    return options.seed();
  }

  /** The row of a sub-cluster. */
  public SubClusterImportance row(SubCluster subCluster) {
    for (SubClusterImportance r : rows) {
      if (r.subCluster().equals(subCluster)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        subCluster + " was not tested in this result; its sub-clusters are "
            + rows.stream().map(r -> r.subCluster().toString()).toList());
  }

  /** The number of sub-clusters significant under Benjamini–Hochberg (the "mean" statistic). */
  public int significantCount() {
    return (int) rows.stream().filter(SubClusterImportance::significant).count();
  }

  /**
   * Fisher's combination of the sub-clusters' mid-rank-corrected "mean" p-values: is this
   * network's clustering more important than random sets overall?
   */
  public double combinedP() {
    double[] p = new double[rows.size()];
    for (int i = 0; i < p.length; i++) {
      SubClusterImportance r = rows.get(i);
      p[i] = MonteCarloPValue.midRank(r.pMean(), r.draws());
    }
    return CombinedTests.fisher(p);
  }

  /**
   * Fisher's combination of the mid-rank-corrected "range" p-values of the sub-clusters where it
   * is defined; NaN if it is defined for none.
   */
  public double combinedPRange() {
    double[] p =
        rows.stream()
            .filter(r -> Double.isFinite(r.pRange()))
            .mapToDouble(r -> MonteCarloPValue.midRank(r.pRange(), r.definedRandomRanges()))
            .toArray();
    return p.length == 0 ? Double.NaN : CombinedTests.fisher(p);
  }

  /** The mean effect factor over the sub-clusters where it is defined. */
  public double meanEffectFactor() {
    return rows.stream()
        .mapToDouble(SubClusterImportance::effectFactor)
        .filter(Double::isFinite)
        .average()
        .orElse(Double.NaN);
  }

  /**
   * Combines several networks (e.g. 5 seeds of one configuration): the Bates combined p-value of
   * their {@link #combinedP()} values.
   *
   * @param results one result per network, at least one
   * @return {@code P(mean of n uniforms ≤ mean of the nets' combined p-values)}
   */
  public static double combineAcrossNets(List<ImportanceResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("combineAcrossNets needs at least one result, got none");
    }
    return CombinedTests.bates(results.stream().mapToDouble(ImportanceResult::combinedP).toArray());
  }

  /**
   * Like {@link #combineAcrossNets} for the "range" statistic; nets whose range p-value is
   * undefined are left out (NaN if all are).
   */
  public static double combineAcrossNetsRange(List<ImportanceResult> results) {
    double[] p =
        results.stream()
            .mapToDouble(ImportanceResult::combinedPRange)
            .filter(Double::isFinite)
            .toArray();
    return p.length == 0 ? Double.NaN : CombinedTests.bates(p);
  }

  /**
   * One row per sub-cluster: layer, cluster, size, true accuracy, random mean and sd, p mean,
   * range, range percentile, p range, effect factor, draws, BH-significant.
   */
  @Override
  public Table toTable() {
    StringColumn layer = StringColumn.create("layer");
    IntColumn cluster = IntColumn.create("cluster");
    IntColumn size = IntColumn.create("size");
    DoubleColumn acc = DoubleColumn.create("true accuracy");
    DoubleColumn mean = DoubleColumn.create("random mean");
    DoubleColumn sd = DoubleColumn.create("random sd");
    DoubleColumn pMean = DoubleColumn.create("p mean");
    DoubleColumn range = DoubleColumn.create("range");
    DoubleColumn pct = DoubleColumn.create("percentile range");
    DoubleColumn pRange = DoubleColumn.create("p range");
    DoubleColumn effect = DoubleColumn.create("effect factor");
    IntColumn draws = IntColumn.create("draws");
    BooleanColumn sig = BooleanColumn.create("BH significant");
    for (SubClusterImportance r : rows) {
      layer.append(r.subCluster().layer());
      cluster.append(r.subCluster().cluster());
      size.append(r.subCluster().size());
      acc.append(r.trueAccuracy());
      mean.append(r.randomMean());
      sd.append(r.randomSd());
      pMean.append(r.pMean());
      range.append(r.trueRange());
      pct.append(r.rangePercentile());
      pRange.append(r.pRange());
      effect.append(r.effectFactor());
      draws.append(r.draws());
      sig.append(r.significant());
    }
    return Table.create(
        "importance of " + network + " on " + testData,
        layer, cluster, size, acc, mean, sd, pMean, range, pct, pRange, effect, draws, sig);
  }

  /**
   * The per-class accuracy profile of a sub-cluster: intact, with the sub-cluster lesioned, and
   * after random same-size lesions (mean with ± sd error bars).
   *
   * @param subCluster a sub-cluster of this result
   * @return a bar chart with one group per class
   */
  public CategoryChart profileChart(SubCluster subCluster) {
    SubClusterImportance r = row(subCluster);
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(800)
            .height(450)
            .title(
                String.format(
                    Locale.ROOT,
                    "%s %s #%d (%d units): p mean %.3g, effect factor %.2f",
                    network,
                    subCluster.layer(),
                    subCluster.cluster(),
                    subCluster.size(),
                    r.pMean(),
                    r.effectFactor()))
            .xAxisTitle("class")
            .yAxisTitle("test accuracy")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setXAxisLabelRotation(classNames.size() > 6 ? 45 : 0);
    List<String> classes = new ArrayList<>();
    List<Double> intact = new ArrayList<>();
    List<Double> lesioned = new ArrayList<>();
    List<Double> random = new ArrayList<>();
    List<Double> sd = new ArrayList<>();
    double[] rm = r.randomMeanPerClass();
    double[] rs = r.randomSdPerClass();
    double[] tp = r.truePerClass();
    for (int c = 0; c < intactPerClass.length; c++) {
      if (Double.isNaN(intactPerClass[c])) {
        continue;
      }
      classes.add(c < classNames.size() ? classNames.get(c) : Integer.toString(c));
      intact.add(intactPerClass[c]);
      lesioned.add(tp[c]);
      random.add(rm[c]);
      sd.add(rs[c]);
    }
    chart.addSeries("intact", classes, intact);
    chart.addSeries("sub-cluster lesioned", classes, lesioned);
    chart.addSeries("random lesions (mean ± sd, n = " + r.draws() + ")", classes, random, sd);
    return chart;
  }

  /**
   * Effect factor against sub-cluster size, one point per sub-cluster; BH-significant
   * sub-clusters form their own series.
   */
  public XYChart importanceVsSize() {
    XYChart chart =
        new XYChartBuilder()
            .width(700)
            .height(450)
            .title("importance vs size: " + network)
            .xAxisTitle("sub-cluster size (units)")
            .yAxisTitle("effect factor Δtrue / (Δtrue + mean Δrandom)")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    for (boolean significant : new boolean[] {true, false}) {
      List<Integer> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (SubClusterImportance r : rows) {
        if (r.significant() == significant && Double.isFinite(r.effectFactor())) {
          x.add(r.subCluster().size());
          y.add(r.effectFactor());
        }
      }
      if (!x.isEmpty()) {
        chart.addSeries(significant ? "BH significant" : "not significant", x, y);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no defined effect factor", List.of(0), List.of(0.5));
    }
    return chart;
  }

  /**
   * The paper's importance summary: one row per labelled result, e.g. "mlp-fashion / weights /
   * global", with the number of sub-clusters, the number significant under BH, the combined
   * p-values of the "mean" and "range" statistics, and the mean effect factor.
   *
   * @param results results keyed by the row labels the caller chooses, in the map's order
   * @return the table
   */
  public static Table summaryTable(Map<String, ImportanceResult> results) {
    StringColumn label = StringColumn.create("label");
    StringColumn net = StringColumn.create("network");
    IntColumn n = IntColumn.create("sub-clusters");
    IntColumn sig = IntColumn.create("BH significant");
    DoubleColumn pMean = DoubleColumn.create("combined p mean");
    DoubleColumn pRange = DoubleColumn.create("combined p range");
    DoubleColumn effect = DoubleColumn.create("mean effect factor");
    for (var e : results.entrySet()) {
      ImportanceResult r = e.getValue();
      label.append(e.getKey());
      net.append(r.network());
      n.append(r.rows().size());
      sig.append(r.significantCount());
      pMean.append(r.combinedP());
      pRange.append(r.combinedPRange());
      effect.append(r.meanEffectFactor());
    }
    return Table.create("importance summary", label, net, n, sig, pMean, pRange, effect);
  }

  /** Equal provenance, intact accuracies and rows. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ImportanceResult r
        && r.network.equals(network)
        && r.testData.equals(testData)
        && r.options.equals(options)
        && r.classNames.equals(classNames)
        && Arrays.equals(r.intactPerClass, intactPerClass)
        && Double.compare(r.intactAccuracy, intactAccuracy) == 0
        && r.rows.equals(rows);
  }

  @Override
  public int hashCode() {
    return Objects.hash(network, testData, options, rows);
  }

  /** A summary line and one line per sub-cluster. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "ImportanceResult[%s on %s, intact accuracy %.4f, %d sub-clusters, %d BH-significant"
                    + " (q=%.2g), combined p mean %.3g, range %.3g, mean effect factor %.3f; %s]",
                network,
                testData,
                intactAccuracy,
                rows.size(),
                significantCount(),
                options.fdr(),
                combinedP(),
                combinedPRange(),
                meanEffectFactor(),
                options));
    for (SubClusterImportance r : rows) {
      sb.append("\n  ").append(r);
    }
    return sb.toString();
  }
}
