package org.locspec.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.locspec.cluster.Partition;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.DatasetExamples;
import org.locspec.coherence.FeatureVisualization;
import org.locspec.data.ImageDataset;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;

/**
 * The sub-cluster analyses of one zoo network as the zoo report runs them: the k = 16 partition of
 * its weight graph (seeded with the model's seed), the sub-clusters each analysis keeps (input and
 * output layers left out) and the importance, dataset-example and feature-visualization tests on
 * them. {@link ZooReport} summarizes their results per network; the Spark sweep ({@code
 * org.locspec.sweep}) keeps one row per sub-cluster.
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), §3 (k = 16 sub-clusters, lesions, coherence).
 *
 * @param net the network (not modified; the caller closes it)
 * @param test the test images (lesions and dataset examples)
 * @param p16 the k = 16 partition of the weight graph
 * @param excluded the layers not analysed: the input and the output
 * @param seed the model's seed, for the partition and every test
 * @param bar receives the analyses' tasks
 */
public record ModelAnalysis(
    Network net,
    ImageDataset test,
    Partition p16,
    List<String> excluded,
    long seed,
    ProgressListener bar) {

  /** Checks the fields and copies the list. */
  public ModelAnalysis {
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(p16, "p16");
    excluded = List.copyOf(excluded);
    Objects.requireNonNull(bar, "bar (use ProgressListener.none() for none)");
  }

  /**
   * Clusters a network's weight graph (k = 16, the papers' spectral options with the model's seed)
   * for its sub-cluster analyses.
   *
   * @param net the network
   * @param test its data set's test images
   * @param seed the model's seed
   * @param bar receives the analyses' tasks
   * @return the analyses of the network
   */
  public static ModelAnalysis of(Network net, ImageDataset test, long seed, ProgressListener bar) {
    Partition p16 =
        SpectralClustering.fit(
            NeuronGraph.fromWeights(NetworkGraphs.weights(net, Norm.L1)),
            SpectralOptions.paper(16).withSeed(seed));
    String output = net.unitLayers().get(net.unitLayers().size() - 1).name();
    return new ModelAnalysis(net, test, p16, List.of("input", output), seed, bar);
  }

  /**
   * The importance test of the sub-clusters of size >= 2 and at most 99% of their layer.
   *
   * @param options the test's options (their seed is used as given)
   * @return the result, one row per sub-cluster; empty when no sub-cluster qualifies (e.g. an L2
   *     net whose units are mostly dead), so that a report or sweep over many networks goes on
   */
  public Optional<ImportanceResult> importance(ImportanceOptions options) {
    List<SubCluster> tested = importanceSubClusters();
    return tested.isEmpty()
        ? Optional.empty()
        : Optional.of(ImportanceTest.run(net, test, tested, options, bar));
  }

  /** The sub-clusters {@link #importance} tests (none when no sub-cluster qualifies). */
  public List<SubCluster> importanceSubClusters() {
    return SubClusters.forImportance(p16, excluded);
  }

  /** The sub-clusters {@link #coherence} tests (none when no sub-cluster qualifies). */
  public List<SubCluster> coherenceSubClusters() {
    return SubClusters.forCoherence(p16, excluded);
  }

  /** The sub-clusters {@link #visualization} tests (none when no sub-cluster qualifies). */
  public List<SubCluster> visualizationSubClusters() {
    return importanceSubClusters().stream().filter(FeatureVisualization::visualizable).toList();
  }

  /**
   * Coherence by dataset examples of the sub-clusters of size >= 5 and at most 75% of their layer.
   *
   * @param options the test's options (their seed is used as given)
   * @return the result; empty when no sub-cluster qualifies
   */
  public Optional<CoherenceResult> coherence(CoherenceOptions options) {
    List<SubCluster> tested = coherenceSubClusters();
    return tested.isEmpty()
        ? Optional.empty()
        : Optional.of(DatasetExamples.run(net, test, tested, options, bar));
  }

  /**
   * Coherence by feature visualization of the sub-clusters {@link FeatureVisualization#visualizable
   * visualizable}: more than 2 units, fewer than their layer's.
   *
   * @param options the test's options (their seed is used as given)
   * @return the result; empty when no sub-cluster qualifies
   */
  public Optional<CoherenceResult> visualization(CoherenceOptions options) {
    List<SubCluster> tested = visualizationSubClusters();
    return tested.isEmpty()
        ? Optional.empty()
        : Optional.of(FeatureVisualization.run(net, tested, options, bar));
  }
}
