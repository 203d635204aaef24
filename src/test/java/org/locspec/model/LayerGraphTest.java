package org.locspec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The layer graph (joins, shapes, the sequential view) and the layers it brought to the layer view:
 * max pooling with padding and adaptive average pooling, checked against plain Java arithmetic.
 */
class LayerGraphTest {
  static Layer.Conv2d conv(String name, int in, int out, long seed) {
    Random r = new Random(seed);
    return new Layer.Conv2d(
        name, in, out, 3, 3, 1, 1, NetworkTest.randn(r, out * in * 9, 0.3), new float[out]);
  }

  /** conv1 → relu1 → conv2 ─┐ add1 (reads relu1 and conv2) → cat1 (add1, relu1) → ... */
  static LayerGraph residual() {
    return LayerGraph.of(
        "residual",
        List.of(
            new LayerGraph.Node(conv("conv1", 1, 2, 1), List.of("input"), "c1"),
            new LayerGraph.Node(new Layer.Relu("relu1"), List.of("conv1"), "r"),
            new LayerGraph.Node(conv("conv2", 2, 2, 2), List.of("relu1"), "block.c2"),
            new LayerGraph.Node(new Layer.Add("add1"), List.of("conv2", "relu1"), "block"),
            new LayerGraph.Node(new Layer.Concat("cat1"), List.of("add1", "relu1"), ""),
            new LayerGraph.Node(new Layer.AdaptiveAvgPool2d("avgpool1", 1, 1), List.of("cat1"), ""),
            new LayerGraph.Node(new Layer.Flatten("flatten1"), List.of("avgpool1"), ""),
            new LayerGraph.Node(
                new Layer.Dense("dense1", 4, 3, new float[12], new float[3]),
                List.of("flatten1"),
                "fc")));
  }

  @Test
  void joinsGiveShapesAndReadersAndKeepTheLayerViewSequential() {
    LayerGraph g = residual();
    assertFalse(g.isSequential());
    assertEquals("dense1", g.output());
    assertArrayEquals(new long[] {3}, g.outputShape(new long[] {1, 5, 5}));
    assertEquals(List.of("conv2", "add1", "cat1"), g.readers().get("relu1"));
    assertEquals(List.of(), g.readers().get("dense1"));
    assertEquals("block", g.node("add1").module());
    assertEquals("LayerGraph[residual: 8 layers, 2 conv, 1 dense, 1 add, 1 cat]", g.toString());
    IllegalArgumentException notSequential =
        assertThrows(IllegalArgumentException.class, () -> g.toNetwork(new long[] {1, 5, 5}));
    assertTrue(
        notSequential.getMessage().contains("add1 (block) reads [conv2, relu1]"),
        notSequential.getMessage());
    IllegalArgumentException join =
        assertThrows(
            IllegalArgumentException.class,
            () -> Network.of("x", new long[] {1, 5, 5}, g.layers()));
    assertTrue(join.getMessage().contains("layer add1 is a Add"), join.getMessage());
  }

  @Test
  void badGraphsAndShapesNameTheLayer() {
    IllegalArgumentException later =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerGraph.of(
                    "g",
                    List.of(
                        new LayerGraph.Node(new Layer.Relu("relu1"), List.of("relu2"), ""),
                        new LayerGraph.Node(new Layer.Relu("relu2"), List.of("input"), ""))));
    assertTrue(
        later.getMessage().contains("relu1 reads 'relu2', which is not an earlier layer"),
        later.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new LayerGraph.Node(new Layer.Add("add1"), List.of("input"), ""));
    LayerGraph g = residual();
    IllegalArgumentException channels =
        assertThrows(IllegalArgumentException.class, () -> g.outputShape(new long[] {3, 5, 5}));
    assertTrue(
        channels.getMessage().contains("layer conv1 (c1): expects 1 input channels"),
        channels.getMessage());
    LayerGraph mismatch =
        LayerGraph.of(
            "m",
            List.of(
                new LayerGraph.Node(conv("conv1", 1, 2, 1), List.of("input"), ""),
                new LayerGraph.Node(new Layer.MaxPool2d("pool1", 2, 2), List.of("conv1"), ""),
                new LayerGraph.Node(new Layer.Add("add1"), List.of("pool1", "conv1"), "b")));
    IllegalArgumentException add =
        assertThrows(
            IllegalArgumentException.class, () -> mismatch.outputShape(new long[] {1, 4, 4}));
    assertTrue(
        add.getMessage()
            .contains("add1 (b): adds inputs of different shapes [[2, 2, 2], [2, 4, 4]]"),
        add.getMessage());
  }

  @Test
  void paddedMaxPoolAndAdaptiveAveragePoolComputeWhatPyTorchDefines() {
    Random r = new Random(5);
    int c = 2;
    int h = 5;
    int w = 5;
    float[] x = NetworkTest.randn(r, c * h * w, 1);
    Layer.Dense readout =
        new Layer.Dense("dense1", c * 3 * 3, c * 3 * 3, eye(c * 9), new float[c * 9]);
    try (Network pool =
            Network.of(
                "pool",
                new long[] {c, h, w},
                List.of(
                    new Layer.MaxPool2d("pool1", 3, 2, 1),
                    new Layer.Flatten("flatten1"),
                    readout));
        Network avg =
            Network.of(
                "avg",
                new long[] {c, h, w},
                List.of(
                    new Layer.AdaptiveAvgPool2d("avgpool1", 3, 3),
                    new Layer.Flatten("flatten1"),
                    readout));
        NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
      NDArray in = m.create(x, new Shape(1, c, h, w));
      float[] pooled = pool.forward(in).toFloatArray();
      float[] averaged = avg.forward(in).toFloatArray();
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int a = 2 * i - 1; a <= 2 * i + 1; a++) {
              for (int b = 2 * j - 1; b <= 2 * j + 1; b++) {
                if (a >= 0 && a < h && b >= 0 && b < w) {
                  max = Math.max(max, x[(ch * h + a) * w + b]);
                }
              }
            }
            assertEquals(max, pooled[(ch * 3 + i) * 3 + j], 1e-6);
            double sum = 0;
            int n = 0;
            for (int a = i * h / 3; a < ceilDiv((i + 1) * h, 3); a++) {
              for (int b = j * w / 3; b < ceilDiv((j + 1) * w, 3); b++) {
                sum += x[(ch * h + a) * w + b];
                n++;
              }
            }
            assertEquals(sum / n, averaged[(ch * 3 + i) * 3 + j], 1e-5);
          }
        }
      }
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static float[] eye(int n) {
    float[] a = new float[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = 1;
    }
    return a;
  }
}
