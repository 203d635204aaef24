package org.locspec.lesion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;

class LesionEngineTest {

  /** Binary lesion masks, one all-ones mask and one mask that scales units. */
  private static List<float[]> masks(int units, int count, long seed) {
    Random r = new Random(seed);
    List<float[]> out = new ArrayList<>();
    float[] ones = new float[units];
    Arrays.fill(ones, 1f);
    out.add(ones);
    float[] scaled = new float[units];
    for (int u = 0; u < units; u++) {
      scaled[u] = 0.25f + r.nextFloat();
    }
    out.add(scaled);
    for (int i = 0; i < count; i++) {
      float[] m = ones.clone();
      for (int u = 0; u < units; u++) {
        if (r.nextDouble() < 0.3) {
          m[u] = 0f;
        }
      }
      out.add(m);
    }
    return out;
  }

  private static void assertEqualsPlainForward(
      Network net, ImageDataset data, String layer, int batch, long budget) {
    int units = net.unitLayer(layer).units();
    List<float[]> masks = masks(units, 14, units * 31L + batch);
    try (LesionEngine engine = LesionEngine.open(net, data, layer, batch, budget)) {
      int[][] fast = engine.predict(masks);
      double[][] perClass = engine.perClassAccuracy(masks);
      double[] overall = engine.accuracy(masks);
      int[] counts = engine.classCounts();
      int changed = 0;
      int[] intact = net.predict(data, Map.of(), batch);
      for (int m = 0; m < masks.size(); m++) {
        int[] plain = net.predict(data, Map.of(layer, masks.get(m)), batch);
        assertArrayEquals(plain, fast[m], layer + " mask " + m + ": engine differs from forward");
        changed += Arrays.equals(plain, intact) ? 0 : 1;
        int[] correct = new int[3];
        int all = 0;
        for (int i = 0; i < plain.length; i++) {
          if (plain[i] == data.label(i)) {
            correct[data.label(i)]++;
            all++;
          }
        }
        for (int c = 0; c < 3; c++) {
          assertEquals((double) correct[c] / counts[c], perClass[m][c], 0.0);
        }
        assertEquals((double) all / data.size(), overall[m], 0.0);
      }
      // The masks must matter, or the comparison proves nothing.
      assertTrue(
          changed > masks.size() / 2, layer + ": only " + changed + " masks changed predictions");
    }
  }

  @ParameterizedTest
  @CsvSource({"dense1, 64", "dense2, 1000", "dense3, 97"})
  void mlpEngineEqualsPlainMaskedForward(String layer, int batch) {
    try (Network net = TinyNets.mlp(11)) {
      assertEqualsPlainForward(net, TinyNets.images(600, 4, 5), layer, batch, 1L << 30);
    }
  }

  @ParameterizedTest
  @CsvSource({"conv1, 128", "conv2, 100", "dense1, 1000"})
  void cnnWithBatchNormAfterReluEqualsPlainMaskedForward(String layer, int batch) {
    try (Network net = TinyNets.cnn(3)) {
      assertEqualsPlainForward(net, TinyNets.images(300, 6, 9), layer, batch, 1L << 30);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "conv1, 128, 1073741824",
    "conv2, 50, 1073741824",
    "conv3, 64, 1073741824",
    "conv1, 64, 60000"
  })
  void cnnChannelUpdateEqualsPlainMaskedForward(String layer, int batch, long budget) {
    try (Network net = TinyNets.plainCnn(7)) {
      assertEquals(
          layer.equals("conv3") ? "" : layer.equals("conv1") ? "conv2" : "conv3",
          net.linearAfter(layer).map(l -> l.name()).orElse(""),
          "the convolution reading " + layer + " through dropout and pooling");
      assertEqualsPlainForward(net, TinyNets.images(300, 6, 4), layer, batch, budget);
    }
  }

