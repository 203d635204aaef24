package org.locspec.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locspec.data.ImageDataset;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.report.PartitionGrid.Kind;
import org.locspec.stats.EffectFactors;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The papers' importance table for one network: the {@link ImportanceTest} of the sub-clusters of
 * each partition of a {@link PartitionGrid} (weights / activations × global / local), with the
 * combined p-values and effect factors of the "mean" and "range" statistics per partition. {@link
 * #acrossNets} combines several networks of one configuration (e.g. seeds) per partition kind.
 *
 * <pre>{@code
 * ImportanceGrid g = ImportanceGrid.run(net, test, grid, ImportanceOptions.paper(), progress);
 * g.toTable();                                  // one row per partition
 * ImportanceGrid.acrossNets(Map.of("MLP fashion-mnist", List.of(g0, g1)));
 * }</pre>
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), section 4.1 and its importance table (Fisher within a network, Bates across
 * networks).
 *
 * @param partitions the partitions the sub-clusters came from
 * @param results the importance result of each partition that had sub-clusters to lesion
 */
public record ImportanceGrid(PartitionGrid partitions, Map<Kind, ImportanceResult> results)
    implements Tabular {

  /** Validates and copies. */
  public ImportanceGrid {
    Objects.requireNonNull(partitions, "partitions must not be null");
    results = Map.copyOf(results);
    if (results.isEmpty()) {
      throw new IllegalArgumentException(
          "an importance grid needs at least one result; no partition of "
              + partitions.network()
              + " had sub-clusters to lesion");
    }
  }

  /**
   * Lesions the sub-clusters of every partition of a grid.
   *
   * @param network the network the partitions were made from
   * @param test the images to measure accuracy on (the papers: the test set)
   * @param partitions the partitions
   * @param options random lesions, test, seed, FDR (as {@link ImportanceTest#run})
   * @param progress receives each partition's test
   * @return one result per partition with sub-clusters to lesion
   */
  public static ImportanceGrid run(
      Network network,
      ImageDataset test,
      PartitionGrid partitions,
      ImportanceOptions options,
      ProgressListener progress) {
    Objects.requireNonNull(partitions, "partitions must not be null");
    return new ImportanceGrid(
        partitions,
        partitions.analyse(
            partitions::forImportance,
            subClusters -> ImportanceTest.run(network, test, subClusters, options, progress)));
  }

  /**
   * The result of one partition kind.
   *
   * @param kind the kind
   * @return its importance result
   * @throws IllegalArgumentException if this grid has none for it
   */
  public ImportanceResult result(Kind kind) {
    return partitions.result(results, kind, "importance");
  }

  /** The results by row label ("weights / global", ...), in {@link Kind} order. */
  public Map<String, ImportanceResult> labelled() {
    return partitions.labelled(results);
  }

  /** One row per partition: {@link ImportanceResult#summaryTable} of the labelled results. */
  @Override
  public Table toTable() {
    Table t = ImportanceResult.summaryTable(labelled());
    t.setName("importance of " + partitions.network() + " by partition");
    return t;
  }

  @Override
  public String caption() {
    ImportanceResult any = results.values().iterator().next();
    return "One row per partition of "
        + partitions.network()
        + " (graph / clustering), each sub-cluster lesioned on "
        + any.provenance().data()
        + " against random same-size lesions of its layer. combined p: Fisher's combination of"
        + " the sub-clusters' p-values, in (0, 1], low = the partition's sub-clusters are more"
        + " important (mean) or more class-specific (range) than random sets; – when no"
        + " sub-cluster has a defined range. mean effect factor (LocSpec): in [0, 1], 0.5 = like"
        + " random lesions. effect_factor_means (the papers' code): in [0, ∞], 1 = like random,"
        + " above 1 = important. Random lesions: "
        + any.options()
        + ".";
  }

  /**
   * The papers' table across networks: one row per group of networks (e.g. the seeds of one
   * configuration) and partition kind, with the Bates combination of the networks' combined
   * p-values ({@link ImportanceResult#combineAcrossNets}) and the mean effect factors.
   *
   * @param groups grids by group label, e.g. "MLP fashion-mnist" → one grid per seed
   * @return the table
   */
  public static Table acrossNets(Map<String, List<ImportanceGrid>> groups) {
    StringColumn group = StringColumn.create("networks");
    StringColumn kind = StringColumn.create("partition");
    IntColumn nets = IntColumn.create("nets");
    IntColumn subClusters = IntColumn.create("sub-clusters");
    DoubleColumn pMean = DoubleColumn.create("combined p mean (Bates)");
    DoubleColumn pRange = DoubleColumn.create("combined p range (Bates)");
    DoubleColumn effect = DoubleColumn.create("mean effect factor");
    DoubleColumn papersMeans = DoubleColumn.create("effect_factor_means");
    DoubleColumn papersRange = DoubleColumn.create("effect_factor_range");
    for (var e : groups.entrySet()) {
      for (Kind k : Kind.values()) {
        List<ImportanceResult> rs = new ArrayList<>();
        for (ImportanceGrid g : e.getValue()) {
          if (g.results.containsKey(k)) {
            rs.add(g.results.get(k));
          }
        }
        if (rs.isEmpty()) {
          continue;
        }
        group.append(e.getKey());
        kind.append(k.label());
        nets.append(rs.size());
        subClusters.append(rs.stream().mapToInt(r -> r.rows().size()).sum());
        pMean.append(ImportanceResult.combineAcrossNets(rs));
        pRange.append(ImportanceResult.combineAcrossNetsRange(rs));
        effect.append(mean(rs.stream().mapToDouble(ImportanceResult::meanEffectFactor).toArray()));
        papersMeans.append(
            mean(rs.stream().mapToDouble(ImportanceResult::effectFactorMeans).toArray()));
        papersRange.append(
            mean(rs.stream().mapToDouble(ImportanceResult::effectFactorRange).toArray()));
      }
    }
    return Table.create(
        "importance across networks: combined p low = important (mean) or class-specific (range);"
            + " mean effect factor 0.5 = like random; effect_factor_means 1 = like random, above"
            + " 1 = important; effect_factor_range below 1 = class-specific",
        group,
        kind,
        nets,
        subClusters,
        pMean,
        pRange,
        effect,
        papersMeans,
        papersRange);
  }

  /** The mean of the defined values, NaN if none is. */
  private static double mean(double[] values) {
    return EffectFactors.nanMean(values);
  }

  /** One line: network, partitions and each one's sub-clusters and combined p (mean). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ImportanceGrid[").append(partitions.network());
    labelled()
        .forEach(
            (label, r) ->
                sb.append("; ")
                    .append(label)
                    .append(": ")
                    .append(r.rows().size())
                    .append(" sub-clusters, ")
                    .append(r.significantCount())
                    .append(" BH-significant"));
    return sb.append("]").toString();
  }
}
