package org.locspec.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic number ({@code 0x00 0x00
 * type ndims}), {@code ndims} big-endian 32-bit dimensions, then the values. Only unsigned bytes
 * (type {@code 0x08}) are read: {@code 0x00000803} for images (count × rows × columns) and {@code
 * 0x00000801} for labels (count). Files may be gzipped (recognised by the gzip magic bytes {@code
 * 1f 8b}, whatever their name) or plain.
 *
 * <p>Every problem (missing file, wrong magic number, impossible dimensions, a file shorter or
 * longer than its header announces, labels out of range, image and label counts that differ) is
 * reported as a {@link DataFileException} naming the file.
 *
 * <p>References: Y. LeCun, C. Cortes, C. Burges, "The MNIST database of handwritten digits" (file
 * format section); H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST" (arXiv 1708.07747).
 */
public final class Idx {
  /** Magic number of an IDX file of unsigned-byte images: count × rows × columns. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte labels: count. */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int MAX_SIDE = 1 << 14;

  private Idx() {}

  /**
   * Images read from an IDX file, pixels scaled to [0, 1] (byte value / 255).
   *
   * @param count number of images
   * @param rows image height
   * @param columns image width
   * @param pixels {@code count × rows × columns} values, image-major, row-major within an image
   */
  public record Images(int count, int rows, int columns, float[] pixels) {
    /** Values per image, {@code rows × columns}. */
    public int imageSize() {
      return rows * columns;
    }

    @Override
    public String toString() {
      return "Idx.Images[" + count + " images of " + rows + "×" + columns + "]";
    }
  }

  /**
   * Reads an image file (magic {@code 0x00000803}).
   *
   * @param file the file, gzipped or plain
   * @return the images, pixels in [0, 1]
   * @throws DataFileException if the file is missing, unreadable, not an image file, or truncated
   */
  public static Images readImages(Path file) {
    try (InputStream in = open(file)) {
      int magic = readInt(in, file, 0);
      checkMagic(file, magic, IMAGES_MAGIC, "image");
      int count = readInt(in, file, 4);
      int rows = readInt(in, file, 8);
      int cols = readInt(in, file, 12);
      if (count < 0 || rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
        throw new DataFileException(
            file,
            "IDX image file "
                + file
                + " has impossible dimensions "
                + count
                + "×"
                + rows
                + "×"
                + cols
                + " (count must be >= 0, rows and columns in [1, "
                + MAX_SIDE
                + "]). The file is corrupt: download it again.");
      }
      long n = (long) count * rows * cols;
      if (n > Integer.MAX_VALUE - 16) {
        throw new DataFileException(
            file,
            "IDX image file "
                + file
                + " announces "
                + n
                + " pixels, more than one Java array can hold. Split the file or use a subset.");
      }
      byte[] bytes = readBody(in, file, (int) n, 16);
      float[] pixels = new float[(int) n];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (bytes[i] & 0xFF) / 255f;
      }
      return new Images(count, rows, cols, pixels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads a label file (magic {@code 0x00000801}).
   *
   * @param file the file, gzipped or plain
   * @return one label (0..255) per image
   * @throws DataFileException if the file is missing, unreadable, not a label file, or truncated
   */
  public static int[] readLabels(Path file) {
    try (InputStream in = open(file)) {
      int magic = readInt(in, file, 0);
      checkMagic(file, magic, LABELS_MAGIC, "label");
      int count = readInt(in, file, 4);
      if (count < 0 || count > Integer.MAX_VALUE - 8) {
        throw new DataFileException(
            file,
            "IDX label file "
                + file
                + " announces "
                + count
                + " labels; the count must be >= 0. The file is corrupt: download it again.");
      }
      byte[] bytes = readBody(in, file, count, 8);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xFF;
      }
      return labels;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads a pair of image and label files into a data set of 1-channel images.
   *
   * @param name the data set's name, e.g. "fashion-mnist/train"
   * @param imagesFile the IDX image file
   * @param labelsFile the IDX label file
   * @param classNames class names in label order; every label must be below their number
   * @return the data set
   * @throws DataFileException if either file is bad, the counts differ, or a label is out of range
   */
  public static ImageDataset load(
      String name, Path imagesFile, Path labelsFile, List<String> classNames) {
    Images images = readImages(imagesFile);
    int[] labels = readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new DataFileException(
          labelsFile,
          "IDX label file "
              + labelsFile
              + " holds "
              + labels.length
              + " labels but image file "
              + imagesFile
              + " holds "
              + images.count()
              + " images; they must match. Use the label file that belongs to these images"
              + " (train-* with train-*, t10k-* with t10k-*).");
    }
    int k = classNames.size();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= k) {
        throw new DataFileException(
            labelsFile,
            "IDX label file "
                + labelsFile
                + ": label of image "
                + i
                + " is "
                + labels[i]
                + ", must be in [0, "
                + k
                + ") for the "
                + k
                + " classes of "
                + name
                + ". Check that this is the right label file.");
      }
    }
    return ImageDataset.wrap(
        name, 1, images.rows(), images.columns(), images.pixels(), labels, classNames);
  }

