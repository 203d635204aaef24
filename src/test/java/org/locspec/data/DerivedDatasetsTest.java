package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Halves and stack on a small set with distinct pixels, so every pixel's origin is checkable. */
class DerivedDatasetsTest {
  static final int N = 30;
  static final ImageDataset SOURCE = source();

  static ImageDataset source() {
    int c = 2;
    int h = 3;
    int w = 4;
    float[] pixels = new float[N * c * h * w];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i * 0.5f;
    }
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = (i * 7) % 10;
    }
    return ImageDataset.of("toy", c, h, w, pixels, labels, Datasets.DIGIT_CLASSES);
  }

  @Test
  void halvesPlacesTwoHalfWidthImagesSideBySide() {
    for (PairLabel rule : PairLabel.values()) {
      ImageDataset d = DerivedDatasets.halves(SOURCE, rule, 50, 9);
      int[][] pairs = DerivedDatasets.pairs(SOURCE, rule, 50, 9);
      assertEquals(50, d.size());
      assertEquals(List.of(2, 3, 4), List.of(d.channels(), d.height(), d.width()));
      assertEquals(SOURCE.classNames(), d.classNames());
      assertEquals("toy halves " + rule.shortName() + " seed 9", d.name());
      for (int i = 0; i < d.size(); i++) {
        float[] img = d.image(i);
        float[] a = SOURCE.image(pairs[i][0]);
        float[] b = SOURCE.image(pairs[i][1]);
        for (int ch = 0; ch < 2; ch++) {
          for (int y = 0; y < 3; y++) {
            int row = (ch * 3 + y) * 4;
            assertEquals((a[row] + a[row + 1]) / 2, img[row], 0f);
            assertEquals((a[row + 2] + a[row + 3]) / 2, img[row + 1], 0f);
            assertEquals((b[row] + b[row + 1]) / 2, img[row + 2], 0f);
            assertEquals((b[row + 2] + b[row + 3]) / 2, img[row + 3], 0f);
          }
        }
        checkLabel(rule, d.label(i), pairs[i], i);
      }
    }
  }

  @Test
  void stackPutsTheTwoImagesIntoChannels() {
    for (PairLabel rule : PairLabel.values()) {
      ImageDataset d = DerivedDatasets.stack(SOURCE, rule, 7);
      int[][] pairs = DerivedDatasets.pairs(SOURCE, rule, N, 7);
      assertEquals(N, d.size()); // default size = source size
      assertEquals(List.of(4, 3, 4), List.of(d.channels(), d.height(), d.width()));
      for (int i = 0; i < N; i++) {
        float[] img = d.image(i);
        float[] a = SOURCE.image(pairs[i][0]);
        float[] b = SOURCE.image(pairs[i][1]);
        assertArrayEquals(a, java.util.Arrays.copyOfRange(img, 0, a.length));
        assertArrayEquals(b, java.util.Arrays.copyOfRange(img, a.length, img.length));
        checkLabel(rule, d.label(i), pairs[i], i);
      }
    }
  }

  private static void checkLabel(PairLabel rule, int label, int[] pair, int i) {
    int la = SOURCE.label(pair[0]);
    int lb = SOURCE.label(pair[1]);
    if (rule == PairLabel.SUM_MOD_10) {
      assertEquals((la + lb) % 10, label);
    } else {
      assertEquals(i % N, pair[0]);
      assertEquals(la, lb);
      assertEquals(la, label);
    }
  }

  @Test
  void sameSeedSamePairsOtherSeedOtherPairs() {
    for (PairLabel rule : PairLabel.values()) {
      ImageDataset a = DerivedDatasets.halves(SOURCE, rule, 40, 1);
      ImageDataset b = DerivedDatasets.halves(SOURCE, rule, 40, 1);
      ImageDataset c = DerivedDatasets.halves(SOURCE, rule, 40, 2);
      assertArrayEquals(a.pixels(), b.pixels());
      assertArrayEquals(a.labels(), b.labels());
      assertFalse(java.util.Arrays.equals(a.pixels(), c.pixels()));
    }
  }

  @Test
  void sumRuleCoversManyLabelsOnRealDigits() {
    ImageDataset digits = SOURCE;
    ImageDataset d = DerivedDatasets.stack(digits, PairLabel.SUM_MOD_10, 500, 3);
    int[] counts = d.classCounts();
    for (int c = 0; c < 10; c++) {
      assertTrue(counts[c] > 10, "class " + c + " has only " + counts[c] + " of 500 images");
    }
  }

  @Test
  void badInputsNameTheProblem() {
    ImageDataset odd =
        ImageDataset.of("odd", 1, 2, 3, new float[6], new int[] {0}, List.of("a", "b"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DerivedDatasets.halves(odd, PairLabel.SUM_MOD_10, 1));
    assertTrue(e.getMessage().contains("even width"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DerivedDatasets.stack(SOURCE, PairLabel.SAME_CLASS, 0, 1));
    assertEquals("size must be >= 1, got 0", e.getMessage());
  }
}
