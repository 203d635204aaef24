package org.locspec.coherence;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.stats.BenjaminiHochberg;
import org.locspec.stats.CombinedTests;
import org.locspec.stats.Discoveries;
import org.locspec.stats.EffectFactors;
import org.locspec.stats.SequentialMonteCarlo;
import org.locspec.viz.Format;
import org.locspec.viz.ImageGrid;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The coherence of a network's sub-clusters under one analysis ({@link DatasetExamples} or {@link
 * FeatureVisualization}): per sub-cluster and measure, the observed statistic, its random
 * baselines, a Monte-Carlo p-value and percentile, Benjamini–Hochberg flags (at the options' q),
 * and per measure Fisher's combination of the mid-rank-corrected p-values. It also keeps what is
 * needed to show the evidence: the top dataset examples or the optimized images.
 *
 * <p>An immutable value with its provenance (network, data, partition, options and seed): equal
 * results have equal provenance, sub-clusters, statistics, random sets and evidence (arrays by
 * content); the data set itself is referred to by its {@link Provenance.Data}.
 *
 * <p>Reference: Hod et al., arXiv 2110.08058, §3–4.
 */
public final class CoherenceResult implements Tabular {
  /** Which analysis produced a result. */
  public enum Analysis {
    /** {@link DatasetExamples}. */
    DATASET_EXAMPLES,
    /** {@link FeatureVisualization}. */
    FEATURE_VISUALIZATION
  }

  /** What one sub-cluster's analysis produced; built by the analyses of this package. */
  record Entry(
      SubCluster subCluster,
      int[][] randomSets,
      Map<Measure, Double> observed,
      Map<Measure, double[]> randoms,
      int[] topExamples,
      int[] topPredicted,
      float[][] images) {

    /** Equal sub-cluster, statistics and evidence, arrays by content. */
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Entry e)
          || !e.subCluster.equals(subCluster)
          || !e.observed.equals(observed)
          || !e.randoms.keySet().equals(randoms.keySet())) {
        return false;
      }
      for (var r : randoms.entrySet()) {
        if (!Arrays.equals(r.getValue(), e.randoms.get(r.getKey()))) {
          return false;
        }
      }
      return Arrays.deepEquals(e.randomSets, randomSets)
          && Arrays.equals(e.topExamples, topExamples)
          && Arrays.equals(e.topPredicted, topPredicted)
          && Arrays.deepEquals(e.images, images);
    }

    @Override
    public int hashCode() {
      return Objects.hash(subCluster, observed, Arrays.deepHashCode(randomSets));
    }
  }

  private final Analysis analysis;
  private final Provenance<CoherenceOptions> provenance;
  private final List<Measure> measures;
  private final List<SubCluster> subClusters;
  private final Map<SubCluster, String> skipped;
  private final Map<Measure, List<CoherenceScore>> scores;
  private final Map<SubCluster, Entry> entries;
  private final ImageDataset dataset;
  private final long[] imageShape;

  CoherenceResult(
      Analysis analysis,
      Provenance<CoherenceOptions> provenance,
      ImageDataset dataset,
      long[] imageShape,
      List<Measure> measures,
      List<Entry> entries,
      Map<SubCluster, String> skipped) {
    this.analysis = analysis;
    this.provenance = provenance;
    this.dataset = dataset;
    this.imageShape = imageShape.clone();
    this.measures = List.copyOf(measures);
    this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    Map<SubCluster, Entry> byCluster = new LinkedHashMap<>();
    for (Entry e : entries) {
      byCluster.put(e.subCluster(), e);
    }
    this.entries = Collections.unmodifiableMap(byCluster);
    this.subClusters = List.copyOf(byCluster.keySet());
    Map<Measure, List<CoherenceScore>> s = new EnumMap<>(Measure.class);
    for (Measure m : measures) {
      s.put(m, scoresOf(m, entries, provenance.options()));
    }
    this.scores = Collections.unmodifiableMap(s);
  }

  /**
   * One measure's scores of every entry: the options' test on the entry's draws, BH q-values and
   * decisions at the options' rate.
   */
  private static List<CoherenceScore> scoresOf(
      Measure m, List<Entry> entries, CoherenceOptions options) {
    int n = entries.size();
    SequentialMonteCarlo.Outcome[] tests = new SequentialMonteCarlo.Outcome[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      tests[i] =
          options
              .test()
              .outcome(e.observed().get(m), m.tail(), e.randoms().get(m))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          e.subCluster() + " has too few random sets to decide " + m));
      p[i] = tests[i].pValue();
    }
    double[] q = n == 0 ? new double[0] : BenjaminiHochberg.adjust(p);
    boolean[] rejected = n == 0 ? new boolean[0] : BenjaminiHochberg.reject(p, options.fdr());
    List<CoherenceScore> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      list.add(
          new CoherenceScore(
              e.subCluster(),
              m,
              e.observed().get(m),
              e.randoms().get(m),
              tests[i],
              Math.min(options.randomSets(), e.randoms().get(m).length),
              q[i],
              rejected[i]));
    }
    return List.copyOf(list);
  }

  /** Which analysis produced this result. */
  public Analysis analysis() {
    return analysis;
  }

  /** Where this result came from: network, data, partition, options and seed. */
  public Provenance<CoherenceOptions> provenance() {
    return provenance;
  }

  /** The options used (the provenance's). */
  public CoherenceOptions options() {
    return provenance.options();
  }

  /** The measures, the primary one first. */
  public List<Measure> measures() {
    return measures;
  }

  /** The primary measure: label entropy for dataset examples, the objective for visualization. */
  public Measure measure() {
    return measures.get(0);
  }

  /** The sub-clusters tested, in the order given. */
  public List<SubCluster> subClusters() {
    return subClusters;
  }

  /** Sub-clusters given but not tested, each with the reason (e.g. too small). */
  public Map<SubCluster, String> skipped() {
    return skipped;
  }

  /** The scores of every tested sub-cluster under one measure, in sub-cluster order. */
  public List<CoherenceScore> scores(Measure measure) {
    List<CoherenceScore> s = scores.get(measure);
    if (s == null) {
      throw new IllegalArgumentException(
          "measure " + measure + " is not in this result; its measures are " + measures);
    }
    return s;
  }

  /** The score of one sub-cluster under one measure. */
  public CoherenceScore score(SubCluster subCluster, Measure measure) {
    int i = indexOf(subCluster);
    return scores(measure).get(i);
  }

  /** The random unit sets drawn for a sub-cluster (sorted unit indices). */
  public int[][] randomSets(SubCluster subCluster) {
    int[][] r = entry(subCluster).randomSets();
    int[][] out = new int[r.length][];
    for (int i = 0; i < r.length; i++) {
      out[i] = r[i].clone();
    }
    return out;
  }

  /** The papers' combined p-value of the primary measure; see {@link #combinedP(Measure)}. */
  public double combinedP() {
    return combinedP(measure());
  }

  /**
   * The papers' {@code combined_ps} under one measure: their {@code combine_ps} (Fisher on
   * mid-rank-corrected percentiles, {@link CombinedTests#combinePs}) of the sub-clusters' {@link
   * CoherenceScore#percentile()}s from the first {@link CoherenceOptions#randomSets()} random sets.
   * Small when the sub-clusters are, together, more coherent than random sets.
   *
   * @return the combined p-value, or NaN if no sub-cluster was tested
   */
  public double combinedP(Measure measure) {
    List<CoherenceScore> s = scores(measure);
    if (s.isEmpty()) {
      return Double.NaN;
    }
    double[] pct = s.stream().mapToDouble(CoherenceScore::percentile).toArray();
    return CombinedTests.combinePs(pct, s.get(0).papersDraws());
  }

  /**
   * The papers' mean effect factor under one measure ({@code effect_factors}): the {@code nanmean}
   * of {@link CoherenceScore#effectFactor()} over the sub-clusters. In {@code [0, ∞)}, 1 = like
   * random sets; NaN if it is undefined for every sub-cluster.
   */
  public double meanEffectFactor(Measure measure) {
    return EffectFactors.nanMean(
        scores(measure).stream().mapToDouble(CoherenceScore::effectFactor).toArray());
  }

  /** The random sets the tests of one measure used, over all sub-clusters. */
  public long totalDraws(Measure measure) {
    return scores(measure).stream().mapToLong(CoherenceScore::draws).sum();
  }

  /**
   * The random sets evaluated over all sub-clusters (the cost: every measure's test draws, and the
   * papers' random sets where the tests stopped before them).
   */
  public long randomSetsDrawn() {
    return entries.values().stream().mapToLong(e -> e.randomSets().length).sum();
  }

  /**
   * LocSpec's finding under one measure: how many sub-clusters are coherent after
   * Benjamini–Hochberg at the options' q, and whether a 0 means "none found" or "cannot be found
   * with these draws".
   */
  public Discoveries discoveries(Measure measure) {
    List<CoherenceScore> s = scores(measure);
    int rejected = (int) s.stream().filter(CoherenceScore::significant).count();
    return new Discoveries(
        s.size(), rejected, options().fdr(), options().test().smallestP(), totalDraws(measure));
  }

  /** Benjamini–Hochberg flags (at the options' q) under one measure, in sub-cluster order. */
  public boolean[] significant(Measure measure) {
    List<CoherenceScore> s = scores(measure);
    boolean[] out = new boolean[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i).significant();
    }
    return out;
  }

  /** The sub-clusters found coherent under one measure at the options' false discovery rate. */
  public List<SubCluster> coherent(Measure measure) {
    return scores(measure).stream()
        .filter(CoherenceScore::significant)
        .map(CoherenceScore::subCluster)
        .toList();
  }

  /**
   * One row per sub-cluster and measure: layer, cluster, size, measure, observed, random mean,
   * z-score; LocSpec's test: p, draws, q (BH), coherent; the papers' percentile and effect_factor.
   */
  @Override
  public Table toTable() {
    List<CoherenceScore> all = new ArrayList<>();
    for (Measure m : measures) {
      all.addAll(scores(m));
    }
    StringColumn layer = StringColumn.create("layer");
    IntColumn cluster = IntColumn.create("cluster");
    IntColumn size = IntColumn.create("size");
    StringColumn measure = StringColumn.create("measure");
    DoubleColumn observed = DoubleColumn.create("observed");
    DoubleColumn mean = DoubleColumn.create("random mean");
    DoubleColumn z = DoubleColumn.create("z");
    DoubleColumn p = DoubleColumn.create("p");
    IntColumn draws = IntColumn.create("draws");
    DoubleColumn q = DoubleColumn.create("q (BH)");
    BooleanColumn coherent = BooleanColumn.create("coherent");
    DoubleColumn pct = DoubleColumn.create("percentile");
    DoubleColumn effect = DoubleColumn.create("effect_factor");
    for (CoherenceScore s : all) {
      layer.append(s.subCluster().layer());
      cluster.append(s.subCluster().cluster());
      size.append(s.subCluster().size());
      measure.append(s.measure().name());
      observed.append(s.observed());
      mean.append(s.randomMean());
      z.append(s.zScore());
      p.append(s.pValue());
      draws.append(s.draws());
      q.append(s.qValue());
      coherent.append(s.significant());
      pct.append(s.percentile());
      effect.append(s.effectFactor());
    }
    return Table.create(
        "coherence (" + analysisName() + ") of " + provenance.network(),
        layer,
        cluster,
        size,
        measure,
        observed,
        mean,
        z,
        p,
        draws,
        q,
        coherent,
        pct,
        effect);
  }

  /**
   * What a row is, what can be concluded per measure (the Benjamini–Hochberg count and whether a 0
   * means "none found" or "cannot be found with these draws", the smallest attainable p-value, the
   * draws in total), each statistic's range and direction, and why a cell can be "–".
   */
  @Override
  public String caption() {
    CoherenceOptions o = options();
    int n = o.randomSets();
    StringBuilder sb =
        new StringBuilder("One row per tested sub-cluster (partition ")
            .append(provenance.partition())
            .append(") and measure, against random same-size unit sets of its layer (")
            .append(o.drawMode())
            .append(", seed ")
            .append(o.seed())
            .append("); data ")
            .append(provenance.data())
            .append(". LocSpec's test, a ")
            .append(o.test())
            .append(", per measure: ");
    for (Measure m : measures) {
      sb.append(discoveries(m).sentence("sub-clusters", "coherent by " + m.description()))
          .append("; ");
    }
    sb.append(randomSetsDrawn())
        .append(" random sets evaluated with the papers' ")
        .append(n)
        .append(
            ". observed, random mean: the measure of the sub-cluster and the mean over all its"
                + " random sets; ");
    for (Measure m : measures) {
      sb.append(m.name()).append(' ').append(m.range()).append("; ");
    }
    sb.append(
            "z: (observed - random mean)/random sd, – when the random sets' values are"
                + " all equal. p: ")
        .append(o.test().describe("random sets at least as coherent"))
        .append(
            ", low = coherent; draws: random sets the test used; q (BH): Benjamini–Hochberg"
                + " adjusted p over the sub-clusters; coherent: q ≤ ")
        .append(Format.number(o.fdr()))
        .append(". The papers' statistics, from the first ")
        .append(n)
        .append(
            " random sets as their code computes them: percentile = (#random sets strictly"
                + " more coherent + 1)/")
        .append(n + 1)
        .append(
            ", low = coherent (ties do not count); effect_factor = mean random value /"
                + " observed value, in [0, ∞), 1 = like random, above 1 = coherent for an entropy and"
                + " below 1 for the objective, – when the observed value is 0 (their code leaves such"
                + " sub-clusters out). Over the sub-clusters, combined_p (Fisher on mid-rank-corrected"
                + " percentiles):");
    for (Measure m : measures) {
      sb.append(' ')
          .append(m.name())
          .append(' ')
          .append(Format.number(combinedP(m)))
          .append(" (mean effect_factor ")
          .append(Format.number(meanEffectFactor(m)))
          .append(')');
    }
    return sb.append('.').toString();
  }

  /**
   * A scatter chart of one measure: per sub-cluster (x), the random sets' values as small dots and
   * the sub-cluster's own value as a large diamond.
   */
  public XYChart chart(Measure measure) {
    List<CoherenceScore> s = scores(measure);
    XYChart chart =
        new XYChartBuilder()
            .width(720)
            .height(400)
            .title(measure.description() + " — " + provenance.network())
            .xAxisTitle("sub-cluster")
            .yAxisTitle(measure.name())
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    int total = 0;
    for (CoherenceScore c : s) {
      total += c.randoms().length;
    }
    double[] rx = new double[Math.max(1, total)];
    double[] ry = new double[Math.max(1, total)];
    double[] ox = new double[Math.max(1, s.size())];
    double[] oy = new double[Math.max(1, s.size())];
    int k = 0;
    for (int i = 0; i < s.size(); i++) {
      for (double v : s.get(i).randoms()) {
        rx[k] = i + 1;
        ry[k++] = v;
      }
      ox[i] = i + 1;
      oy[i] = s.get(i).observed();
    }
    chart.addSeries("random sets", rx, ry).setMarker(SeriesMarkers.CIRCLE);
    chart.addSeries("sub-cluster", ox, oy).setMarker(SeriesMarkers.DIAMOND);
    return chart;
  }

  /**
   * The top-k dataset examples of a sub-cluster, captioned with their labels (and the network's
   * prediction where it differs).
   *
   * @throws IllegalStateException if this result is not from {@link DatasetExamples}
   */
  public BufferedImage topExamplesGrid(SubCluster subCluster) {
    Entry e = entry(subCluster, Analysis.DATASET_EXAMPLES, "top examples", "visualizationGrid");
    List<String> names = dataset.classNames();
    ImageGrid.Builder g =
        ImageGrid.builder(dataset.channels(), dataset.height(), dataset.width())
            .columns(Math.min(10, e.topExamples().length))
            .title(
                gridTitle(subCluster)
                    + ": top "
                    + e.topExamples().length
                    + ", label entropy "
                    + Format.number(e.observed().get(Measure.LABEL_ENTROPY))
                    + " bits, p = "
                    + Format.number(score(subCluster, Measure.LABEL_ENTROPY).pValue()));
    for (int i = 0; i < e.topExamples().length; i++) {
      int idx = e.topExamples()[i];
      String caption = names.get(dataset.label(idx));
      if (e.topPredicted()[i] != dataset.label(idx)) {
        caption += " (→" + names.get(e.topPredicted()[i]) + ")";
      }
      g.add(dataset.image(idx), caption);
    }
    return g.build().toImage();
  }

  /** {@link #topExamplesGrid} as PNG bytes. */
  public byte[] topExamplesPng(SubCluster subCluster) {
    return ImageGrid.png(topExamplesGrid(subCluster));
  }

  /**
   * The sub-cluster's feature visualization (first) beside those of its random sets, each captioned
   * with its objective.
   *
   * @throws IllegalStateException if this result is not from {@link FeatureVisualization}
   */
  public BufferedImage visualizationGrid(SubCluster subCluster) {
    Entry e =
        entry(subCluster, Analysis.FEATURE_VISUALIZATION, "optimized images", "topExamplesGrid");
    CoherenceScore s = score(subCluster, Measure.VIS_SCORE);
    double[] r = s.randoms();
    ImageGrid.Builder g =
        ImageGrid.builder((int) imageShape[0], (int) imageShape[1], (int) imageShape[2])
            .columns(Math.min(10, e.images().length))
            .contrast(ImageGrid.Contrast.FIXED)
            .title(
                gridTitle(subCluster)
                    + " vs "
                    + (e.images().length - 1)
                    + " of "
                    + r.length
                    + " random sets: objective p = "
                    + Format.number(s.pValue())
                    + ", entropy p = "
                    + Format.number(score(subCluster, Measure.VIS_ENTROPY).pValue()));
    g.add(e.images()[0], "cluster " + Format.number(s.observed()));
    for (int i = 1; i < e.images().length; i++) {
      g.add(e.images()[i], "rand " + Format.number(r[i - 1]));
    }
    return g.build().toImage();
  }

  /** {@link #visualizationGrid} as PNG bytes. */
  public byte[] visualizationPng(SubCluster subCluster) {
    return ImageGrid.png(visualizationGrid(subCluster));
  }

  /**
   * The optimized images of a sub-cluster: index 0 is the sub-cluster's, then one for each of its
   * first {@link CoherenceOptions#randomSets()} random sets (the papers' draws; the images of
   * further draws are not kept); each {@code C·H·W} values in [0, 1].
   */
  public float[][] images(SubCluster subCluster) {
    float[][] im = entry(subCluster).images();
    if (im == null) {
      throw new IllegalStateException("this " + analysis + " result holds no optimized images");
    }
    float[][] out = new float[im.length][];
    for (int i = 0; i < im.length; i++) {
      out[i] = im[i].clone();
    }
    return out;
  }

  /** The indices (into the data set) of a sub-cluster's top examples, most excited first. */
  public int[] topExamples(SubCluster subCluster) {
    int[] t = entry(subCluster).topExamples();
    if (t == null) {
      throw new IllegalStateException("this " + analysis + " result holds no dataset examples");
    }
    return t.clone();
  }

  private Entry entry(SubCluster subCluster) {
    Objects.requireNonNull(subCluster, "subCluster must not be null");
    Entry e = entries.get(subCluster);
    if (e == null) {
      String why = skipped.get(subCluster);
      throw new IllegalArgumentException(
          subCluster
              + " was not tested in this result"
              + (why == null ? "; tested: " + subClusters : " (" + why + ")"));
    }
    return e;
  }

  /** The entry of a sub-cluster of a result of the given analysis, which holds {@code what}. */
  private Entry entry(SubCluster subCluster, Analysis expected, String what, String instead) {
    if (analysis != expected) {
      String source =
          expected == Analysis.DATASET_EXAMPLES ? "DatasetExamples" : "FeatureVisualization";
      throw new IllegalStateException(
          what
              + " exist only in a "
              + source
              + " result; this one is from "
              + analysis
              + " (use "
              + instead
              + ")");
    }
    return entry(subCluster);
  }

  private int indexOf(SubCluster subCluster) {
    entry(subCluster);
    return subClusters.indexOf(subCluster);
  }

  private static String gridTitle(SubCluster subCluster) {
    return subCluster.layer() + " #" + subCluster.cluster() + " (" + subCluster.size() + " units)";
  }

  private String analysisName() {
    return analysis.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Equal analysis, provenance, measures, skipped sub-clusters, scores and evidence. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CoherenceResult r
        && r.analysis == analysis
        && r.provenance.equals(provenance)
        && r.measures.equals(measures)
        && r.skipped.equals(skipped)
        && r.scores.equals(scores)
        && r.entries.equals(entries)
        && Arrays.equals(r.imageShape, imageShape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(analysis, provenance, scores);
  }

  /**
   * One line: analysis, network, data, counts, the test, and per measure LocSpec's finding and the
   * papers' combined p.
   */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("CoherenceResult[")
            .append(analysisName())
            .append(" of ")
            .append(provenance.network())
            .append(" on ")
            .append(provenance.data().name())
            .append(": ")
            .append(subClusters.size())
            .append(" sub-clusters tested")
            .append(skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped)")
            .append(", ")
            .append(options().test())
            .append(", seed ")
            .append(options().seed());
    for (Measure m : measures) {
      sb.append("; ")
          .append(m)
          .append(": ")
          .append(discoveries(m).sentence("sub-clusters", "coherent"))
          .append(", the papers' combined_p ")
          .append(Format.number(combinedP(m)));
    }
    return sb.append(']').toString();
  }
}
