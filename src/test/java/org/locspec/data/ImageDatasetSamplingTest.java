package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDatasetSamplingTest {
  /**
   * 100 images of 2 × 1 × 2 pixels; label = i mod 4 for i < 80, 3 otherwise (25/20/20/35 split).
   */
  static ImageDataset toy() {
    int n = 100;
    float[] px = new float[n * 4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i < 80 ? i % 4 : 3;
      for (int p = 0; p < 4; p++) {
        px[i * 4 + p] = p < 2 ? i : 1000 + i; // channel 0 = i, channel 1 = 1000 + i
      }
    }
    return ImageDataset.of("toy", 2, 1, 2, px, labels, List.of("a", "b", "c", "d"));
  }

  @Test
  void shuffledIsASeededPermutation() {
    ImageDataset ds = toy();
    ImageDataset a = ds.shuffled(7);
    ImageDataset b = ds.shuffled(7);
    ImageDataset c = ds.shuffled(8);
    assertArrayEquals(a.pixels(), b.pixels());
    assertFalse(Arrays.equals(a.pixels(), c.pixels()));
    int[] sorted = a.labels();
    Arrays.sort(sorted);
    int[] orig = ds.labels();
    Arrays.sort(orig);
    assertArrayEquals(orig, sorted);
    // Labels travel with their images.
    for (int i = 0; i < a.size(); i++) {
      int original = (int) a.image(i)[0];
      assertEquals(ds.label(original), a.label(i));
    }
  }

  @Test
  void stratifiedSampleKeepsClassShares() {
    ImageDataset ds = toy(); // counts 20, 20, 20, 40
    assertArrayEquals(new int[] {20, 20, 20, 40}, ds.classCounts());
    ImageDataset s = ds.stratifiedSample(10, 1);
    assertArrayEquals(new int[] {2, 2, 2, 4}, s.classCounts());
    // Remainders: 7 × (0.2, 0.2, 0.2, 0.4) = 1.4, 1.4, 1.4, 2.8 -> floors 1,1,1,2 (5), +1 to d
    // (0.8),
    // +1 to a (0.4, lowest label among ties).
    assertArrayEquals(new int[] {2, 1, 1, 3}, ds.stratifiedSample(7, 1).classCounts());
    assertArrayEquals(s.pixels(), ds.stratifiedSample(10, 1).pixels());
    assertFalse(Arrays.equals(s.pixels(), ds.stratifiedSample(10, 2).pixels()));
    // Original order is kept and no image repeats.
    float prev = -1;
    for (int i = 0; i < s.size(); i++) {
      assertTrue(s.image(i)[0] > prev);
      prev = s.image(i)[0];
    }
    assertEquals(100, ds.stratifiedSample(100, 3).size());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ds.stratifiedSample(101, 1));
    assertEquals("n must be in [0, 100] (the size of toy), got 101", e.getMessage());
  }

  @Test
  void normalizedUsesPerChannelStatistics() {
    ImageDataset ds = toy();
    double[] mean = ds.channelMeans();
    double[] std = ds.channelStds();
    assertEquals(49.5, mean[0], 1e-9);
    assertEquals(1049.5, mean[1], 1e-9);
    assertEquals(Math.sqrt((100 * 100 - 1) / 12.0), std[0], 1e-9);
    ImageDataset z = ds.normalized(mean, std);
    double[] zm = z.channelMeans();
    double[] zs = z.channelStds();
    for (int c = 0; c < 2; c++) {
      assertEquals(0, zm[c], 1e-5);
      assertEquals(1, zs[c], 1e-5);
    }
    assertArrayEquals(ds.labels(), z.labels());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ds.normalized(0.5, 0));
    assertEquals("std[0] must be a finite number > 0, got 0.0", e.getMessage());
  }
}
