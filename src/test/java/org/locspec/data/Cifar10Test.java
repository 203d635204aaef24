package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {
  @TempDir Path dir;

  /** A batch whose record r has label labels[r] and pixel i = (r + i) mod 256. */
  static byte[] batch(int... labels) {
    byte[] b = new byte[labels.length * Cifar10.RECORD_BYTES];
    for (int r = 0; r < labels.length; r++) {
      int base = r * Cifar10.RECORD_BYTES;
      b[base] = (byte) labels[r];
      for (int i = 0; i < Cifar10.IMAGE_BYTES; i++) {
        b[base + 1 + i] = (byte) ((r + i) % 256);
      }
    }
    return b;
  }

  void writeAll() throws IOException {
    for (int k = 1; k <= 5; k++) {
      Files.write(dir.resolve("data_batch_" + k + ".bin"), batch(k, k + 1));
    }
    Files.write(dir.resolve("test_batch.bin"), batch(9, 0, 3));
  }

  @Test
  void readsTrainAndTestBatches() throws IOException {
    writeAll();
    ImageDataset train = Cifar10.load(dir, Split.TRAIN);
    ImageDataset test = Cifar10.load(dir, Split.TEST);
    assertEquals(10, train.size());
    assertArrayEquals(new int[] {1, 2, 2, 3, 3, 4, 4, 5, 5, 6}, train.labels());
    assertArrayEquals(new int[] {9, 0, 3}, test.labels());
    assertEquals(3, test.channels());
    assertEquals(32, test.height());
    assertEquals(Cifar10.CLASS_NAMES, test.classNames());
    float[] img = test.image(1);
    // Record 1: pixel i = (1 + i) mod 256; CHW layout is kept, so green plane starts at 1024.
    assertEquals(1 / 255f, img[0]);
    assertEquals(((1 + 1024) % 256) / 255f, img[1024]);
  }

  @Test
  void classNamesComeFromMetaFile() throws IOException {
    writeAll();
    List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", names) + "\n\n");
    assertEquals(names, Cifar10.load(dir, Split.TEST).classNames());
    Files.writeString(dir.resolve("batches.meta.txt"), "a\nb\n");
    DataFileException e = assertThrows(DataFileException.class, () -> Cifar10.classNames(dir));
    assertTrue(e.getMessage().contains("lists 2 names, expected 10"), e.getMessage());
  }

  @Test
  void rejectsPartialRecordsBadLabelsAndMissingFiles() throws IOException {
    writeAll();
    byte[] good = batch(1, 2);
    Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(good, good.length - 10));
    DataFileException partial =
        assertThrows(DataFileException.class, () -> Cifar10.load(dir, Split.TEST));
    assertTrue(
        partial.getMessage().contains("not a positive multiple of the record size 3073"),
        partial.getMessage());

    Files.write(dir.resolve("test_batch.bin"), batch(1, 42));
    DataFileException label =
        assertThrows(DataFileException.class, () -> Cifar10.load(dir, Split.TEST));
    assertTrue(label.getMessage().contains("record 1 has label 42"), label.getMessage());

    Files.delete(dir.resolve("data_batch_3.bin"));
    DataFileException missing =
        assertThrows(DataFileException.class, () -> Cifar10.load(dir, Split.TRAIN));
    assertTrue(missing.getMessage().contains("data_batch_3.bin"), missing.getMessage());
    assertTrue(missing.getMessage().contains("cifar-10-binary.tar.gz"), missing.getMessage());
  }
}
