package org.locspec.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the binary version of CIFAR-10 ({@code cifar-10-binary.tar.gz}, extracted to a folder
 * {@code cifar-10-batches-bin/}): {@code data_batch_1.bin} … {@code data_batch_5.bin} form the
 * training set (50,000 images), {@code test_batch.bin} the test set (10,000). Each record is one
 * label byte (0–9) followed by 3,072 pixel bytes: the red, green and blue 32 × 32 planes (CHW).
 * Pixels are scaled to [0, 1]. Class names come from {@code batches.meta.txt} when present,
 * otherwise the standard ten.
 *
 * <p>References: A. Krizhevsky, "Learning Multiple Layers of Features from Tiny Images" (2009).
 */
public final class Cifar10 {
  /** Image side length. */
  public static final int SIDE = 32;

  /** Pixel bytes per record: 3 × 32 × 32. */
  public static final int IMAGE_BYTES = 3 * SIDE * SIDE;

  /** Bytes per record: one label byte and the pixels. */
  public static final int RECORD_BYTES = 1 + IMAGE_BYTES;

  /** The standard class names, in label order. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  /** The training batch files, in order. */
  public static final List<String> TRAIN_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin");

  /** The test batch file. */
  public static final String TEST_FILE = "test_batch.bin";

  private Cifar10() {}

  /**
   * Loads one split.
   *
   * @param dir the folder holding the batch files ({@code cifar-10-batches-bin})
   * @param split which part to load
   * @return the images, 3 × 32 × 32, named "cifar10/train" or "cifar10/test"
   * @throws DataFileException if a batch file is missing, has a partial record or a label > 9, or
   *     {@code batches.meta.txt} does not hold ten names
   */
  public static ImageDataset load(Path dir, Split split) {
    List<String> files = split == Split.TRAIN ? TRAIN_FILES : List.of(TEST_FILE);
    List<byte[]> contents = new ArrayList<>();
    long records = 0;
    for (String f : files) {
      Path file = dir.resolve(f);
      byte[] bytes = readBatch(file);
      contents.add(bytes);
      records += bytes.length / RECORD_BYTES;
    }
    if (records * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
      throw new DataFileException(
          dir,
          "CIFAR-10 folder " + dir + " holds too many images (" + records + ") for one array.");
    }
    List<String> classNames = classNames(dir);
    float[] pixels = new float[(int) records * IMAGE_BYTES];
    int[] labels = new int[(int) records];
    int at = 0;
    for (int b = 0; b < contents.size(); b++) {
      byte[] bytes = contents.get(b);
      int n = bytes.length / RECORD_BYTES;
      for (int r = 0; r < n; r++) {
        int base = r * RECORD_BYTES;
        int label = bytes[base] & 0xFF;
        if (label >= classNames.size()) {
          Path file = dir.resolve(files.get(b));
          throw new DataFileException(
              file,
              "CIFAR-10 batch file "
                  + file
                  + ": record "
                  + r
                  + " has label "
                  + label
                  + ", must be in [0, "
                  + classNames.size()
                  + "). This is not a CIFAR-10 binary batch (CIFAR-100 uses two label bytes):"
                  + " use the files of cifar-10-binary.tar.gz.");
        }
        labels[at] = label;
        int p = at * IMAGE_BYTES;
        for (int i = 0; i < IMAGE_BYTES; i++) {
          pixels[p + i] = (bytes[base + 1 + i] & 0xFF) / 255f;
        }
        at++;
      }
    }
    return ImageDataset.wrap(
        "cifar10/" + split.name().toLowerCase(Locale.ROOT),
        3,
        SIDE,
        SIDE,
        pixels,
        labels,
        classNames);
  }

  /**
   * The class names of a CIFAR-10 folder: the non-blank lines of {@code batches.meta.txt} if the
   * file exists, otherwise {@link #CLASS_NAMES}.
   *
   * @param dir the folder holding the batch files
   * @return ten class names
   * @throws DataFileException if {@code batches.meta.txt} exists but does not hold ten names
   */
  public static List<String> classNames(Path dir) {
    Path meta = dir.resolve("batches.meta.txt");
    if (!Files.isRegularFile(meta)) {
      return CLASS_NAMES;
    }
    List<String> names = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new DataFileException(
          meta,
          "cannot read CIFAR-10 class names from " + meta + ": " + e + ". Check the file.",
          e);
    }
    if (names.size() != 10) {
      throw new DataFileException(
          meta,
          "CIFAR-10 class-name file "
              + meta
              + " lists "
              + names.size()
              + " names, expected 10 (one per line). Fix or delete it to use the standard names.");
    }
    return List.copyOf(names);
  }

  private static byte[] readBatch(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(
          file,
          "CIFAR-10 batch file not found: "
              + file
              + ". Download the binary version (cifar-10-binary.tar.gz from"
              + " https://www.cs.toronto.edu/~kriz/cifar.html), extract it into the LocSpec data"
              + " directory so that cifar-10-batches-bin/ holds data_batch_1.bin..data_batch_5.bin"
              + " and test_batch.bin, or pass the folder that holds them.");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataFileException(
          file, "cannot read CIFAR-10 batch file " + file + ": " + e + ". Check the file.", e);
    }
    if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0) {
      throw new DataFileException(
          file,
          "CIFAR-10 batch file "
              + file
              + " has "
              + bytes.length
              + " bytes, not a positive multiple of the record size "
              + RECORD_BYTES
              + " (1 label byte + 3072 pixel bytes); the last record is "
              + (bytes.length % RECORD_BYTES)
              + " bytes long. The file is truncated or not a CIFAR-10 binary batch: extract it"
              + " again from cifar-10-binary.tar.gz.");
    }
    return bytes;
  }
}
