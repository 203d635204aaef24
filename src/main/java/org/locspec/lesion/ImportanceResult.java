package org.locspec.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.SubCluster;
import org.locspec.stats.CombinedTests;
import org.locspec.stats.EffectFactors;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.viz.Format;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of an {@link ImportanceTest} on one network: one {@link SubClusterImportance} row per
 * sub-cluster, the intact network's accuracy, and the provenance (network, test data, the partition
 * of the sub-clusters, options and seed). An immutable value: arrays are compared by content.
 *
 * <p>Across sub-clusters, {@link #combinedP()} and {@link #combinedPRange()} combine the
 * mid-rank-corrected p-values ({@link MonteCarloPValue#midRank}) with Fisher's method; {@link
 * #combineAcrossNets} combines several networks' combined p-values with the Bates distribution.
 * Effect sizes: {@link #meanEffectFactor()} (LocSpec's, in [0, 1]) and the papers' {@link
 * #effectFactorMeans()} and {@link #effectFactorRange()} (ratios around 1); see {@link
 * EffectFactors} for their ranges.
 *
 * @param provenance the network, test data, partition, options and seed
 * @param classNames the class names of the test data
 * @param intactPerClass per-class test accuracy of the intact network
 * @param intactAccuracy overall test accuracy of the intact network, in [0, 1]
 * @param rows one row per tested sub-cluster, in the order given
 */
public record ImportanceResult(
    Provenance<ImportanceOptions> provenance,
    List<String> classNames,
    double[] intactPerClass,
    double intactAccuracy,
    List<SubClusterImportance> rows)
    implements Tabular {

  /** Validates and copies. */
  public ImportanceResult {
    Objects.requireNonNull(provenance, "provenance");
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

  /** The options used (the provenance's). */
  public ImportanceOptions options() {
    return provenance.options();
  }

  /** The row of a sub-cluster. */
  public SubClusterImportance row(SubCluster subCluster) {
    for (SubClusterImportance r : rows) {
      if (r.subCluster().equals(subCluster)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        subCluster
            + " was not tested in this result; its sub-clusters are "
            + rows.stream().map(r -> r.subCluster().toString()).toList());
  }

  /** The number of sub-clusters significant under Benjamini–Hochberg (the "mean" statistic). */
  public int significantCount() {
    return (int) rows.stream().filter(SubClusterImportance::significant).count();
  }

  /**
   * Fisher's combination of the sub-clusters' mid-rank-corrected "mean" p-values: is this network's
   * clustering more important than random sets overall?
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
   * Fisher's combination of the mid-rank-corrected "range" p-values of the sub-clusters where it is
   * defined; NaN if it is defined for none.
   */
  public double combinedPRange() {
    double[] p =
        rows.stream()
            .filter(r -> Double.isFinite(r.pRange()))
            .mapToDouble(r -> MonteCarloPValue.midRank(r.pRange(), r.definedRandomRanges()))
            .toArray();
    return p.length == 0 ? Double.NaN : CombinedTests.fisher(p);
  }

  /**
   * The mean of LocSpec's effect factor over the sub-clusters where it is defined: in [0, 1], 0.5 =
   * the sub-clusters' lesions hurt as much as random ones; NaN if it is defined for none.
   */
  public double meanEffectFactor() {
    return rows.stream()
        .mapToDouble(SubClusterImportance::effectFactor)
        .filter(Double::isFinite)
        .average()
        .orElse(Double.NaN);
  }

  /**
   * The papers' {@code effect_factor_means} of this network: the {@code nanmean} over sub-clusters
   * of {@link SubClusterImportance#effectFactorMeans()}. In {@code [0, ∞]}, 1 = no more important
   * than random sets, above 1 = more; NaN if undefined for every sub-cluster.
   */
  public double effectFactorMeans() {
    return EffectFactors.nanMean(
        rows.stream().mapToDouble(SubClusterImportance::effectFactorMeans).toArray());
  }

  /**
   * The papers' {@code effect_factor_range} of this network: the {@code nanmean} over sub-clusters
   * of {@link SubClusterImportance#effectFactorRange()}. In {@code [0, ∞]}, 1 = no more
   * class-specific than random sets, below 1 = more; NaN if undefined for every sub-cluster.
   */
  public double effectFactorRange() {
    return EffectFactors.nanMean(
        rows.stream().mapToDouble(SubClusterImportance::effectFactorRange).toArray());
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
   * range, range percentile, p range, effect factor, the papers' two effect ratios, draws,
   * BH-significant. Undefined statistics are missing values; {@link #caption()} says why.
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
    DoubleColumn pct = DoubleColumn.create("range percentile");
    DoubleColumn pRange = DoubleColumn.create("p range");
    DoubleColumn effect = DoubleColumn.create("effect factor");
    DoubleColumn papersMeans = DoubleColumn.create("effect_factor_means");
    DoubleColumn papersRange = DoubleColumn.create("effect_factor_range");
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
      papersMeans.append(r.effectFactorMeans());
      papersRange.append(r.effectFactorRange());
      draws.append(r.draws());
      sig.append(r.significant());
    }
    return Table.create(
        "importance of " + provenance.network() + " on " + provenance.data().name(),
        layer,
        cluster,
        size,
        acc,
        mean,
        sd,
        pMean,
        range,
        pct,
        pRange,
        effect,
        papersMeans,
        papersRange,
        draws,
        sig);
  }

  /** What a row is, each statistic's range and direction, and why a cell can be "–". */
  @Override
  public String caption() {
    ImportanceOptions o = options();
    int minDraws = rows.stream().mapToInt(SubClusterImportance::draws).min().orElseThrow();
    String baseline =
        o.sequential() == null
            ? o.randomLesions() + " random same-size lesions"
            : "random same-size lesions drawn until a sequential test decides (at most "
                + o.sequential().maxDraws()
                + ")";
    return "One row per sub-cluster (one cluster's units in one layer; partition "
        + provenance.partition()
        + "), lesioned on "
        + provenance.data()
        + " against "
        + baseline
        + " of its layer ("
        + o.drawMode()
        + ", seed "
        + o.seed()
        + "); intact accuracy "
        + Format.number(intactAccuracy)
        + ". true accuracy, random mean, random sd: test accuracy"
        + " after the lesion, in [0, 1]. p mean: share of random lesions at least as harmful, in"
        + " [1/(draws + 1), 1] (here at least "
        + Format.number(1.0 / (minDraws + 1))
        + "), low = important. range: (max - min)/|mean| of the per-class accuracy changes, in"
        + " [0, ∞), high = class-specific; – when the mean accuracy change is 0. range percentile:"
        + " share of random ranges below the true one, in [1/(n + 1), 1], high = class-specific;"
        + " p range: its upper-tail p-value, low = class-specific; both – when the range is"
        + " undefined. effect factor (LocSpec): Δtrue/(Δtrue + mean Δrandom) of the accuracy"
        + " drops, in [0, 1], 0.5 = as harmful as a random lesion, higher = more important; – when"
        + " a lesion raised accuracy (negative drop) or neither changed it. effect_factor_means and"
        + " effect_factor_range (the papers' code): mean random accuracy / true accuracy (class"
        + " averages) and mean random range / true range, in [0, ∞], 1 = like random; above 1 ="
        + " more important, below 1 = more class-specific respectively; ∞ when the true value is"
        + " 0, – when a range is undefined. BH significant: p mean rejected by Benjamini–Hochberg"
        + " at q = "
        + Format.number(o.fdr())
        + " over the "
        + rows.size()
        + " sub-clusters.";
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
                provenance.network()
                    + " "
                    + subCluster.layer()
                    + " #"
                    + subCluster.cluster()
                    + " ("
                    + subCluster.size()
                    + " units): p mean "
                    + Format.number(r.pMean())
                    + ", effect factor "
                    + Format.number(r.effectFactor()))
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
   * LocSpec's effect factor (in [0, 1]) against sub-cluster size, one point per sub-cluster where
   * it is defined (the title counts those left out); BH-significant sub-clusters form their own
   * series.
   */
  public XYChart importanceVsSize() {
    long undefined = rows.stream().filter(r -> Double.isNaN(r.effectFactor())).count();
    XYChart chart =
        new XYChartBuilder()
            .width(700)
            .height(450)
            .title(
                "importance vs size: "
                    + provenance.network()
                    + (undefined == 0 ? "" : " (" + undefined + " without an effect factor)"))
            .xAxisTitle("sub-cluster size (units)")
            .yAxisTitle("effect factor Δtrue / (Δtrue + mean Δrandom), 0.5 = random")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
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
   * p-values of the "mean" and "range" statistics, LocSpec's mean effect factor and the papers'
   * {@code effect_factor_means}.
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
    DoubleColumn papersMeans = DoubleColumn.create("effect_factor_means");
    for (var e : results.entrySet()) {
      ImportanceResult r = e.getValue();
      label.append(e.getKey());
      net.append(r.provenance().network());
      n.append(r.rows().size());
      sig.append(r.significantCount());
      pMean.append(r.combinedP());
      pRange.append(r.combinedPRange());
      effect.append(r.meanEffectFactor());
      papersMeans.append(r.effectFactorMeans());
    }
    return Table.create(
        "importance summary: one row per result; combined p low = important; mean effect factor"
            + " in [0, 1], 0.5 = like random lesions; effect_factor_means (the papers') 1 = like"
            + " random, above 1 = important",
        label,
        net,
        n,
        sig,
        pMean,
        pRange,
        effect,
        papersMeans);
  }

  /** Every component, for equality by content. */
  private Object[] components() {
    return new Object[] {provenance, classNames, intactPerClass, intactAccuracy, rows};
  }

  /** Equal provenance, class names, intact accuracies and rows (arrays by content). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ImportanceResult r && Arrays.deepEquals(r.components(), components());
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(components());
  }

  /** One line: network, data, sub-clusters, intact accuracy, BH count, combined p, effects. */
  @Override
  public String toString() {
    return "ImportanceResult["
        + provenance.network()
        + " on "
        + provenance.data().name()
        + ": "
        + rows.size()
        + " sub-clusters, intact accuracy "
        + Format.number(intactAccuracy)
        + ", "
        + significantCount()
        + " BH-significant (q="
        + Format.number(options().fdr())
        + "), combined p mean "
        + Format.number(combinedP())
        + ", range "
        + Format.number(combinedPRange())
        + ", mean effect factor "
        + Format.number(meanEffectFactor())
        + ", effect_factor_means "
        + Format.number(effectFactorMeans())
        + "; "
        + options()
        + "]";
  }
}
