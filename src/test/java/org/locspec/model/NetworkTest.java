package org.locspec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locspec.data.ImageDataset;

class NetworkTest {
  static float[] randn(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }

  /** A 16-pixel, 3-class MLP 16 → 8 → 6 → 3 with seeded random weights. */
  static Network tinyMlp(long seed) {
    Random r = new Random(seed);
    return Network.of(
        "tiny",
        new long[] {1, 4, 4},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 16, 8, randn(r, 128, 0.5), randn(r, 8, 0.1)),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", 8, 6, randn(r, 48, 0.5), randn(r, 6, 0.1)),
            new Layer.Relu("relu2"),
            new Layer.Dense("dense3", 6, 3, randn(r, 18, 0.5), randn(r, 3, 0.1))));
  }

  static ImageDataset images(int n, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * 16];
    int[] labels = new int[n];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(3);
    }
    return ImageDataset.of("random", 1, 4, 4, px, labels, List.of("a", "b", "c"));
  }

  /** The same MLP computed in plain Java, with optional unit masks after each ReLU. */
  static float[] javaForward(Network net, float[] x, Map<String, float[]> masks) {
    float[] h = x;
    List<Layer> layers = net.layers();
    for (int li = 0; li < layers.size(); li++) {
      Layer l = layers.get(li);
      if (l instanceof Layer.Dense d) {
        float[] w = d.weight();
        float[] b = d.bias();
        float[] out = new float[d.units()];
        for (int o = 0; o < d.units(); o++) {
          double s = b[o];
          for (int i = 0; i < d.inputs(); i++) {
            s += w[o * d.inputs() + i] * h[i];
          }
          out[o] = (float) s;
        }
        h = out;
        boolean relu = li + 1 < layers.size() && layers.get(li + 1) instanceof Layer.Relu;
        if (relu) {
          for (int o = 0; o < h.length; o++) {
            h[o] = Math.max(0f, h[o]);
          }
          li++;
        }
        float[] mask = masks.get(d.name());
        if (mask != null) {
          for (int o = 0; o < h.length; o++) {
            h[o] *= mask[o];
          }
        }
      }
    }
    return h;
  }

  @Test
  void linearAfterAndForwardAfterSplitTheForwardPass() {
    ImageDataset data = images(9, 3);
    try (Network net = tinyMlp(6);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      assertEquals("dense2", net.linearAfter("dense1").orElseThrow().name());
      assertEquals("dense3", net.linearAfter("dense2").orElseThrow().name());
      assertTrue(net.linearAfter("dense3").isEmpty(), "the logits feed no layer");
      assertArrayEquals(new long[] {0, 16 * 8, 0, 8 * 6, 0, 6 * 3}, net.multiplyAdds());
      float[] px = new float[9 * 16];
      data.copyPixels(0, 9, px, 0);
      NDArray x = m.create(px, new Shape(9, 1, 4, 4));
      // dense2's linear output through the rest equals the whole forward pass
      NDArray h1 = net.forwardTo("dense1", x);
      assertArrayEquals(h1.toFloatArray(), net.forwardInto("dense2", x).toFloatArray(), 0f);
      NDArray z2 = net.linear("dense2", h1);
      assertArrayEquals(
          net.forward(x).toFloatArray(), net.forwardAfter("dense2", z2).toFloatArray(), 0f);
    }
  }

  @Test
  void forwardMatchesPlainJava() {
    ImageDataset data = images(5, 1);
    Map<String, float[]> mask = Map.of("dense1", new float[] {1, 0, 1, 1, 0, 1, 1, 1});
    try (Network net = tinyMlp(7);
        NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
      NDArray x = m.create(data.pixels(), new Shape(5, 1, 4, 4));
      float[] intact = net.forward(x).toFloatArray();
      float[] lesioned = net.forward(x, mask).toFloatArray();
      for (int i = 0; i < 5; i++) {
        float[] want = javaForward(net, data.image(i), Map.of());
        float[] wantL = javaForward(net, data.image(i), mask);
        for (int c = 0; c < 3; c++) {
          assertEquals(want[c], intact[i * 3 + c], 1e-5);
          assertEquals(wantL[c], lesioned[i * 3 + c], 1e-5);
        }
      }
      assertNotEquals(intact[0], lesioned[0], 1e-7);
    }
  }

  @Test
  void lesionEqualsZeroedCopyAndLeavesNetworkIntact() {
    ImageDataset data = images(200, 2);
    Map<String, int[]> units = Map.of("dense1", new int[] {0, 3, 5}, "dense2", new int[] {2});
    try (Network net = tinyMlp(3);
        Network zeroed = net.withZeroedUnits("tiny-zeroed", units)) {
      int[] before = net.predict(data, Map.of(), 64);
      int[] viaLesion;
      try (Lesion lesion = net.lesion(units)) {
        viaLesion = lesion.predict(data, 64);
      }
      assertArrayEquals(zeroed.predict(data, Map.of(), 50), viaLesion);
      assertArrayEquals(
          before, net.predict(data, Map.of(), 64), "the lesion must not change the network");
      assertTrue(
          java.util.Arrays.mismatch(before, viaLesion) >= 0,
          "this lesion should change some prediction");
    }
  }

  @Test
  void capturedPreActivationsMatchPlainJava() {
    ImageDataset data = images(7, 4);
    try (Network net = tinyMlp(5)) {
      Map<String, float[][]> acts =
          net.capture(data, List.of("dense2", "dense3"), Network.Reduction.L1_NORM, 3);
      Layer.Dense d1 = (Layer.Dense) net.unitLayer("dense1");
      Layer.Dense d2 = (Layer.Dense) net.unitLayer("dense2");
      float[] x = data.image(6);
      float[] h = new float[8];
      for (int o = 0; o < 8; o++) {
        double s = d1.bias()[o];
        for (int i = 0; i < 16; i++) {
          s += d1.weight()[o * 16 + i] * x[i];
        }
        h[o] = (float) Math.max(0, s);
      }
      for (int o = 0; o < 6; o++) {
        double s = d2.bias()[o];
        for (int i = 0; i < 8; i++) {
          s += d2.weight()[o * 8 + i] * h[i];
        }
        assertEquals(s, acts.get("dense2")[6][o], 1e-5, "pre-activation of dense2 unit " + o);
      }
      assertEquals(3, acts.get("dense3")[0].length);
    }
  }

  @Test
  void convolutionWithBatchNormMasksAfterTheRelu() {
    Random r = new Random(11);
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer.Conv2d("conv1", 1, 4, 3, 3, 1, 1, randn(r, 36, 0.5), randn(r, 4, 0.1)));
    layers.add(new Layer.Relu("relu1"));
    layers.add(
        new Layer.BatchNorm(
            "bn1",
            new float[] {1, 2, 1, 1},
            new float[] {0.5f, -0.5f, 0.25f, 0},
            new float[4],
            new float[] {1, 1, 1, 1},
            1e-5f));
    layers.add(new Layer.MaxPool2d("pool1", 2, 2));
    layers.add(new Layer.Flatten("flatten1"));
    layers.add(new Layer.Dense("dense1", 16, 3, randn(r, 48, 0.5), randn(r, 3, 0.1)));
    try (Network net = Network.of("cnn", new long[] {1, 4, 4}, layers);
        NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
      ImageDataset data = images(2, 9);
      NDArray x = m.create(data.pixels(), new Shape(2, 1, 4, 4));
      Map<String, NDArray> captured = new java.util.HashMap<>();
      net.forward(
          x, Map.of("conv1", new float[] {1, 0, 1, 1}), java.util.Set.of("conv1"), captured);
      assertArrayEquals(new long[] {2, 4, 4, 4}, captured.get("conv1").getShape().getShape());
      // Channel 1 is masked after its ReLU and before the batch norm, so the norm turns it into
      // its constant (beta - gamma * mean / sqrt(var + eps)): exactly what zeroing the channel's
      // weights and bias gives.
      float[] masked = net.forward(x, Map.of("conv1", new float[] {1, 0, 1, 1})).toFloatArray();
      try (Network zeroed = net.withZeroedUnits("cnn-zeroed", Map.of("conv1", new int[] {1}))) {
        assertArrayEquals(zeroed.forward(x).toFloatArray(), masked, 1e-5f);
      }
      assertNotEquals(net.forward(x).toFloatArray()[0], masked[0], 1e-7);
      Map<String, float[][]> l1 = net.capture(data, List.of("conv1"), Network.Reduction.L1_NORM, 2);
      Map<String, float[][]> mean = net.capture(data, List.of("conv1"), Network.Reduction.MEAN, 2);
      float[] raw = captured.get("conv1").toFloatArray();
      double sumAbs = 0;
      double sum = 0;
      for (int i = 0; i < 16; i++) {
        sumAbs += Math.abs(raw[16 + i]);
        sum += raw[16 + i];
      }
      assertEquals(sumAbs, l1.get("conv1")[0][1], 1e-4);
      assertEquals(sum / 16, mean.get("conv1")[0][1], 1e-5);
    }
  }

  @ParameterizedTest
  @CsvSource({"7, 2, 2, 0", "9, 3, 3, 0", "8, 2, 2, 0", "7, 3, 2, 1"})
  void maxPoolingEqualsPyTorchs(int side, int kernel, int stride, int padding) {
    // Non-overlapping tiles take the tiled path (odd sizes drop the last row and column, as
    // PyTorch's floor mode); overlapping or padded windows PyTorch's max_pool2d.
    Random r = new Random(side * 31L + kernel);
    int pooled = (side + 2 * padding - kernel) / stride + 1;
    List<Layer> layers =
        List.of(
            new Layer.Conv2d("conv1", 1, 3, 3, 3, 1, 1, randn(r, 27, 0.5), randn(r, 3, 0.1)),
            new Layer.MaxPool2d("pool1", kernel, stride, padding),
            new Layer.Flatten("flatten1"),
            new Layer.Dense(
                "dense1",
                3 * pooled * pooled,
                2,
                randn(r, 6 * pooled * pooled, 0.5),
                new float[2]));
    try (Network net = Network.of("pool", new long[] {1, side, side}, layers);
        NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
      NDArray x = m.create(randn(r, 5 * side * side, 1.0), new Shape(5, 1, side, side));
      NDArray conv = net.forwardTo("conv1", x);
      NDArray expected =
          Pool.maxPool2d(
              conv,
              new Shape(kernel, kernel),
              new Shape(stride, stride),
              new Shape(padding, padding),
              false);
      assertArrayEquals(expected.toFloatArray(), net.forwardInto("dense1", x).toFloatArray(), 0f);
    }
  }

  @Test
  void badShapesAndNamesAreExplained() {
    Random r = new Random(0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Network.of(
                    "bad",
                    new long[] {1, 4, 4},
                    List.of(new Layer.Dense("dense1", 10, 3, randn(r, 30, 1), new float[3]))));
    assertTrue(
        e.getMessage().contains("dense1") && e.getMessage().contains("expects 10 inputs"),
        e.getMessage());
    try (Network net = tinyMlp(1)) {
      IllegalArgumentException u =
          assertThrows(IllegalArgumentException.class, () -> net.unitLayer("dense9"));
      assertTrue(u.getMessage().contains("[dense1, dense2, dense3]"), u.getMessage());
      IllegalArgumentException l =
          assertThrows(
              IllegalArgumentException.class, () -> net.lesion(Map.of("dense1", new int[] {8})));
      assertTrue(l.getMessage().contains("units 0..7"), l.getMessage());
      ImageDataset wrong =
          ImageDataset.of("wrong", 1, 2, 2, new float[4], new int[] {0}, List.of("a"));
      IllegalArgumentException d =
          assertThrows(IllegalArgumentException.class, () -> net.predict(wrong, Map.of(), 8));
      assertTrue(
          d.getMessage().contains("[1, 2, 2]") && d.getMessage().contains("[1, 4, 4]"),
          d.getMessage());
      Lesion closed = net.lesion(Map.of());
      closed.close();
      assertThrows(IllegalStateException.class, () -> closed.predict(wrong, 8));
    }
  }

  @Test
  void layerNamesRoundTrip() {
    assertEquals("conv3", LayerNames.of("conv", 3));
    assertEquals(new LayerNames.Parsed("dense", 12), LayerNames.parse("dense12"));
    assertEquals("dense", LayerNames.kindOf(Layer.Dense.class));
    assertThrows(IllegalArgumentException.class, () -> LayerNames.parse("dense0"));
    assertThrows(IllegalArgumentException.class, () -> LayerNames.of("conv", 0));
  }
}
