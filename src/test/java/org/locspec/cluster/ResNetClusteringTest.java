package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.model.LayerGraph;
import org.locspec.modelfile.TorchScriptImporter;
import org.locspec.modelfile.TorchvisionModels;

/**
 * The channel graph of torchvision's ResNet-18 (random weights) keeps its layers: clustering,
 * sub-clusters, the local variant and the shuffled baseline work on it as on a layered network.
 */
class ResNetClusteringTest {
  @Test
  void subClustersLocalClusteringAndTheBaselineWorkOnAResidualNetwork() {
    LayerGraph net = TorchScriptImporter.graph(TorchvisionModels.file("resnet18_traced.pt"));
    LayerWeights weights = NetworkGraphs.weights(net, Norm.L1);
    NeuronGraph graph = NeuronGraph.fromWeights(weights);
    SpectralOptions options = SpectralOptions.paper(8).withNInit(2);
    Partition global = SpectralClustering.fit(graph, options);
    assertEquals(graph.nodeCount(), global.size());
    assertTrue(global.ncut(graph) > 0 && global.ncut(graph) < 8, "n-cut " + global.ncut(graph));

    List<SubCluster> subClusters = SubClusters.of(global, 2, 0.99);
    Set<String> groups = new HashSet<>(weights.layers().stream().map(LayerUnits::name).toList());
    assertFalse(subClusters.isEmpty());
    for (SubCluster s : subClusters) {
      assertTrue(groups.contains(s.layer()), s.layer() + " is a channel group");
      assertTrue(s.size() >= 2 && s.size() <= 0.99 * s.layerUnits(), s.toString());
    }

    Partition local = LocalClustering.fit(graph, global, options);
    List<String> middle =
        weights.layers().subList(1, weights.layers().size() - 1).stream()
            .map(LayerUnits::name)
            .toList();
    assertEquals(
        middle,
        local.layers().stream().map(LayerUnits::name).toList(),
        "every group with a neighbour on each side is clustered locally");
    int inMiddle =
        weights.layers().subList(1, weights.layers().size() - 1).stream()
            .mapToInt(LayerUnits::units)
            .sum();
    assertTrue(local.size() <= inMiddle && local.size() > inMiddle / 2, local.toString());

    ClusterabilityResult r =
        ShuffledBaseline.run(
            weights,
            options,
            ShuffleOptions.paper().withSamples(2),
            org.locspec.progress.ProgressListener.none());
    assertEquals(global.ncut(graph), r.trueNcut(), 1e-12);
    assertEquals(2, r.shuffledNcuts().length);
  }
}
