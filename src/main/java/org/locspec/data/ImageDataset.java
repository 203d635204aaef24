package org.locspec.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An immutable, in-memory labelled image data set: {@code size()} images of shape
 * {@code channels × height × width}, pixel values as floats (the loaders give [0, 1]), and one
 * integer label per image in {@code [0, classNames().size())}.
 *
 * <p>Pixels are stored flat and image-major: image {@code i} occupies
 * {@code pixels[i * imageSize() .. (i + 1) * imageSize())}, channel-major within the image (CHW).
 * The arrays are never exposed for writing: accessors return copies or read single values.
 */
public final class ImageDataset {
  private final String name;
  private final int channels;
  private final int height;
  private final int width;
  private final float[] pixels;
  private final int[] labels;
  private final List<String> classNames;

  private ImageDataset(
      String name,
      int channels,
      int height,
      int width,
      float[] pixels,
      int[] labels,
      List<String> classNames) {
    this.name = name;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.pixels = pixels;
    this.labels = labels;
    this.classNames = classNames;
  }

  /**
   * Creates a data set, copying the arrays.
   *
   * @param name a short name, e.g. "fashion-mnist/train"
   * @param channels channels per image (1 for grey scale)
   * @param height image height in pixels
   * @param width image width in pixels
   * @param pixels {@code labels.length * channels * height * width} values, image-major, CHW
   * @param labels one label per image, each in {@code [0, classNames.size())}
   * @param classNames the name of each class, in label order
   * @return the data set
   * @throws IllegalArgumentException naming the inconsistent sizes
   */
  public static ImageDataset of(
      String name,
      int channels,
      int height,
      int width,
      float[] pixels,
      int[] labels,
      List<String> classNames) {
    return wrap(
        name,
        channels,
        height,
        width,
        pixels.clone(),
        labels.clone(),
        List.copyOf(classNames));
  }

  /** Like {@link #of} but takes ownership of the arrays (no copy); for loaders in this package. */
  static ImageDataset wrap(
      String name,
      int channels,
      int height,
      int width,
      float[] pixels,
      int[] labels,
      List<String> classNames) {
    Objects.requireNonNull(name, "name");
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive, got "
              + channels
              + "×"
              + height
              + "×"
              + width
              + " for data set "
              + name);
    }
    long expected = (long) labels.length * channels * height * width;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "data set "
              + name
              + ": "
              + labels.length
              + " labels of "
              + channels
              + "×"
              + height
              + "×"
              + width
              + " images need "
              + expected
              + " pixel values, got "
              + pixels.length);
    }
    int k = classNames.size();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException(
            "data set "
                + name
                + ": label of image "
                + i
                + " is "
                + labels[i]
                + ", must be in [0, "
                + k
                + ")");
      }
    }
    return new ImageDataset(
        name, channels, height, width, pixels, labels, List.copyOf(classNames));
  }

  /** The data set's name, e.g. "fashion-mnist/test". */
  public String name() {
    return name;
  }

  /** The number of images. */
  public int size() {
    return labels.length;
  }

  /** Channels per image. */
  public int channels() {
    return channels;
  }

  /** Image height in pixels. */
  public int height() {
    return height;
  }

  /** Image width in pixels. */
  public int width() {
    return width;
  }

  /** Values per image: {@code channels × height × width}. */
  public int imageSize() {
    return channels * height * width;
  }

  /** The number of classes. */
  public int numClasses() {
    return classNames.size();
  }

  /** Class names in label order. */
  public List<String> classNames() {
    return classNames;
  }

  /** The label of image {@code i}. */
  public int label(int i) {
    return labels[Objects.checkIndex(i, labels.length)];
  }

  /** A copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** A copy of image {@code i}'s pixels (CHW). */
  public float[] image(int i) {
    Objects.checkIndex(i, labels.length);
    int n = imageSize();
    return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
  }

  /**
   * Copies the pixels of images {@code [from, to)} into {@code dest} starting at {@code offset}.
   * Used to fill batches without copying the whole set.
   */
  public void copyPixels(int from, int to, float[] dest, int offset) {
    Objects.checkFromToIndex(from, to, labels.length);
    int n = imageSize();
    System.arraycopy(pixels, from * n, dest, offset, (to - from) * n);
  }

  /** A copy of all pixels, image-major, CHW. */
  public float[] pixels() {
    return pixels.clone();
  }

  /**
   * The images {@code [from, to)} as a new data set.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code [0, size()]}
   */
  public ImageDataset slice(int from, int to) {
    Objects.checkFromToIndex(from, to, labels.length);
    int n = imageSize();
    return new ImageDataset(
        name + "[" + from + ":" + to + "]",
        channels,
        height,
        width,
        Arrays.copyOfRange(pixels, from * n, to * n),
        Arrays.copyOfRange(labels, from, to),
        classNames);
  }

  /** The images at the given indices, in that order, as a new data set. */
  public ImageDataset select(String newName, int[] indices) {
    int n = imageSize();
    float[] p = new float[indices.length * n];
    int[] l = new int[indices.length];
    for (int j = 0; j < indices.length; j++) {
      int i = Objects.checkIndex(indices[j], labels.length);
      System.arraycopy(pixels, i * n, p, j * n, n);
      l[j] = labels[i];
    }
    return new ImageDataset(newName, channels, height, width, p, l, classNames);
  }

  /** The number of images of each class, in label order. */
  public int[] classCounts() {
    int[] counts = new int[classNames.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** One row per class: label, class name and image count. */
  public Table toTable() {
    int k = classNames.size();
    int[] ids = new int[k];
    for (int i = 0; i < k; i++) {
      ids[i] = i;
    }
    return Table.create(
        name,
        IntColumn.create("label", ids),
        StringColumn.create("class", classNames),
        IntColumn.create("images", classCounts()));
  }

  @Override
  public String toString() {
    return "ImageDataset["
        + name
        + ": "
        + size()
        + " images of "
        + channels
        + "×"
        + height
        + "×"
        + width
        + ", "
        + numClasses()
        + " classes]";
  }
}
