package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  private static final List<String> TEN = Datasets.DIGIT_CLASSES;

  @TempDir Path dir;

  /** An IDX image file body: header + bytes. */
  static byte[] imagesBytes(int count, int rows, int cols, int seed) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
    b.putInt(Idx.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < count * rows * cols; i++) {
      b.put((byte) ((i * 37 + seed) % 256));
    }
    return b.array();
  }

  static byte[] labelsBytes(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(Idx.LABELS_MAGIC).putInt(labels.length);
    for (int l : labels) {
      b.put((byte) l);
    }
    return b.array();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bo)) {
      out.write(data);
    }
    return bo.toByteArray();
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    byte[] raw = imagesBytes(3, 2, 4, 5);
    Path plain = Files.write(dir.resolve("a-images"), raw);
    Path gz = Files.write(dir.resolve("b-images"), gzip(raw)); // no .gz suffix: detected by magic
    Idx.Images a = Idx.readImages(plain);
    Idx.Images b = Idx.readImages(gz);
    assertEquals(3, a.count());
    assertEquals(2, a.rows());
    assertEquals(4, a.columns());
    assertArrayEquals(a.pixels(), b.pixels());
    assertEquals((5 % 256) / 255f, a.pixels()[0]);
    assertEquals(((1 * 37 + 5) % 256) / 255f, a.pixels()[1]);
    for (float p : a.pixels()) {
      assertTrue(p >= 0 && p <= 1);
    }
  }

  @Test
  void loadsImagesWithLabels() throws IOException {
    Path images = Files.write(dir.resolve("i.gz"), gzip(imagesBytes(4, 3, 3, 0)));
    Path labels = Files.write(dir.resolve("l"), labelsBytes(3, 1, 4, 1));
    ImageDataset ds = Idx.load("tiny", images, labels, TEN);
    assertEquals(4, ds.size());
    assertEquals(1, ds.channels());
    assertEquals(3, ds.height());
    assertArrayEquals(new int[] {3, 1, 4, 1}, ds.labels());
  }

  @Test
  void truncatedFileNamesExpectedAndActualBytes() throws IOException {
    byte[] raw = imagesBytes(10, 4, 4, 1);
    Path plain = Files.write(dir.resolve("cut"), Arrays.copyOf(raw, 100));
    DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(plain));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("176 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("after 100"), e.getMessage());
    assertTrue(e.getMessage().contains(plain.toString()), e.getMessage());
    assertEquals(plain, e.file());

    // A cut-off gzip stream is reported the same way, not as a raw EOFException.
    byte[] gz = gzip(imagesBytes(200, 28, 28, 1));
    Path cutGz = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    DataFileException e2 = assertThrows(DataFileException.class, () -> Idx.readImages(cutGz));
    assertTrue(e2.getMessage().contains("truncated"), e2.getMessage());
    assertTrue(e2.getMessage().contains("156816 bytes"), e2.getMessage());
  }

  @Test
  void truncatedHeaderIsReported() throws IOException {
    Path f = Files.write(dir.resolve("short"), new byte[] {0, 0, 8, 3, 0, 0});
    DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(f));
    assertTrue(e.getMessage().contains("header needs 8 bytes"), e.getMessage());
  }

  @Test
  void wrongMagicNumberIsReported() throws IOException {
    Path labels = Files.write(dir.resolve("labels"), labelsBytes(1, 2));
    DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(labels));
    assertTrue(
        e.getMessage().contains("magic number 0x00000801, expected 0x00000803"), e.getMessage());
    assertTrue(e.getMessage().contains("swapped"), e.getMessage());

    Path junk = Files.writeString(dir.resolve("junk"), "PK not an idx file at all");
    DataFileException e2 = assertThrows(DataFileException.class, () -> Idx.readLabels(junk));
    assertTrue(e2.getMessage().contains("expected 0x00000801"), e2.getMessage());
    assertTrue(e2.getMessage().contains(junk.toString()), e2.getMessage());
  }

  @Test
  void countMismatchIsReported() throws IOException {
    Path images = Files.write(dir.resolve("i"), imagesBytes(3, 2, 2, 0));
    Path labels = Files.write(dir.resolve("l"), labelsBytes(1, 2));
    DataFileException e =
        assertThrows(DataFileException.class, () -> Idx.load("x", images, labels, TEN));
    assertTrue(e.getMessage().contains("holds 2 labels"), e.getMessage());
    assertTrue(e.getMessage().contains("holds 3 images"), e.getMessage());
  }

  @Test
  void labelOutOfRangeIsReported() throws IOException {
    Path images = Files.write(dir.resolve("i"), imagesBytes(2, 2, 2, 0));
    Path labels = Files.write(dir.resolve("l"), labelsBytes(1, 12));
    DataFileException e =
        assertThrows(DataFileException.class, () -> Idx.load("x", images, labels, TEN));
    assertTrue(
        e.getMessage().contains("label of image 1 is 12, must be in [0, 10)"), e.getMessage());
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    byte[] raw = imagesBytes(2, 2, 2, 0);
    byte[] longer = Arrays.copyOf(raw, raw.length + 5);
    Path f = Files.write(dir.resolve("long"), longer);
    DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(f));
    assertTrue(e.getMessage().contains("found 5 more"), e.getMessage());
  }

  @Test
  void missingFileIsReported() {
    Path f = dir.resolve("nope-images-idx3-ubyte.gz");
    DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(f));
    assertTrue(e.getMessage().contains("not found: " + f), e.getMessage());
    assertTrue(e.getMessage().contains("datasets/fetch.sh"), e.getMessage());
  }
}