  @Test
  void channelUpdateCountsItsMultiplyAddsAndRefusesNegativeMasks() {
    // plainCnn: conv1 1 -> 6, conv2 6 -> 5 (6×6), pool, conv3 5 -> 4 (3×3), dense 36 -> 3.
    try (Network net = TinyNets.plainCnn(3)) {
      ImageDataset data = TinyNets.images(40, 6, 2);
      try (LesionEngine engine = LesionEngine.open(net, data, "conv1", 40)) {
        long prefix = 40L * (6 * 9 * 36 + 5 * 6 * 9 * 36);
        assertEquals(prefix, engine.multiplyAdds(), "conv1 and conv2's linear output");
        engine.predict(List.of(engine.maskOf(new int[] {1, 4})));
        long update = 2L * 5 * 9 * 36; // two of conv2's six input channels
        long suffix = 4L * 5 * 9 * 9 + 36 * 3; // conv3 and dense1
        assertEquals(prefix + 40 * (update + suffix), engine.multiplyAdds());
        float[] negative = engine.maskOf(new int[] {0});
        negative[2] = -1f;
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> engine.predict(List.of(negative)));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
      }
    }
  }

  @Test
  void multiplyAddsCountTheLowRankUpdateAndTheLayersAfterIt() {
    // TinyNets.mlp: dense1 16 -> 24, dense2 24 -> 12, dense3 12 -> 3.
    try (Network net = TinyNets.mlp(11)) {
      ImageDataset data = TinyNets.images(50, 4, 2);
      try (LesionEngine engine = LesionEngine.open(net, data, "dense1", 20)) {
        assertEquals(50L * (16 * 24 + 24 * 12), engine.multiplyAdds(), "prefix and dense2's z");
        float[] three = engine.maskOf(new int[] {1, 5, 7});
        float[] five = engine.maskOf(new int[] {0, 2, 4, 6, 8});
        float[] none = engine.maskOf(new int[0]);
        engine.predict(List.of(five, none, three));
        long perImage = (3 * 12 + 12 * 3) + (5 * 12 + 12 * 3) + (12 * 3);
        assertEquals(50L * (16 * 24 + 24 * 12 + perImage), engine.multiplyAdds());
      }
      try (LesionEngine engine = LesionEngine.open(net, data, "dense2", 20)) {
        long prefix = 50L * (16 * 24 + 24 * 12 + 12 * 3);
        assertEquals(prefix, engine.multiplyAdds());
        engine.predict(List.of(engine.maskOf(new int[] {3, 4})));
        assertEquals(prefix + 50L * 2 * 3, engine.multiplyAdds(), "only the rank-2 update");
      }
    }
  }

  @Test
  void chunkedCacheEqualsPlainForward() {
    try (Network net = TinyNets.cnn(4)) {
      ImageDataset data = TinyNets.images(400, 6, 10);
      // conv1 output: 4×6×6 floats = 576 bytes per image; 100 KB holds 173 images -> 3 chunks.
      try (LesionEngine engine = LesionEngine.open(net, data, "conv1", 64, 100_000)) {
        assertFalse(engine.fullyCached());
        assertEquals(173, engine.chunkImages());
        // Progress comes block by block (64 images, chunks of 173), not only per chunk.
        List<float[]> masks =
            List.of(engine.maskOf(new int[] {1}), engine.maskOf(new int[] {0, 3}));
        List<Integer> reports = new ArrayList<>();
        double[][] withProgress = engine.perClassAccuracy(masks, reports::add);
        assertEquals(List.of(64, 128, 173, 237, 301, 346, 400), reports);
        double[][] without = engine.perClassAccuracy(masks);
        for (int m = 0; m < masks.size(); m++) {
          assertArrayEquals(without[m], withProgress[m], "mask " + m);
        }
      }
      assertEqualsPlainForward(net, data, "conv1", 64, 100_000);
    }
  }

  @Test
  void lesionedUnitsOutputBatchNormConstant() {
    // Lesioning every conv1 channel leaves only the batch norm's constant: every image then gets
    // the same prediction.
    try (Network net = TinyNets.cnn(5);
        LesionEngine engine = LesionEngine.open(net, TinyNets.images(200, 6, 1), "conv1", 100)) {
      int[] pred = engine.predict(List.of(new float[4]))[0];
      assertTrue(Arrays.stream(pred).allMatch(p -> p == pred[0]));
    }
  }

  @Test
  void badInputIsExplained() {
    try (Network net = TinyNets.mlp(1)) {
      ImageDataset data = TinyNets.images(20, 4, 1);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> LesionEngine.open(net, data, "dense9", 10));
      assertTrue(e.getMessage().contains("dense1"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> LesionEngine.open(net, TinyNets.images(5, 6, 1), "dense1", 10));
      assertTrue(e.getMessage().contains("[1, 6, 6]"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class, () -> LesionEngine.open(net, data, "dense1", 0));
      assertEquals("batchSize must be >= 1, got 0", e.getMessage());
      try (LesionEngine engine = LesionEngine.open(net, data, "dense1", 10)) {
        e =
            assertThrows(
                IllegalArgumentException.class, () -> engine.predict(List.of(new float[5])));
        assertEquals("mask 0 has 5 values, layer dense1 has 24 units", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.maskOf(new int[] {24}));
        assertTrue(e.getMessage().contains("0..23"), e.getMessage());
        engine.close();
        assertThrows(IllegalStateException.class, () -> engine.accuracy(List.of(new float[24])));
      }
    }
  }
}
