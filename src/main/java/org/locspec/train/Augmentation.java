package org.locspec.train;

import java.util.SplittableRandom;
import org.locspec.data.ImageDataset;

/**
 * Random image transformations applied to training batches, as Keras' {@code ImageDataGenerator}
 * does for the papers' VGG: a random rotation by up to {@code rotationDegrees} either way, a random
 * shift by up to {@code shift} of the height and width either way (both with bilinear
 * interpolation; pixels from outside the image take the nearest edge value), then a horizontal flip
 * with probability ½. The random draws come from a seeded generator, so the same seed gives the
 * same transformed images.
 *
 * <p>References: Hod et al. (arXiv 2110.08058), VGG training: rotation 15°, shifts 0.1, horizontal
 * flips ({@link #paper()}).
 *
 * @param horizontalFlip whether to flip half of the images left–right
 * @param shift the largest shift as a fraction of the height or width, in [0, 1)
 * @param rotationDegrees the largest rotation in degrees, in [0, 180]
 */
public record Augmentation(boolean horizontalFlip, double shift, double rotationDegrees) {

  /** Validates the fields. */
  public Augmentation {
    if (!(shift >= 0 && shift < 1)) {
      throw new IllegalArgumentException("shift must be in [0, 1), got " + shift);
    }
    if (!(rotationDegrees >= 0 && rotationDegrees <= 180)) {
      throw new IllegalArgumentException(
          "rotationDegrees must be in [0, 180], got " + rotationDegrees);
    }
  }

  /** No augmentation. */
  public static Augmentation none() {
    return new Augmentation(false, 0, 0);
  }

  /** The papers' VGG augmentation: flips, shifts up to 0.1, rotations up to 15°. */
  public static Augmentation paper() {
    return new Augmentation(true, 0.1, 15);
  }

  /** Whether this changes nothing. */
  public boolean isNone() {
    return !horizontalFlip && shift == 0 && rotationDegrees == 0;
  }

  /**
   * An augmented copy of a data set, one random transformation per image (to look at what the
   * network is trained on).
   *
   * @param data the images
   * @param seed the seed
   * @return a new data set with the same labels
   */
  public ImageDataset augment(ImageDataset data, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = data.imageSize();
    float[] src = data.pixels();
    float[] dst = new float[src.length];
    for (int i = 0; i < data.size(); i++) {
      apply(src, i * n, dst, i * n, data.channels(), data.height(), data.width(), rng);
    }
    return ImageDataset.of(
        data.name() + " augmented seed " + seed,
        data.channels(),
        data.height(),
        data.width(),
        dst,
        data.labels(),
        data.classNames());
  }

  /**
   * Transforms one CHW image from {@code src[srcOff..]} into {@code dst[dstOff..]} (which must not
   * overlap), drawing the rotation, shifts and flip from {@code rng} in that order.
   */
  void apply(
      float[] src, int srcOff, float[] dst, int dstOff, int c, int h, int w, SplittableRandom rng) {
    double theta =
        rotationDegrees > 0 ? Math.toRadians(rng.nextDouble(-rotationDegrees, rotationDegrees)) : 0;
    double ty = shift > 0 ? rng.nextDouble(-shift, shift) * h : 0;
    double tx = shift > 0 ? rng.nextDouble(-shift, shift) * w : 0;
    boolean flip = horizontalFlip && rng.nextBoolean();
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double cy = (h - 1) / 2.0;
    double cx = (w - 1) / 2.0;
    boolean integerShift = theta == 0 && ty == Math.rint(ty) && tx == Math.rint(tx);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Output pixel (y, x) after the flip comes from (y, xs) before it.
        int xs = flip ? w - 1 - x : x;
        double dy = y - cy;
        double dx = xs - cx;
        double sy = clamp(cos * dy - sin * dx + cy - ty, h - 1);
        double sx = clamp(sin * dy + cos * dx + cx - tx, w - 1);
        if (integerShift) {
          int iy = (int) Math.round(sy);
          int ix = (int) Math.round(sx);
          for (int ch = 0; ch < c; ch++) {
            dst[dstOff + (ch * h + y) * w + x] = src[srcOff + (ch * h + iy) * w + ix];
          }
          continue;
        }
        int y0 = (int) Math.floor(sy);
        int x0 = (int) Math.floor(sx);
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        float fy = (float) (sy - y0);
        float fx = (float) (sx - x0);
        for (int ch = 0; ch < c; ch++) {
          int plane = srcOff + ch * h * w;
          float top = src[plane + y0 * w + x0] * (1 - fx) + src[plane + y0 * w + x1] * fx;
          float bottom = src[plane + y1 * w + x0] * (1 - fx) + src[plane + y1 * w + x1] * fx;
          dst[dstOff + (ch * h + y) * w + x] = top * (1 - fy) + bottom * fy;
        }
      }
    }
  }

  private static double clamp(double v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "no augmentation";
    }
    return "augmentation (flip "
        + horizontalFlip
        + ", shift "
        + shift
        + ", rotation "
        + rotationDegrees
        + "°)";
  }
}
