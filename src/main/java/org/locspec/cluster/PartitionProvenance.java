package org.locspec.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.locspec.graph.NeuronGraph;

/**
 * How a partition was made: the method, the graph it partitions (weights or activations, and how
 * many nodes), the number of clusters asked for, the seed and the clustering options. Every {@link
 * Partition} carries one, every {@link SubCluster} carries its partition's, and every result points
 * back to it through its {@link Provenance}.
 *
 * @param method how the labels were made
 * @param radius for {@link Method#LOCAL}: the neighbouring layers on each side of a clustered layer
 *     (1 for windows of three layers, 0 for each layer alone); 0 otherwise
 * @param graph the graph's source ({@link NeuronGraph#source()}: "weights", "activations" or
 *     "adjacency"), "none" for a partition given by hand
 * @param nodes the graph's node count, 0 for a partition given by hand
 * @param k the number of clusters asked for (for local clustering, of all layers together); 0 when
 *     not recorded
 * @param seed the seed of the clustering
 * @param options the spectral clustering options, or null for a partition given by hand
 */
public record PartitionProvenance(
    Method method, int radius, String graph, int nodes, int k, long seed, SpectralOptions options) {

  /** How a partition's labels were made. */
  public enum Method {
    /** {@link SpectralClustering} of the whole graph. */
    SPECTRAL,
    /** {@link LocalClustering}: each layer clustered in a window of its neighbours. */
    LOCAL,
    /** Labels given by hand (tests, planted examples, external tools). */
    GIVEN,
    /** Sub-clusters of several partitions analysed together. */
    MIXED
  }

  private static final PartitionProvenance GIVEN_BY_HAND =
      new PartitionProvenance(Method.GIVEN, 0, "none", 0, 0, 0L, null);

  /** Validates the fields. */
  public PartitionProvenance {
    Objects.requireNonNull(method, "method must not be null");
    Objects.requireNonNull(graph, "graph must not be null (use \"none\")");
    if (radius < 0 || nodes < 0 || k < 0) {
      throw new IllegalArgumentException(
          "radius, nodes and k must be >= 0, got " + radius + ", " + nodes + ", " + k);
    }
    if (options == null && (method == Method.SPECTRAL || method == Method.LOCAL)) {
      throw new IllegalArgumentException(
          method + " partitions need their SpectralOptions, got null");
    }
  }

  /**
   * A global spectral clustering of a graph.
   *
   * @param graph the clustered graph
   * @param options the options used (k and seed are taken from them)
   * @return the provenance
   */
  public static PartitionProvenance spectral(NeuronGraph graph, SpectralOptions options) {
    return new PartitionProvenance(
        Method.SPECTRAL,
        0,
        graph.source(),
        graph.nodeCount(),
        options.k(),
        options.seed(),
        options);
  }

  /**
   * A local clustering of a graph.
   *
   * @param graph the whole graph
   * @param radius neighbouring layers on each side
   * @param k the number of clusters of all layers together
   * @param options the options used (their k is replaced per layer)
   * @return the provenance
   */
  public static PartitionProvenance local(
      NeuronGraph graph, int radius, int k, SpectralOptions options) {
    return new PartitionProvenance(
        Method.LOCAL, radius, graph.source(), graph.nodeCount(), k, options.seed(), options);
  }

  /** Labels given by hand, with nothing recorded about how they were made. */
  public static PartitionProvenance given() {
    return GIVEN_BY_HAND;
  }

  /**
   * The provenance shared by sub-clusters: theirs if they all come from one partition, else a
   * {@link Method#MIXED} one.
   *
   * @param subClusters at least one sub-cluster
   * @return the common provenance
   */
  public static PartitionProvenance common(List<SubCluster> subClusters) {
    List<PartitionProvenance> distinct =
        subClusters.stream().map(SubCluster::partition).distinct().toList();
    if (distinct.size() == 1) {
      return distinct.get(0);
    }
    return new PartitionProvenance(Method.MIXED, 0, "several", 0, 0, 0L, null);
  }

  /** E.g. {@code "spectral k=12 seed 0 on the weights graph (1562 nodes)"}. */
  @Override
  public String toString() {
    return switch (method) {
      case GIVEN -> "given by hand";
      case MIXED -> "several partitions";
      case SPECTRAL ->
          String.format(
              Locale.ROOT,
              "spectral k=%d seed %d on the %s graph (%d nodes)",
              k,
              seed,
              graph,
              nodes);
      case LOCAL ->
          String.format(
              Locale.ROOT,
              "local spectral (radius %d) k=%d seed %d on the %s graph (%d nodes)",
              radius,
              k,
              seed,
              graph,
              nodes);
    };
  }
}
