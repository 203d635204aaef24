package org.locspec.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;

class NetworkGraphsTest {
  static float[] randn(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  static Network mlp(long seed) {
    Random r = new Random(seed);
    return Network.of(
        "mlp",
        new long[] {1, 3, 3},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 9, 5, randn(r, 45), randn(r, 5)),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", 5, 4, randn(r, 20), randn(r, 4)),
            new Layer.Relu("relu2"),
            new Layer.Dense("dense3", 4, 2, randn(r, 8), randn(r, 2))));
  }

  @Test
  void mlpWeightGraphHasInputUnitsAndAbsoluteWeights() {
    try (Network net = mlp(1)) {
      LayerWeights w = NetworkGraphs.weights(net, Norm.L1);
      assertEquals("mlp", w.name());
      assertEquals(
          List.of(
              new LayerUnits("input", 9),
              new LayerUnits("dense1", 5),
              new LayerUnits("dense2", 4),
              new LayerUnits("dense3", 2)),
          w.layers());
      float[] raw = ((Layer.Dense) net.unitLayer("dense2")).weight();
      float[] got = w.matrices().get(1).values();
      for (int i = 0; i < raw.length; i++) {
        assertEquals(Math.abs(raw[i]), got[i]);
      }
      assertEquals(20, NeuronGraph.fromWeights(w).nodeCount());
    }
  }

  @Test
  void convGraphFoldsBatchNormAndUsesOnlyConvToConv() {
    Random r = new Random(2);
    float[] k2 = randn(r, 3 * 2 * 9);
    float[] gamma = {2f, 0.5f, 1f};
    float[] var = {3f, 1f, 0f};
    List<Layer> layers =
        List.of(
            new Layer.Conv2d("conv1", 1, 2, 3, 3, 1, 1, randn(r, 18), new float[2]),
            new Layer.Relu("relu1"),
            new Layer.Conv2d("conv2", 2, 3, 3, 3, 1, 1, k2, new float[3]),
            new Layer.BatchNorm("bn1", gamma, new float[3], new float[3], var, 1e-3f),
            new Layer.Relu("relu2"),
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 3 * 4 * 4, 2, randn(r, 96), new float[2]));
    try (Network net = Network.of("cnn", new long[] {1, 4, 4}, layers)) {
      LayerWeights w = NetworkGraphs.weights(net, Norm.L1);
      assertEquals(List.of(new LayerUnits("conv1", 2), new LayerUnits("conv2", 3)), w.layers());
      float[] adj = w.matrices().get(0).values();
      for (int out = 0; out < 3; out++) {
        double scale = gamma[out] / Math.sqrt(var[out] + 1e-3);
        for (int in = 0; in < 2; in++) {
          double s = 0;
          for (int t = 0; t < 9; t++) {
            s += Math.abs(k2[(out * 2 + in) * 9 + t] * scale);
          }
          assertEquals(s, adj[out * 2 + in], 1e-4);
        }
      }
    }
  }

  @Test
  void activationGraphCorrelatesHiddenLayersOnly() {
    Random r = new Random(3);
    float[] px = new float[200 * 9];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    ImageDataset data = ImageDataset.of("noise", 1, 3, 3, px, new int[200], List.of("a"));
    try (Network net = mlp(4)) {
      NeuronGraph g = NetworkGraphs.activations(net, data, 150, 7);
      assertEquals(List.of("dense1", "dense2"), g.layers().stream().map(LayerUnits::name).toList());
      assertTrue(g.nodeCount() <= 9 && g.nodeCount() >= 2, "nodes " + g.nodeCount());
      NeuronGraph again = NetworkGraphs.activations(net, data, 150, 7);
      assertArrayEquals(g.degrees(), again.degrees());
      assertThrows(
          IllegalArgumentException.class, () -> NetworkGraphs.activations(net, data, 2, 7));
    }
  }
}
