package org.locspec.report;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.locspec.cluster.LocalClustering;
import org.locspec.cluster.Partition;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.data.ImageDataset;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.viz.Format;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The four partitions of one network that the papers' importance and coherence tables compare:
 * spectral clustering of the weight graph and of the activation graph, each global (the whole graph
 * at once) and local (each layer in a window of its neighbours; for activations, each layer alone).
 * {@link ImportanceGrid} and {@link CoherenceGrid} run an analysis on each.
 *
 * <pre>{@code
 * PartitionGrid grid = PartitionGrid.fit(net, train, PartitionGrid.Options.paper(), progress);
 * grid.toTable();   // one row per partition: nodes, clusters, sub-clusters, n-cut
 * }</pre>
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), section 3 (weight- and activation-based, global and local clustering; k = 16 for
 * MLPs and CNNs; activations of at most 5000 training inputs).
 *
 * @param network the network's name
 * @param options the clustering settings
 * @param partitions the partition of each kind
 * @param ncuts the n-cut of each global partition on its graph (local ones have none)
 * @param excludedLayers the network's layers whose units are not analysed (its input and output,
 *     {@link SubClusters#inputAndOutput})
 */
public record PartitionGrid(
    String network,
    Options options,
    Map<Kind, Partition> partitions,
    Map<Kind, Double> ncuts,
    List<String> excludedLayers)
    implements Tabular {

  /** The four ways of partitioning, as the papers' tables name them. */
  public enum Kind {
    /** The weight graph clustered as a whole. */
    WEIGHTS_GLOBAL("weights", false),
    /** Each layer of the weight graph clustered with its two neighbours. */
    WEIGHTS_LOCAL("weights", true),
    /** The activation-correlation graph clustered as a whole. */
    ACTIVATIONS_GLOBAL("activations", false),
    /** Each layer of the activation-correlation graph clustered alone. */
    ACTIVATIONS_LOCAL("activations", true);

    private final String graph;
    private final boolean local;

    Kind(String graph, boolean local) {
      this.graph = graph;
      this.local = local;
    }

    /** The graph: "weights" or "activations". */
    public String graph() {
      return graph;
    }

    /** Whether layers are clustered locally. */
    public boolean local() {
      return local;
    }

    /** The row label, e.g. "weights / global". */
    public String label() {
      return graph + " / " + (local ? "local" : "global");
    }
  }

  /**
   * Settings of the four clusterings.
   *
   * @param k clusters of each global partition (local ones take, per layer, as many as the global
   *     partition put there), {@code >= 2}
   * @param seed the seed of the clusterings and of the activation sample
   * @param activationSamples training inputs whose activations are correlated, {@code >= 3}
   */
  public record Options(int k, long seed, int activationSamples) {
    /** Validates the settings. */
    public Options {
      if (k < 2) {
        throw new IllegalArgumentException("k must be >= 2, got " + k + " (the papers use 16)");
      }
      if (activationSamples < 3) {
        throw new IllegalArgumentException(
            "activationSamples must be >= 3, got "
                + activationSamples
                + " (the papers use "
                + NetworkGraphs.PAPER_ACTIVATION_SAMPLES
                + ")");
      }
    }

    /** The papers' settings: k = 16, seed 0, 5000 training inputs for the activation graph. */
    public static Options paper() {
      return new Options(16, 0, NetworkGraphs.PAPER_ACTIVATION_SAMPLES);
    }

    /** These settings with another k. */
    public Options withK(int newK) {
      return new Options(newK, seed, activationSamples);
    }

    /** These settings with another seed. */
    public Options withSeed(long newSeed) {
      return new Options(k, newSeed, activationSamples);
    }

    /** These settings with another number of activation samples. */
    public Options withActivationSamples(int n) {
      return new Options(k, seed, n);
    }

    /** The spectral clustering options of the global partitions. */
    public SpectralOptions spectral() {
      return SpectralOptions.paper(k).withSeed(seed);
    }
  }

  /** Validates and copies. */
  public PartitionGrid {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(options, "options must not be null");
    partitions = Map.copyOf(partitions);
    ncuts = Map.copyOf(ncuts);
    excludedLayers = List.copyOf(excludedLayers);
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("a partition grid needs at least one partition");
    }
  }

  /**
   * Makes the four partitions of a network.
   *
   * @param network the network (an MLP's input and output units are not in the activation graph)
   * @param train inputs for the activation graph (the papers use training inputs); a seeded sample
   *     of {@link Options#activationSamples()} of them
   * @param options k, seed, activation samples
   * @param progress receives one step per partition
   * @return the four partitions
   */
  public static PartitionGrid fit(
      Network network, ImageDataset train, Options options, ProgressListener progress) {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(train, "train must not be null (inputs for the activation graph)");
    Objects.requireNonNull(
        options, "options must not be null (e.g. PartitionGrid.Options.paper())");
    Objects.requireNonNull(progress, "progress must not be null (use ProgressListener.none())");
    progress.start("four partitions of " + network.name(), Kind.values().length);
    Map<Kind, Partition> partitions = new EnumMap<>(Kind.class);
    Map<Kind, Double> ncuts = new EnumMap<>(Kind.class);
    NeuronGraph weights = NeuronGraph.fromWeights(NetworkGraphs.weights(network, Norm.L1));
    NeuronGraph activations =
        NetworkGraphs.activations(network, train, options.activationSamples(), options.seed());
    int done = 0;
    for (Kind kind : Kind.values()) {
      NeuronGraph graph = kind.graph().equals("weights") ? weights : activations;
      Partition p;
      if (kind.local()) {
        Kind global = kind == Kind.WEIGHTS_LOCAL ? Kind.WEIGHTS_GLOBAL : Kind.ACTIVATIONS_GLOBAL;
        p = LocalClustering.fit(graph, partitions.get(global), options.spectral());
      } else {
        p = SpectralClustering.fit(graph, options.spectral());
        ncuts.put(kind, p.ncut(graph));
      }
      partitions.put(kind, p);
      progress.update(++done, kind.label() + ": " + p.clusterCount() + " clusters");
    }
    progress.finish("");
    return new PartitionGrid(
        network.name(), options, partitions, ncuts, SubClusters.inputAndOutput(network));
  }

  /**
   * The sub-clusters of one partition that lesion tests use: {@link
   * SubClusters#forImportance(Partition, java.util.Collection)} without {@link #excludedLayers()}.
   *
   * @param kind the kind
   * @return the sub-clusters, possibly none
   */
  public List<SubCluster> forImportance(Kind kind) {
    return SubClusters.forImportance(partition(kind), excludedLayers);
  }

  /**
   * The sub-clusters of one partition that coherence by dataset examples uses: {@link
   * SubClusters#forCoherence(Partition, java.util.Collection)} without {@link #excludedLayers()}.
   *
   * @param kind the kind
   * @return the sub-clusters, possibly none
   */
  public List<SubCluster> forCoherence(Kind kind) {
    return SubClusters.forCoherence(partition(kind), excludedLayers);
  }

  /**
   * Runs one analysis on the sub-clusters of every partition that has some: the one loop of {@link
   * ImportanceGrid} and {@link CoherenceGrid}.
   *
   * @param subClusters picks a partition's sub-clusters, e.g. {@link #forImportance}
   * @param analysis the analysis of one partition's sub-clusters
   * @param <R> its result type
   * @return each kind's result, in {@link Kind} order, for the kinds with sub-clusters
   */
  <R> Map<Kind, R> analyse(
      Function<Kind, List<SubCluster>> subClusters, Function<List<SubCluster>, R> analysis) {
    Map<Kind, R> results = new EnumMap<>(Kind.class);
    for (Kind kind : kinds()) {
      List<SubCluster> chosen = subClusters.apply(kind);
      if (!chosen.isEmpty()) {
        results.put(kind, analysis.apply(chosen));
      }
    }
    return results;
  }

  /** The kinds of this grid, in {@link Kind} order. */
  public List<Kind> kinds() {
    return Arrays.stream(Kind.values()).filter(partitions::containsKey).toList();
  }

  /**
   * The partition of one kind.
   *
   * @param kind the kind
   * @return its partition
   * @throws IllegalArgumentException if this grid has none of that kind
   */
  public Partition partition(Kind kind) {
    Partition p = partitions.get(kind);
    if (p == null) {
      throw new IllegalArgumentException(
          "this grid has no " + kind.label() + " partition; it has " + kinds());
    }
    return p;
  }

  /**
   * Results of this grid's partitions by row label ("weights / global", ...), in {@link Kind}
   * order; kinds without a result are left out.
   *
   * @param results a result per kind (e.g. of {@link ImportanceGrid} or {@link CoherenceGrid})
   * @param <R> the result type
   * @return the labelled results
   */
  <R> Map<String, R> labelled(Map<Kind, R> results) {
    Map<String, R> out = new LinkedHashMap<>();
    for (Kind k : kinds()) {
      if (results.containsKey(k)) {
        out.put(k.label(), results.get(k));
      }
    }
    return out;
  }

  /**
   * The result of one kind among results of this grid's partitions.
   *
   * @param results a result per kind
   * @param kind the kind
   * @param what the analysis, for the message, e.g. "importance"
   * @param <R> the result type
   * @return its result
   * @throws IllegalArgumentException if there is none for the kind, naming those there are
   */
  <R> R result(Map<Kind, R> results, Kind kind, String what) {
    R r = results.get(kind);
    if (r == null) {
      throw new IllegalArgumentException(
          "no "
              + what
              + " result for "
              + kind.label()
              + "; this grid has "
              + labelled(results).keySet());
    }
    return r;
  }

  /**
   * One row per partition: kind, nodes, clusters, sub-clusters for lesions (size 2 to 99 % of the
   * layer, input and output layers left out) and n-cut (global partitions only).
   */
  @Override
  public Table toTable() {
    StringColumn kind = StringColumn.create("partition");
    IntColumn nodes = IntColumn.create("neurons");
    IntColumn clusters = IntColumn.create("clusters");
    IntColumn subClusters = IntColumn.create("sub-clusters (lesions)");
    DoubleColumn ncut = DoubleColumn.create("n-cut");
    for (Kind k : kinds()) {
      Partition p = partitions.get(k);
      kind.append(k.label());
      nodes.append(p.size());
      clusters.append(p.clusterCount());
      subClusters.append(forImportance(k).size());
      Double v = ncuts.get(k);
      if (v == null) {
        ncut.appendMissing();
      } else {
        ncut.append(v);
      }
    }
    return Table.create("partitions of " + network, kind, nodes, clusters, subClusters, ncut);
  }

  @Override
  public String caption() {
    return "One row per partition of "
        + network
        + " (spectral clustering, k = "
        + options.k()
        + ", seed "
        + options.seed()
        + "; activations of "
        + options.activationSamples()
        + " training inputs). neurons: units with edges; clusters: labels used; sub-clusters:"
        + " one cluster's units in one hidden layer, 2 units to 99 % of the layer. n-cut: in"
        + " [0, k], lower = more modular; – for local partitions, which leave layers out.";
  }

  /** One line: network, k and the kinds with their cluster counts. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("PartitionGrid[").append(network).append(": k=");
    sb.append(options.k()).append(", seed ").append(options.seed());
    for (Kind k : kinds()) {
      sb.append("; ").append(k.label()).append(" ");
      sb.append(partitions.get(k).clusterCount()).append(" clusters");
      if (ncuts.containsKey(k)) {
        sb.append(" n-cut ").append(Format.number(ncuts.get(k)));
      }
    }
    return sb.append("]").toString();
  }
}