  /** Opens a file, transparently un-gzipping it when it starts with the gzip magic bytes. */
  static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(
          file,
          "IDX file not found: "
              + file
              + ". Run datasets/fetch.sh or pass the directory that holds the IDX files.");
    }
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  private static void checkMagic(Path file, int magic, int expected, String kind) {
    if (magic == expected) {
      return;
    }
    String hint =
        magic == (expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
            ? " That is the magic number of an IDX "
                + (expected == IMAGES_MAGIC ? "label" : "image")
                + " file: the image and label files seem to be swapped."
            : (magic >>> 16) != 0
                ? " The file does not start like an IDX file (a compressed format other than"
                    + " gzip, or not IDX at all)."
                : " IDX files of other value types or dimensions are not supported.";
    throw new DataFileException(
        file,
        String.format(
            "IDX %s file %s has magic number 0x%08X, expected 0x%08X.%s Pass the %s file"
                + " (e.g. train-%s-idx%d-ubyte.gz).",
            kind,
            file,
            magic,
            expected,
            hint,
            kind,
            expected == IMAGES_MAGIC ? "images" : "labels",
            expected == IMAGES_MAGIC ? 3 : 1));
  }

  private static int readInt(InputStream in, Path file, int offset) throws IOException {
    byte[] b = new byte[4];
    int got = readFully(in, b, file);
    if (got < 4) {
      throw truncated(file, offset + 4, offset + got, "header");
    }
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  private static byte[] readBody(InputStream in, Path file, int n, int headerBytes)
      throws IOException {
    byte[] body = new byte[n];
    int got = readFully(in, body, file);
    if (got < n) {
      throw truncated(file, (long) headerBytes + n, (long) headerBytes + got, "data");
    }
    if (in.read() != -1) {
      long extra = 1 + in.transferTo(java.io.OutputStream.nullOutputStream());
      throw new DataFileException(
          file,
          "IDX file "
              + file
              + " is longer than its header announces: expected "
              + (headerBytes + (long) n)
              + " bytes"
              + " (uncompressed), found "
              + extra
              + " more. The file is corrupt or not the one the header describes: download it"
              + " again.");
    }
    return body;
  }

  /**
   * Reads until {@code buf} is full or the stream ends; a cut-off gzip stream counts as its end.
   */
  private static int readFully(InputStream in, byte[] buf, Path file) throws IOException {
    int off = 0;
    try {
      while (off < buf.length) {
        int r = in.read(buf, off, buf.length - off);
        if (r < 0) {
          break;
        }
        off += r;
      }
    } catch (EOFException e) {
      // GZIPInputStream throws this when the compressed stream is cut off: report as truncated.
    }
    return off;
  }

  private static DataFileException truncated(Path file, long expected, long actual, String part) {
    return new DataFileException(
        file,
        "IDX file "
            + file
            + " is truncated: its "
            + part
            + " needs "
            + expected
            + " bytes (uncompressed) but the file ends after "
            + actual
            + ". The download was probably interrupted: delete the file and run"
            + " datasets/fetch.sh again (or download it again).");
  }

  private static DataFileException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new DataFileException(
          file,
          "IDX file not found: "
              + file
              + ". Run datasets/fetch.sh or pass the directory that holds the IDX files.",
          e);
    }
    return new DataFileException(
        file,
        "cannot read IDX file "
            + file
            + ": "
            + e
            + ". Check that the file is readable and not corrupt (download it again if needed).",
        e);
  }
}
