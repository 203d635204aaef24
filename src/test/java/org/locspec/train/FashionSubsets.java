package org.locspec.train;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;

/**
 * Small real Fashion-MNIST subsets for training tests: stratified samples of the Debian test split
 * (10,000 images, the fastest to load), training images from its first 6000 and test images from
 * the last 4000, with fixed seeds.
 */
public final class FashionSubsets {
  private static ImageDataset all;

  private FashionSubsets() {}

  /** Skips the calling test when Debian's dataset-fashion-mnist is not installed. */
  public static void assumeAvailable() {
    assumeTrue(
        Files.isRegularFile(Datasets.DEBIAN_FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz")),
        "Debian package dataset-fashion-mnist is not installed");
  }

  private static synchronized ImageDataset all() {
    assumeAvailable();
    if (all == null) {
      all = Datasets.load("fashion-mnist", Split.TEST, Datasets.DEBIAN_FASHION_MNIST.getParent());
    }
    return all;
  }

  /** {@code n} training images: {@code slice(0, 6000).stratifiedSample(n, 1)}. */
  public static ImageDataset train(int n) {
    return all().slice(0, 6000).stratifiedSample(n, 1);
  }

  /** {@code n} test images: {@code slice(6000, 10000).stratifiedSample(n, 2)}. */
  public static ImageDataset test(int n) {
    return all().slice(6000, 10000).stratifiedSample(n, 2);
  }
}
