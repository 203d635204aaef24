package org.locspec.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Data sets made of pairs of images of a source set, to test whether networks split into parts that
 * process each image: "halves" puts two images side by side, each squeezed to half the width;
 * "stack" puts them into separate channels. The label is either the sum of the two labels modulo
 * the number of classes or, with both images from one class, that class ({@link PairLabel}).
 *
 * <p>The pairs are drawn with a seed ({@link #pairs}): same source, rule, size and seed ⇒ same data
 * set. The derived set keeps the source's class names.
 *
 * <p>Halving the width averages each pair of neighbouring columns (the original code resized with
 * scikit-image, which for an exact 2:1 reduction is close to this average). Pixel values stay in
 * the source's range.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section on
 * the "halves" and "stack" data sets; their {@code generate_datasets.py}.
 */
public final class DerivedDatasets {
  private DerivedDatasets() {}

  /**
   * The source indices of each derived image, {@code [size][2]}: the left (or first-channel) image
   * and the right (or second-channel) image.
   *
   * @param source the source set
   * @param rule how images are paired and labelled
   * @param size the number of pairs, {@code >= 1}
   * @param seed the seed
   * @return the pairs, the same for the same arguments
   * @throws IllegalArgumentException if the source is empty or size is not positive
   */
  public static int[][] pairs(ImageDataset source, PairLabel rule, int size, long seed) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rule, "rule (PairLabel.SUM_MOD_10 or PairLabel.SAME_CLASS)");
    if (source.size() == 0) {
      throw new IllegalArgumentException(
          "source data set " + source.name() + " is empty; pairs need at least one image");
    }
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1, got " + size);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int n = source.size();
    int[][] out = new int[size][2];
    if (rule == PairLabel.SUM_MOD_10) {
      for (int i = 0; i < size; i++) {
        out[i][0] = rng.nextInt(n);
        out[i][1] = rng.nextInt(n);
      }
      return out;
    }
    List<int[]> byClass = indicesByClass(source);
    for (int i = 0; i < size; i++) {
      int first = i % n;
      int[] same = byClass.get(source.label(first));
      out[i][0] = first;
      out[i][1] = same[rng.nextInt(same.length)];
    }
    return out;
  }

  /**
   * The label of a pair under a rule.
   *
   * @param source the source set
   * @param rule the rule
   * @param pair two source indices
   * @return {@code (a + b) mod numClasses} or the (common) class
   */
  static int label(ImageDataset source, PairLabel rule, int[] pair) {
    int a = source.label(pair[0]);
    return rule == PairLabel.SUM_MOD_10 ? (a + source.label(pair[1])) % source.numClasses() : a;
  }

  /**
   * "Halves" with as many images as the source.
   *
   * @see #halves(ImageDataset, PairLabel, int, long)
   */
  public static ImageDataset halves(ImageDataset source, PairLabel rule, long seed) {
    return halves(source, rule, source.size(), seed);
  }

  /**
   * "Halves": each image is two source images side by side, each reduced to half its width by
   * averaging neighbouring column pairs; the result has the source's shape.
   *
   * @param source the source set; its width must be even
   * @param rule how images are paired and labelled
   * @param size the number of images, {@code >= 1}
   * @param seed the seed of the pairing
   * @return a new data set named e.g. {@code "mnist/train halves sum-mod-10 seed 0"}
   * @throws IllegalArgumentException if the width is odd, the source empty or size not positive
   */
  public static ImageDataset halves(ImageDataset source, PairLabel rule, int size, long seed) {
    Objects.requireNonNull(source, "source");
    if (source.width() % 2 != 0) {
      throw new IllegalArgumentException(
          "halves needs images of even width, but "
              + source.name()
              + " has width "
              + source.width()
              + "; crop or pad the images to an even width first");
    }
    int[][] pairs = pairs(source, rule, size, seed);
    int c = source.channels();
    int h = source.height();
    int w = source.width();
    int half = w / 2;
    int n = source.imageSize();
    float[] pixels = new float[Math.multiplyExact(size, n)];
    int[] labels = new int[size];
    float[] a = new float[n];
    float[] b = new float[n];
    for (int i = 0; i < size; i++) {
      source.copyPixels(pairs[i][0], pairs[i][0] + 1, a, 0);
      source.copyPixels(pairs[i][1], pairs[i][1] + 1, b, 0);
      int base = i * n;
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          int row = (ch * h + y) * w;
          for (int x = 0; x < half; x++) {
            pixels[base + row + x] = (a[row + 2 * x] + a[row + 2 * x + 1]) / 2f;
            pixels[base + row + half + x] = (b[row + 2 * x] + b[row + 2 * x + 1]) / 2f;
          }
        }
      }
      labels[i] = label(source, rule, pairs[i]);
    }
    return ImageDataset.wrap(
        derivedName(source, "halves", rule, seed), c, h, w, pixels, labels, source.classNames());
  }

  /**
   * "Stack" with as many images as the source.
   *
   * @see #stack(ImageDataset, PairLabel, int, long)
   */
  public static ImageDataset stack(ImageDataset source, PairLabel rule, long seed) {
    return stack(source, rule, source.size(), seed);
  }

  /**
   * "Stack": each image holds two source images as channels, the first image's channels then the
   * second's, so a 1×28×28 source gives 2×28×28 images.
   *
   * @param source the source set
   * @param rule how images are paired and labelled
   * @param size the number of images, {@code >= 1}
   * @param seed the seed of the pairing
   * @return a new data set named e.g. {@code "mnist/train stack same-class seed 0"}
   */
  public static ImageDataset stack(ImageDataset source, PairLabel rule, int size, long seed) {
    int[][] pairs = pairs(source, rule, size, seed);
    int n = source.imageSize();
    float[] pixels = new float[Math.multiplyExact(Math.multiplyExact(size, n), 2)];
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      source.copyPixels(pairs[i][0], pairs[i][0] + 1, pixels, 2 * i * n);
      source.copyPixels(pairs[i][1], pairs[i][1] + 1, pixels, 2 * i * n + n);
      labels[i] = label(source, rule, pairs[i]);
    }
    return ImageDataset.wrap(
        derivedName(source, "stack", rule, seed),
        2 * source.channels(),
        source.height(),
        source.width(),
        pixels,
        labels,
        source.classNames());
  }

  private static String derivedName(ImageDataset source, String kind, PairLabel rule, long seed) {
    return source.name() + " " + kind + " " + rule.shortName() + " seed " + seed;
  }

  private static List<int[]> indicesByClass(ImageDataset source) {
    int k = source.numClasses();
    int[] counts = source.classCounts();
    List<int[]> out = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      out.add(new int[counts[c]]);
    }
    int[] fill = new int[k];
    for (int i = 0; i < source.size(); i++) {
      int c = source.label(i);
      out.get(c)[fill[c]++] = i;
    }
    return out;
  }
}
