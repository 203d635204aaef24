/**
 * Spectral clustering of neuron graphs and the clusterability statistics built on it: {@link
 * org.locspec.cluster.SpectralClustering} (normalized-Laplacian embedding and k-means), {@link
 * org.locspec.cluster.Partition} and {@link org.locspec.cluster.NCut}, the shuffled-network
 * baseline ({@link org.locspec.cluster.ShuffledBaseline}, {@link
 * org.locspec.cluster.ClusterabilityResult}), per-layer "local" clustering ({@link
 * org.locspec.cluster.LocalClustering}) and sub-clusters ({@link org.locspec.cluster.SubClusters}).
 * Two things every analysis of sub-clusters shares live here too: the one sampler of random
 * same-size unit sets of a layer ({@link org.locspec.cluster.RandomUnitSets}), the baseline of
 * importance and coherence, and the provenance values of results ({@link
 * org.locspec.cluster.Provenance}, {@link org.locspec.cluster.PartitionProvenance}).
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058); Shi and Malik,
 * "Normalized cuts and image segmentation" (IEEE TPAMI 2000); von Luxburg, "A tutorial on spectral
 * clustering" (Statistics and Computing 2007).
 */
package org.locspec.cluster;
