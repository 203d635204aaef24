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
import org.locspec.stats.Discoveries;
import org.locspec.stats.EffectFactors;
import org.locspec.stats.SequentialMonteCarlo;
import org.locspec.viz.Format;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of an {@link ImportanceTest} on one network: one {@link SubClusterImportance} row per
 * sub-cluster, the intact network's accuracy, and the provenance (network, test data, the partition
 * of the sub-clusters, options and seed). An immutable value: arrays are compared by content.
 *
 * <p>LocSpec's finding is {@link #discoveries()}: the sub-clusters important after
 * Benjamini–Hochberg on the p-values of the options' test (by default sequential, at most 999
 * draws), with what a count of 0 means under the smallest attainable p-value. The papers'
 * statistics from their first 19 random lesions sit beside it: {@link #combinedPMeans()} and {@link
 * #combinedPRanges()} (their {@code combined_p_means} and {@code combined_p_ranges}: Fisher on
 * mid-rank-corrected percentiles), {@link #effectFactorMeans()} and {@link #effectFactorRange()},
 * and {@link #combineAcrossNets} (Bates across networks). {@link #meanEffectFactor()} is LocSpec's
 * bounded effect size; {@link EffectFactors} gives every range.
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

  /** The test that decided each sub-cluster (the options'). */
  public SequentialMonteCarlo test() {
    return options().test();
  }

  /** The number of sub-clusters important after Benjamini–Hochberg (the "mean" statistic). */
  public int significantCount() {
    return (int) rows.stream().filter(SubClusterImportance::significant).count();
  }

  /** The random lesions the tests used, over all sub-clusters (the sum of the draws column). */
  public long totalDraws() {
    return rows.stream().mapToLong(SubClusterImportance::draws).sum();
  }

  /**
   * The random lesions evaluated, over all sub-clusters: the tests' draws and the papers' 19 where
   * a test stopped before them. The cost of the analysis.
   */
  public long lesionsDrawn() {
    return rows.stream().mapToLong(SubClusterImportance::lesionsDrawn).sum();
  }

  /**
   * LocSpec's finding: how many sub-clusters are important after Benjamini–Hochberg at the options'
   * q, and whether a 0 means "none found" or "cannot be found with these draws".
   */
  public Discoveries discoveries() {
    return new Discoveries(
        rows.size(), significantCount(), options().fdr(), test().smallestP(), totalDraws());
  }

  /**
   * The papers' {@code combined_p_means}: their {@code combine_ps} (Fisher on mid-rank-corrected
   * percentiles, {@link CombinedTests#combinePs}) of the sub-clusters' {@code mean_percentile}s
   * from the first {@link ImportanceOptions#randomLesions()} random lesions. Low = the network's
   * clustering is more important than random sets overall.
   */
  public double combinedPMeans() {
    double[] p = rows.stream().mapToDouble(SubClusterImportance::meanPercentile).toArray();
    return CombinedTests.combinePs(p, options().randomLesions());
  }

  /**
   * The papers' {@code combined_p_ranges}: {@code combine_ps} of the {@code range_percentile}s of
   * the sub-clusters where the range is defined; NaN if it is defined for none. Low = more
   * class-specific than random sets.
   */
  public double combinedPRanges() {
    double[] p =
        rows.stream()
            .mapToDouble(SubClusterImportance::rangePercentile)
            .filter(Double::isFinite)
            .toArray();
    return p.length == 0 ? Double.NaN : CombinedTests.combinePs(p, options().randomLesions());
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
   * Combines several networks (e.g. 5 seeds of one configuration) as the papers do: the Bates
   * combined p-value of their {@link #combinedPMeans()} values.
   *
   * @param results one result per network, at least one
   * @return {@code P(mean of n uniforms ≤ mean of the nets' combined p-values)}
   */
  public static double combineAcrossNets(List<ImportanceResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("combineAcrossNets needs at least one result, got none");
    }
    return CombinedTests.bates(
        results.stream().mapToDouble(ImportanceResult::combinedPMeans).toArray());
  }

  /**
   * Like {@link #combineAcrossNets} for the "range" statistic; nets whose {@link
   * #combinedPRanges()} is undefined are left out (NaN if all are).
   */
  public static double combineAcrossNetsRange(List<ImportanceResult> results) {
    double[] p =
        results.stream()
            .mapToDouble(ImportanceResult::combinedPRanges)
            .filter(Double::isFinite)
            .toArray();
    return p.length == 0 ? Double.NaN : CombinedTests.bates(p);
  }

  /**
   * One row per sub-cluster: layer, cluster, size, true accuracy, random mean and sd; LocSpec's
   * test: p mean, draws, q (BH), important; LocSpec's effect factor; the papers' statistics from
   * their first random lesions: mean_percentile, range, range_percentile, effect_factor_means,
   * effect_factor_range. Undefined statistics are missing values; {@link #caption()} says why.
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
    IntColumn draws = IntColumn.create("draws");
    DoubleColumn q = DoubleColumn.create("q (BH)");
    BooleanColumn important = BooleanColumn.create("important");
    DoubleColumn effect = DoubleColumn.create("effect factor");
    DoubleColumn meanPct = DoubleColumn.create("mean_percentile");
    DoubleColumn range = DoubleColumn.create("range");
    DoubleColumn rangePct = DoubleColumn.create("range_percentile");
    DoubleColumn papersMeans = DoubleColumn.create("effect_factor_means");
    DoubleColumn papersRange = DoubleColumn.create("effect_factor_range");
    for (SubClusterImportance r : rows) {
      layer.append(r.subCluster().layer());
      cluster.append(r.subCluster().cluster());
      size.append(r.subCluster().size());
      acc.append(r.trueAccuracy());
      mean.append(r.randomMean());
      sd.append(r.randomSd());
      pMean.append(r.pMean());
      draws.append(r.draws());
      q.append(r.qValue());
      important.append(r.significant());
      effect.append(r.effectFactor());
      meanPct.append(r.meanPercentile());
      range.append(r.trueRange());
      rangePct.append(r.rangePercentile());
      papersMeans.append(r.effectFactorMeans());
      papersRange.append(r.effectFactorRange());
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
        draws,
        q,
        important,
        effect,
        meanPct,
        range,
        rangePct,
        papersMeans,
        papersRange);
  }

  /**
   * What a row is, what can be concluded (the Benjamini–Hochberg count and whether a 0 means "none
   * found" or "cannot be found with these draws", the smallest attainable p-value, the draws in
   * total), each statistic's range and direction, and why a cell can be "–".
   */
  @Override
  public String caption() {
    ImportanceOptions o = options();
    SequentialMonteCarlo t = test();
    int n = o.randomLesions();
    return "One row per sub-cluster (one cluster's units in one layer; partition "
        + provenance.partition()
        + "), lesioned on "
        + provenance.data()
        + " and compared with random same-size lesions of its layer ("
        + o.drawMode()
        + ", seed "
        + o.seed()
        + "); intact accuracy "
        + Format.number(intactAccuracy)
        + ". LocSpec's test, a "
        + t
        + ": "
        + discoveries().sentence("sub-clusters", "important")
        + ". p mean: "
        + t.describe("random lesions at least as harmful (accuracy ≤ the sub-cluster's)")
        + ", low = important; draws: random lesions the test used ("
        + totalDraws()
        + " in total; "
        + lesionsDrawn()
        + " evaluated with the papers' "
        + n
        + "); q (BH):"
        + " Benjamini–Hochberg adjusted p mean over the "
        + rows.size()
        + " sub-clusters;"
        + " important: q ≤ "
        + Format.number(o.fdr())
        + ". true accuracy, random mean, random sd:"
        + " test accuracy after the lesion, in [0, 1]. effect factor (LocSpec): Δtrue/(Δtrue +"
        + " mean Δrandom) of the accuracy drops over all random lesions drawn, in [0, 1], 0.5 ="
        + " as harmful as a random lesion, higher = more important; – when a lesion raised"
        + " accuracy (negative drop) or neither changed it. The papers' statistics, from the first"
        + " "
        + n
        + " random lesions as their code computes them: mean_percentile = (#random"
        + " lesions with lower class-averaged accuracy + 1)/"
        + (n + 1)
        + ", low = important"
        + " (ties do not count); range = (max - min)/|mean| of the per-class accuracy changes, in"
        + " [0, ∞), high = class-specific, – when the mean change is 0; range_percentile ="
        + " (#random ranges above the true one + 1)/"
        + (n + 1)
        + ", low = class-specific, – when"
        + " the range is undefined; effect_factor_means = mean random accuracy / true accuracy"
        + " (class averages) and effect_factor_range = mean random range / true range, in [0,"
        + " ∞], 1 = like random, above 1 = more important and below 1 = more class-specific"
        + " respectively, ∞ when the true value is 0, – when a range is undefined. Over the"
        + " sub-clusters: "
        + papersStatistics()
        + ", mean effect factor "
        + Format.number(meanEffectFactor())
        + ".";
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
                    + " ("
                    + r.draws()
                    + " draws)"
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
    chart.addSeries(
        "random lesions (mean ± sd, n = " + r.lesionsDrawn() + ")", classes, random, sd);
    return chart;
  }

  /**
   * LocSpec's effect factor (in [0, 1]) against sub-cluster size, one point per sub-cluster where
   * it is defined (the title counts those left out); sub-clusters important after BH form their own
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
        chart.addSeries(significant ? "important (BH)" : "not important", x, y);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no defined effect factor", List.of(0), List.of(0.5));
    }
    return chart;
  }

  /**
   * The importance summary across results: one row per labelled result, e.g. "mlp-fashion / weights
   * / global", with the number of sub-clusters, LocSpec's test and its finding (important after BH,
   * what a 0 means, draws in total, smallest attainable p), and the papers' statistics ({@code
   * combined_p_means}, {@code combined_p_ranges}, {@code effect_factor_means}, {@code
   * effect_factor_range}) with LocSpec's mean effect factor.
   *
   * @param results results keyed by the row labels the caller chooses, in the map's order
   * @return the table
   */
  public static Table summaryTable(Map<String, ImportanceResult> results) {
    StringColumn label = StringColumn.create("label");
    StringColumn net = StringColumn.create("network");
    IntColumn n = IntColumn.create("sub-clusters");
    StringColumn test = StringColumn.create("test");
    IntColumn sig = IntColumn.create("important (BH)");
    StringColumn verdict = StringColumn.create("finding");
    LongColumn draws = LongColumn.create("draws");
    DoubleColumn smallest = DoubleColumn.create("smallest p");
    DoubleColumn pMeans = DoubleColumn.create("combined_p_means");
    DoubleColumn pRanges = DoubleColumn.create("combined_p_ranges");
    DoubleColumn papersMeans = DoubleColumn.create("effect_factor_means");
    DoubleColumn papersRange = DoubleColumn.create("effect_factor_range");
    DoubleColumn effect = DoubleColumn.create("mean effect factor");
    for (var e : results.entrySet()) {
      ImportanceResult r = e.getValue();
      Discoveries d = r.discoveries();
      label.append(e.getKey());
      net.append(r.provenance().network());
      n.append(r.rows().size());
      test.append(r.test().toString());
      sig.append(d.rejected());
      verdict.append(d.verdict());
      draws.append(d.draws());
      smallest.append(d.smallestP());
      pMeans.append(r.combinedPMeans());
      pRanges.append(r.combinedPRanges());
      papersMeans.append(r.effectFactorMeans());
      papersRange.append(r.effectFactorRange());
      effect.append(r.meanEffectFactor());
    }
    return Table.create(
        "importance summary: one row per result. important (BH): sub-clusters whose lesion hurts"
            + " more than random ones after Benjamini–Hochberg; finding: \"cannot be found with"
            + " these draws\" when BH could not have rejected a single sub-cluster at the smallest"
            + " p; combined_p_means/ranges (the papers', from their first draws) low = important /"
            + " class-specific; effect_factor_means 1 = like random, above 1 = important; mean"
            + " effect factor in [0, 1], 0.5 = like random",
        label,
        net,
        n,
        test,
        sig,
        verdict,
        draws,
        smallest,
        pMeans,
        pRanges,
        papersMeans,
        papersRange,
        effect);
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

  /** One line: network, data, intact accuracy, LocSpec's finding, the papers' statistics. */
  @Override
  public String toString() {
    return "ImportanceResult["
        + provenance.network()
        + " on "
        + provenance.data().name()
        + ", intact accuracy "
        + Format.number(intactAccuracy)
        + "; "
        + test()
        + ": "
        + discoveries().sentence("sub-clusters", "important")
        + "; the papers' "
        + options().randomLesions()
        + " draws: "
        + papersStatistics()
        + "; mean effect factor "
        + Format.number(meanEffectFactor())
        + "]";
  }

  /** The papers' four statistics over the sub-clusters, named as their code names them. */
  private String papersStatistics() {
    return "combined_p_means "
        + Format.number(combinedPMeans())
        + ", combined_p_ranges "
        + Format.number(combinedPRanges())
        + ", effect_factor_means "
        + Format.number(effectFactorMeans())
        + ", effect_factor_range "
        + Format.number(effectFactorRange());
  }
}
