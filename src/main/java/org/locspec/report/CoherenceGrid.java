package org.locspec.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.CoherenceScore;
import org.locspec.coherence.DatasetExamples;
import org.locspec.coherence.FeatureVisualization;
import org.locspec.coherence.Measure;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.report.PartitionGrid.Kind;
import org.locspec.stats.CombinedTests;
import org.locspec.stats.EffectFactors;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The papers' coherence table for one network: one coherence analysis ({@link DatasetExamples} or
 * {@link FeatureVisualization}) of the sub-clusters of each partition of a {@link PartitionGrid},
 * with, per partition and measure, the sub-clusters tested, those coherent after Benjamini–Hochberg
 * and Fisher's combined p-value. {@link #acrossNets} combines several networks with the Bates
 * distribution.
 *
 * <pre>{@code
 * CoherenceGrid g = CoherenceGrid.examples(net, test, grid, CoherenceOptions.paper(), progress);
 * g.toTable();       // partition × measure (label entropy, predicted-label entropy)
 * }</pre>
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), section 4.2 and its coherence tables.
 *
 * @param partitions the partitions the sub-clusters came from
 * @param analysis the coherence analysis run
 * @param results the result of each partition that had sub-clusters to analyse
 */
public record CoherenceGrid(
    PartitionGrid partitions, CoherenceResult.Analysis analysis, Map<Kind, CoherenceResult> results)
    implements Tabular {

  /** Validates and copies. */
  public CoherenceGrid {
    Objects.requireNonNull(partitions, "partitions must not be null");
    Objects.requireNonNull(analysis, "analysis must not be null");
    results = Map.copyOf(results);
    if (results.isEmpty()) {
      throw new IllegalArgumentException(
          "a coherence grid needs at least one result; no partition of "
              + partitions.network()
              + " had sub-clusters to analyse");
    }
  }

  /**
   * Coherence by dataset examples of every partition's sub-clusters (at least 5 units and at most
   * 75 % of the layer).
   *
   * @param network the network the partitions were made from
   * @param data the inputs to rank (the papers: the test set)
   * @param partitions the partitions
   * @param options top k, random sets, seed, FDR
   * @param progress receives each partition's analysis
   * @return one result per partition with sub-clusters to analyse
   */
  public static CoherenceGrid examples(
      Network network,
      ImageDataset data,
      PartitionGrid partitions,
      CoherenceOptions options,
      ProgressListener progress) {
    return new CoherenceGrid(
        partitions,
        CoherenceResult.Analysis.DATASET_EXAMPLES,
        partitions.analyse(
            partitions::forCoherence,
            subClusters -> DatasetExamples.run(network, data, subClusters, options, progress)));
  }

  /**
   * Coherence by feature visualization of every partition's sub-clusters (more than 2 units).
   *
   * @param network the network the partitions were made from
   * @param partitions the partitions
   * @param options steps, learning rate, parametrization, random sets, seed, FDR
   * @param progress receives each partition's optimization
   * @return one result per partition with sub-clusters to visualize
   */
  public static CoherenceGrid visualization(
      Network network,
      PartitionGrid partitions,
      CoherenceOptions options,
      ProgressListener progress) {
    return new CoherenceGrid(
        partitions,
        CoherenceResult.Analysis.FEATURE_VISUALIZATION,
        partitions.analyse(
            kind ->
                partitions.forImportance(kind).stream()
                    .filter(s -> s.size() >= FeatureVisualization.MIN_SIZE)
                    .toList(),
            subClusters -> FeatureVisualization.run(network, subClusters, options, progress)));
  }

  /**
   * The result of one partition kind.
   *
   * @param kind the kind
   * @return its coherence result
   * @throws IllegalArgumentException if this grid has none for it
   */
  public CoherenceResult result(Kind kind) {
    return partitions.result(results, kind, "coherence");
  }

  /** The results by row label ("weights / global", ...), in {@link Kind} order. */
  public Map<String, CoherenceResult> labelled() {
    return partitions.labelled(results);
  }

  /**
   * One row per partition and measure: sub-clusters tested, coherent after Benjamini–Hochberg,
   * Fisher's combined p-value and the papers' effect factor (mean over sub-clusters of mean random
   * / observed).
   */
  @Override
  public Table toTable() {
    StringColumn kind = StringColumn.create("partition");
    StringColumn measure = StringColumn.create("measure");
    IntColumn tested = IntColumn.create("sub-clusters");
    IntColumn coherent = IntColumn.create("coherent after BH");
    DoubleColumn combined = DoubleColumn.create("combined p");
    DoubleColumn effect = DoubleColumn.create("effect_factor");
    labelled()
        .forEach(
            (label, r) -> {
              for (Measure m : r.measures()) {
                kind.append(label);
                measure.append(m.description());
                tested.append(r.scores(m).size());
                coherent.append(r.coherent(m).size());
                combined.append(r.combinedP(m));
                effect.append(r.meanEffectFactor(m));
              }
            });
    return Table.create(
        name() + " of " + partitions.network() + " by partition",
        kind,
        measure,
        tested,
        coherent,
        combined,
        effect);
  }

  @Override
  public String caption() {
    CoherenceResult any = results.values().iterator().next();
    StringBuilder ranges = new StringBuilder();
    for (Measure m : any.measures()) {
      ranges.append(" ").append(m.description()).append(": ").append(m.range()).append(".");
    }
    return "One row per partition of "
        + partitions.network()
        + " and measure, each sub-cluster against "
        + any.options().randomSets()
        + " random same-size unit sets of its layer ("
        + name()
        + ")."
        + ranges
        + " coherent after BH: sub-clusters whose p-value Benjamini–Hochberg rejects at q = "
        + any.options().fdr()
        + ". combined p: Fisher's combination of the mid-rank-corrected p-values, in (0, 1], low ="
        + " more coherent than random sets; – when no sub-cluster was tested. effect_factor (the"
        + " papers' code): the mean over sub-clusters of (mean of the random sets / the"
        + " sub-cluster's value), in [0, ∞), 1 = like random sets; above 1 = more coherent for an"
        + " entropy, below 1 for the visualization objective; a sub-cluster of entropy near 0 makes"
        + " it huge.";
  }

  /**
   * The papers' coherence table across networks: one row per group of networks, partition kind and
   * measure, with the Bates combination of the networks' combined p-values.
   *
   * @param groups grids by group label, e.g. "MLP fashion-mnist" → one grid per seed
   * @return the table
   */
  public static Table acrossNets(Map<String, List<CoherenceGrid>> groups) {
    StringColumn group = StringColumn.create("networks");
    StringColumn kind = StringColumn.create("partition");
    StringColumn measure = StringColumn.create("measure");
    IntColumn nets = IntColumn.create("nets");
    IntColumn tested = IntColumn.create("sub-clusters");
    IntColumn coherent = IntColumn.create("coherent after BH");
    DoubleColumn combined = DoubleColumn.create("combined p (Bates)");
    DoubleColumn effect = DoubleColumn.create("effect_factor");
    for (var e : groups.entrySet()) {
      for (Kind k : Kind.values()) {
        List<CoherenceResult> rs = new ArrayList<>();
        e.getValue().stream()
            .filter(g -> g.results.containsKey(k))
            .forEach(g -> rs.add(g.results.get(k)));
        if (rs.isEmpty()) {
          continue;
        }
        for (Measure m : rs.get(0).measures()) {
          double[] p =
              rs.stream().mapToDouble(r -> r.combinedP(m)).filter(Double::isFinite).toArray();
          group.append(e.getKey());
          kind.append(k.label());
          measure.append(m.description());
          nets.append(rs.size());
          tested.append(rs.stream().mapToInt(r -> r.scores(m).size()).sum());
          coherent.append(rs.stream().mapToInt(r -> r.coherent(m).size()).sum());
          combined.append(p.length == 0 ? Double.NaN : CombinedTests.bates(p));
          effect.append(
              EffectFactors.nanMean(rs.stream().mapToDouble(r -> r.meanEffectFactor(m)).toArray()));
        }
      }
    }
    return Table.create(
        "coherence across networks: combined p low = more coherent than random sets",
        group,
        kind,
        measure,
        nets,
        tested,
        coherent,
        combined,
        effect);
  }

  private String name() {
    return analysis == CoherenceResult.Analysis.DATASET_EXAMPLES
        ? "coherence by dataset examples"
        : "coherence by feature visualization";
  }

  /** One line: network, analysis, and each partition's coherent count under its first measure. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CoherenceGrid[").append(partitions.network());
    sb.append(", ").append(name());
    labelled()
        .forEach(
            (label, r) -> {
              Measure m = r.measures().get(0);
              List<CoherenceScore> s = r.scores(m);
              sb.append("; ")
                  .append(label)
                  .append(": ")
                  .append(r.coherent(m).size())
                  .append(" of ")
                  .append(s.size())
                  .append(" coherent");
            });
    return sb.append("]").toString();
  }
}
