package org.locspec.cluster;

import java.util.Objects;
import org.locspec.graph.NeuronGraph;

/**
 * Spectral clustering of a neuron graph: the normalized-Laplacian {@link SpectralEmbedding} of its
 * k leading eigenvectors, then {@link KMeans} with restarts. Equivalent to sklearn's {@code
 * SpectralClustering(affinity="precomputed", assign_labels="kmeans")} as the papers' code calls it.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Shi and
 * Malik, "Normalized cuts and image segmentation" (2000); von Luxburg, "A tutorial on spectral
 * clustering" (2007).
 */
public final class SpectralClustering {
  private SpectralClustering() {}

  /**
   * Partitions a graph into {@code options.k()} clusters.
   *
   * @param graph the graph, with more than {@code k} nodes
   * @param options k, restarts, seed and tolerances; {@link SpectralOptions#paper()} for the paper
   * @return the partition of the graph's neurons
   */
  public static Partition fit(NeuronGraph graph, SpectralOptions options) {
    Objects.requireNonNull(graph, "graph must not be null");
    Objects.requireNonNull(options, "options must not be null");
    int k = options.k();
    if (graph.nodeCount() <= k) {
      throw new IllegalArgumentException(
          "the graph must have more nodes than clusters: k = "
              + k
              + " but the graph has "
              + graph.nodeCount()
              + " nodes; use a smaller k");
    }
    SpectralEmbedding e = SpectralEmbedding.of(graph, k, options.eigenTolerance());
    KMeans km =
        KMeans.fit(
            e.raw(),
            k,
            k,
            options.restartsFor(graph.nodeCount()),
            options.maxIter(),
            options.tolerance(),
            options.seed());
    return Partition.of(
        graph.neurons(),
        km.labels(),
        k,
        graph.layers(),
        PartitionProvenance.spectral(graph, options));
  }

  /**
   * Partitions a graph with the paper's options ({@link SpectralOptions#paper()}).
   *
   * @param graph the graph
   * @return the partition
   */
  public static Partition fit(NeuronGraph graph) {
    return fit(graph, SpectralOptions.paper());
  }
}
