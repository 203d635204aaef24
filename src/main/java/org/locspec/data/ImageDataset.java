package org.locspec.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.locspec.stats.Permutations;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An immutable, in-memory labelled image data set: {@code size()} images of shape {@code channels ×
 * height × width}, pixel values as floats (the loaders give [0, 1]), and one integer label per
 * image in {@code [0, classNames().size())}.
 *
 * <p>Pixels are stored flat and image-major: image {@code i} occupies {@code pixels[i * imageSize()
 * .. (i + 1) * imageSize())}, channel-major within the image (CHW). The arrays are never exposed
 * for writing: accessors return copies or read single values.
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
        name, channels, height, width, pixels.clone(), labels.clone(), List.copyOf(classNames));
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
    return new ImageDataset(name, channels, height, width, pixels, labels, List.copyOf(classNames));
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

  /**
   * The images in a random order, the same for the same seed (Fisher–Yates, {@link
   * Permutations#random}).
   *
   * @param seed the seed of the permutation
   * @return a new data set named {@code name() + " shuffled(seed)"}
   */
  public ImageDataset shuffled(long seed) {
    return select(name + " shuffled(" + seed + ")", permutation(labels.length, seed));
  }

  /**
   * A random permutation of {@code 0 .. n-1}, the same for the same seed (Fisher–Yates, {@link
   * Permutations#random}).
   *
   * @param n the length, {@code >= 0}
   * @param seed the seed
   * @return the permutation
   */
  public static int[] permutation(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    return Permutations.random(n, new SplittableRandom(seed));
  }

  /**
   * A random subset of {@code n} images in which each class keeps its share of the whole set. Class
   * {@code c} gets {@code floor(n × count(c) / size())} images; the images left over go, one each,
   * to the classes with the largest remainders (ties to the lower label). Within a class the images
   * are drawn without replacement with the seed. The result keeps this set's order.
   *
   * @param n the number of images, in {@code [0, size()]}
   * @param seed the seed of the draw
   * @return a new data set named {@code name() + " sample(n, seed)"}
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public ImageDataset stratifiedSample(int n, long seed) {
    if (n < 0 || n > labels.length) {
      throw new IllegalArgumentException(
          "n must be in [0, " + labels.length + "] (the size of " + name + "), got " + n);
    }
    int k = classNames.size();
    int[] counts = classCounts();
    int[] quota = new int[k];
    double[] remainder = new double[k];
    int assigned = 0;
    for (int c = 0; c < k; c++) {
      double exact = labels.length == 0 ? 0 : (double) n * counts[c] / labels.length;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      assigned += quota[c];
    }
    while (assigned < n) {
      int best = -1;
      for (int c = 0; c < k; c++) {
        if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
          best = c;
        }
      }
      quota[best]++;
      remainder[best] = -1;
      assigned++;
    }
    int[][] byClass = new int[k][];
    int[] fill = new int[k];
    for (int c = 0; c < k; c++) {
      byClass[c] = new int[counts[c]];
    }
    for (int i = 0; i < labels.length; i++) {
      byClass[labels[i]][fill[labels[i]]++] = i;
    }
    boolean[] keep = new boolean[labels.length];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int c = 0; c < k; c++) {
      int[] idx = byClass[c];
      // Partial Fisher–Yates: the first quota[c] positions become a uniform sample.
      for (int i = 0; i < quota[c]; i++) {
        int j = i + rng.nextInt(idx.length - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        keep[idx[i]] = true;
      }
    }
    int[] chosen = new int[n];
    int at = 0;
    for (int i = 0; i < labels.length; i++) {
      if (keep[i]) {
        chosen[at++] = i;
      }
    }
    return select(name + " sample(" + n + ", " + seed + ")", chosen);
  }

  /** The mean pixel value of each channel over all images. */
  public double[] channelMeans() {
    double[] sums = new double[channels];
    int plane = height * width;
    for (int i = 0; i < labels.length; i++) {
      int base = i * imageSize();
      for (int c = 0; c < channels; c++) {
        double s = 0;
        for (int p = base + c * plane, end = p + plane; p < end; p++) {
          s += pixels[p];
        }
        sums[c] += s;
      }
    }
    double count = (double) labels.length * plane;
    for (int c = 0; c < channels; c++) {
      sums[c] = count == 0 ? 0 : sums[c] / count;
    }
    return sums;
  }

  /** The (population) standard deviation of the pixel values of each channel over all images. */
  public double[] channelStds() {
    double[] means = channelMeans();
    double[] ss = new double[channels];
    int plane = height * width;
    for (int i = 0; i < labels.length; i++) {
      int base = i * imageSize();
      for (int c = 0; c < channels; c++) {
        double s = 0;
        double m = means[c];
        for (int p = base + c * plane, end = p + plane; p < end; p++) {
          double d = pixels[p] - m;
          s += d * d;
        }
        ss[c] += s;
      }
    }
    double count = (double) labels.length * plane;
    for (int c = 0; c < channels; c++) {
      ss[c] = count == 0 ? 0 : Math.sqrt(ss[c] / count);
    }
    return ss;
  }

  /**
   * The images with every pixel of channel {@code c} mapped to {@code (p - mean[c]) / std[c]}. Use
   * the training set's {@link #channelMeans()} and {@link #channelStds()} for both the training and
   * the test set.
   *
   * @param mean one mean per channel
   * @param std one standard deviation per channel, each {@code > 0}
   * @return a new data set named {@code name() + " normalized"}
   * @throws IllegalArgumentException if the lengths differ from {@code channels()} or a std is not
   *     positive
   */
  public ImageDataset normalized(double[] mean, double[] std) {
    if (mean.length != channels || std.length != channels) {
      throw new IllegalArgumentException(
          "mean and std must have one value per channel ("
              + channels
              + " for "
              + name
              + "), got "
              + mean.length
              + " and "
              + std.length);
    }
    for (int c = 0; c < channels; c++) {
      if (!(std[c] > 0) || !Double.isFinite(std[c])) {
        throw new IllegalArgumentException(
            "std[" + c + "] must be a finite number > 0, got " + std[c]);
      }
      if (!Double.isFinite(mean[c])) {
        throw new IllegalArgumentException("mean[" + c + "] must be finite, got " + mean[c]);
      }
    }
    float[] out = new float[pixels.length];
    int plane = height * width;
    for (int i = 0; i < labels.length; i++) {
      int base = i * imageSize();
      for (int c = 0; c < channels; c++) {
        float m = (float) mean[c];
        float inv = (float) (1.0 / std[c]);
        for (int p = base + c * plane, end = p + plane; p < end; p++) {
          out[p] = (pixels[p] - m) * inv;
        }
      }
    }
    return new ImageDataset(
        name + " normalized", channels, height, width, out, labels.clone(), classNames);
  }

  /**
   * The images normalized with the same mean and standard deviation for every channel.
   *
   * @param mean the mean to subtract
   * @param std the standard deviation to divide by, {@code > 0}
   * @return a new data set
   * @see #normalized(double[], double[])
   */
  public ImageDataset normalized(double mean, double std) {
    double[] m = new double[channels];
    double[] s = new double[channels];
    Arrays.fill(m, mean);
    Arrays.fill(s, std);
    return normalized(m, s);
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
