package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real Fashion-MNIST files of the Debian package dataset-fashion-mnist. */
class FashionMnistTest {
  static final Path DEBIAN_PARENT = Datasets.DEBIAN_FASHION_MNIST.getParent();

  @BeforeAll
  static void needsDebianFiles() {
    assumeTrue(
        Files.isRegularFile(Datasets.DEBIAN_FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz")),
        "Debian package dataset-fashion-mnist is not installed");
  }

  @Test
  void testSplitHasTenThousandImagesThousandPerClass() {
    // /usr/share/datasets holds fashion-mnist/, so it works as a data directory.
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST, DEBIAN_PARENT);
    assertEquals("fashion-mnist/test", test.name());
    assertEquals(10_000, test.size());
    assertEquals(1, test.channels());
    assertEquals(28, test.height());
    assertEquals(28, test.width());
    int[] expected = new int[10];
    java.util.Arrays.fill(expected, 1000);
    assertArrayEquals(expected, test.classCounts());
    assertEquals("T-shirt/top", test.classNames().get(0));
    assertEquals("Ankle boot", test.classNames().get(9));
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    float[] px = test.pixels();
    for (float p : px) {
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    // The first test image is an ankle boot (label 9), as in every Fashion-MNIST copy.
    assertEquals(9, test.label(0));
  }

  @Test
  void trainSplitHasSixtyThousandImagesInRange() {
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN, DEBIAN_PARENT);
    assertEquals(60_000, train.size());
    for (int c : train.classCounts()) {
      assertEquals(6000, c);
    }
    for (int i = 0; i < train.size(); i++) {
      int l = train.label(i);
      assertEquals(true, l >= 0 && l < 10);
    }
  }
}
