package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locspec.data.ImageDataset;

/** Augmentation of training images: seeded, exact flips and shifts, pixels in range. */
class AugmentationTest {

  @Test
  void augmentationIsSeededAndFlipsAndShiftsExactly() {
    float[] img = new float[2 * 4 * 5];
    for (int i = 0; i < img.length; i++) {
      img[i] = i;
    }
    ImageDataset one = ImageDataset.of("one", 2, 4, 5, img, new int[] {0}, List.of("a", "b"));
    assertArrayEquals(img, Augmentation.none().augment(one, 1).image(0));
    // Flip only: every image is either unchanged or mirrored left-right.
    Augmentation flip = new Augmentation(true, 0, 0);
    boolean sawFlip = false;
    for (long seed = 0; seed < 8; seed++) {
      float[] out = flip.augment(one, seed).image(0);
      boolean mirrored = out[0] == img[4];
      sawFlip |= mirrored;
      for (int ch = 0; ch < 2; ch++) {
        for (int y = 0; y < 4; y++) {
          for (int x = 0; x < 5; x++) {
            int src = mirrored ? 4 - x : x;
            assertEquals(img[(ch * 4 + y) * 5 + src], out[(ch * 4 + y) * 5 + x], 0f);
          }
        }
      }
    }
    assertTrue(sawFlip);
    // Shifts: values stay within the image's range, and the same seed repeats the result.
    ImageDataset digits = FashionSubsets.train(20);
    ImageDataset a = Augmentation.paper().augment(digits, 3);
    assertArrayEquals(a.pixels(), Augmentation.paper().augment(digits, 3).pixels());
    assertFalse(java.util.Arrays.equals(a.pixels(), digits.pixels()));
    for (float v : a.pixels()) {
      assertTrue(v >= 0 && v <= 1, "pixel " + v);
    }
    float[] dst = new float[img.length];
    new Augmentation(false, 0.2, 0).apply(img, 0, dst, 0, 2, 4, 5, new SplittableRandom(1));
    assertTrue(dst[0] >= 0 && dst[0] <= img.length);
  }
}
