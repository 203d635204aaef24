package org.locspec.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locspec.graph.LayerUnits;
import org.locspec.model.Layer;
import org.locspec.model.LayerNames;
import org.locspec.model.Network;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Splits a partition into {@link SubCluster}s (one cluster within one layer) and keeps those of
 * useful size.
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058): sub-clusters of size at least 2 and at most 99% of the layer for lesions; at least 5
 * and at most 75% for coherence by dataset examples.
 */
public final class SubClusters {
  private SubClusters() {}

  /**
   * The sub-clusters of a partition with {@code minSize <= size <= maxFraction * layer units},
   * ordered by layer (network order) then cluster label.
   *
   * @param partition the partition
   * @param minSize the smallest size kept, {@code >= 1}
   * @param maxFraction the largest fraction of the layer kept, in {@code (0, 1]}
   * @param excludedLayers layers to skip (e.g. an MLP's input and output)
   * @return the kept sub-clusters
   */
  public static List<SubCluster> of(
      Partition partition, int minSize, double maxFraction, Collection<String> excludedLayers) {
    Objects.requireNonNull(partition, "partition must not be null");
    Objects.requireNonNull(excludedLayers, "excludedLayers must not be null; use List.of()");
    if (minSize < 1) {
      throw new IllegalArgumentException("minSize must be >= 1, got " + minSize);
    }
    if (!(maxFraction > 0 && maxFraction <= 1)) {
      throw new IllegalArgumentException("maxFraction must be in (0, 1], got " + maxFraction);
    }
    Set<String> skip = new HashSet<>(excludedLayers);
    List<SubCluster> out = new ArrayList<>();
    for (LayerUnits layer : partition.layers()) {
      if (skip.contains(layer.name())) {
        continue;
      }
      for (Map.Entry<Integer, int[]> e : partition.clustersIn(layer.name()).entrySet()) {
        int size = e.getValue().length;
        if (size >= minSize && size <= maxFraction * layer.units()) {
          out.add(
              new SubCluster(
                  layer.name(), e.getKey(), e.getValue(), layer.units(), partition.provenance()));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The sub-clusters of all layers with {@code minSize <= size <= maxFraction * layer units}.
   *
   * @param partition the partition
   * @param minSize the smallest size kept, {@code >= 1}
   * @param maxFraction the largest fraction of the layer kept, in {@code (0, 1]}
   * @return the kept sub-clusters
   */
  public static List<SubCluster> of(Partition partition, int minSize, double maxFraction) {
    return of(partition, minSize, maxFraction, List.of());
  }

  /**
   * The paper's filter for lesion (importance) tests: size at least 2, at most 99% of the layer.
   *
   * @param partition the partition
   * @param excludedLayers layers not lesioned, e.g. the MLP input and output
   * @return the kept sub-clusters
   */
  public static List<SubCluster> forImportance(
      Partition partition, Collection<String> excludedLayers) {
    return of(partition, 2, 0.99, excludedLayers);
  }

  /**
   * The paper's filter for coherence by dataset examples: size at least 5, at most 75%.
   *
   * @param partition the partition
   * @param excludedLayers layers to skip
   * @return the kept sub-clusters
   */
  public static List<SubCluster> forCoherence(
      Partition partition, Collection<String> excludedLayers) {
    return of(partition, 5, 0.75, excludedLayers);
  }

  /**
   * The layers of a network whose units are never lesioned or visualized: its input (the pixels of
   * a weight graph) and its output layer, as in the papers.
   *
   * @param network the network
   * @return {@code ["input", <last unit layer>]}
   */
  public static List<String> inputAndOutput(Network network) {
    Objects.requireNonNull(network, "network must not be null");
    List<String> out = new ArrayList<>(List.of(LayerNames.INPUT));
    List<Layer.UnitLayer> units = network.unitLayers();
    if (!units.isEmpty()) {
      out.add(units.get(units.size() - 1).name());
    }
    return List.copyOf(out);
  }

  /**
   * The paper's filter for lesion tests on a network: {@link #forImportance(Partition, Collection)}
   * without the network's input and output layers ({@link #inputAndOutput}).
   *
   * @param partition a partition of the network's neurons
   * @param network the network
   * @return the kept sub-clusters
   */
  public static List<SubCluster> forImportance(Partition partition, Network network) {
    return forImportance(partition, inputAndOutput(network));
  }

  /**
   * The paper's filter for coherence by dataset examples on a network: {@link
   * #forCoherence(Partition, Collection)} without the network's input and output layers.
   *
   * @param partition a partition of the network's neurons
   * @param network the network
   * @return the kept sub-clusters
   */
  public static List<SubCluster> forCoherence(Partition partition, Network network) {
    return forCoherence(partition, inputAndOutput(network));
  }

  /**
   * Checks that sub-clusters can be analysed on a network: at least one, each of a unit layer of
   * this network with the layer size it records, none listed twice.
   *
   * @param network the network to analyse
   * @param subClusters the sub-clusters
   * @throws IllegalArgumentException naming the sub-cluster and the fix
   */
  public static void requireFit(Network network, List<SubCluster> subClusters) {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(subClusters, "subClusters must not be null");
    if (subClusters.isEmpty()) {
      throw new IllegalArgumentException(
          "no sub-clusters to analyse; give at least one (e.g. SubClusters.forImportance(partition,"
              + " excludedLayers))");
    }
    for (SubCluster sc : subClusters) {
      int units = network.unitLayer(sc.layer()).units();
      if (sc.layerUnits() != units) {
        throw new IllegalArgumentException(
            sc
                + " says layer "
                + sc.layer()
                + " has "
                + sc.layerUnits()
                + " units, but network "
                + network.name()
                + " has "
                + units
                + " there; use sub-clusters of this network");
      }
    }
    if (subClusters.stream().distinct().count() != subClusters.size()) {
      throw new IllegalArgumentException(
          "subClusters lists a sub-cluster twice; give each once: " + subClusters);
    }
  }

  /**
   * One row per sub-cluster: layer, cluster, size, fraction of the layer.
   *
   * @param subClusters the sub-clusters
   * @return the table
   */
  public static Table toTable(List<SubCluster> subClusters) {
    return Table.create(
        "sub-clusters",
        StringColumn.create("layer", subClusters.stream().map(SubCluster::layer).toList()),
        IntColumn.create("cluster", subClusters.stream().mapToInt(SubCluster::cluster).toArray()),
        IntColumn.create("size", subClusters.stream().mapToInt(SubCluster::size).toArray()),
        DoubleColumn.create(
            "fraction", subClusters.stream().mapToDouble(SubCluster::fraction).toArray()));
  }
}
