package org.locspec.lesion;

import java.util.List;
import java.util.Random;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;

/** Small seeded networks and data sets for the lesion tests. */
final class TinyNets {
  private TinyNets() {}

  static float[] randn(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }

  /** A 16-pixel, 3-class MLP 16 → 24 → 12 → 3 with seeded random weights. */
  static Network mlp(long seed) {
    Random r = new Random(seed);
    return Network.of(
        "tiny-mlp",
        new long[] {1, 4, 4},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 16, 24, randn(r, 16 * 24, 0.5), randn(r, 24, 0.1)),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", 24, 12, randn(r, 24 * 12, 0.4), randn(r, 12, 0.1)),
            new Layer.Relu("relu2"),
            new Layer.Dense("dense3", 12, 3, randn(r, 36, 0.5), randn(r, 3, 0.1))));
  }

  /** A one-hidden-layer MLP 16 → 32 → 3 with seeded random weights: a cheap suffix. */
  static Network shallowMlp(long seed) {
    Random r = new Random(seed);
    return Network.of(
        "shallow-mlp",
        new long[] {1, 4, 4},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 16, 32, randn(r, 16 * 32, 0.5), randn(r, 32, 0.1)),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", 32, 3, randn(r, 96, 0.5), randn(r, 3, 0.1))));
  }

  private static Layer.BatchNorm bn(String name, int n, Random r) {
    float[] gamma = new float[n];
    float[] beta = new float[n];
    float[] mean = new float[n];
    float[] var = new float[n];
    for (int i = 0; i < n; i++) {
      gamma[i] = (float) (0.5 + r.nextDouble());
      beta[i] = (float) (r.nextGaussian() * 0.3);
      mean[i] = (float) (r.nextDouble() * 0.5);
      var[i] = (float) (0.2 + r.nextDouble());
    }
    return new Layer.BatchNorm(name, gamma, beta, mean, var, 1e-5f);
  }

  /**
   * A CNN on 1×6×6 images with batch norm after each ReLU: conv(4) relu bn pool conv(5) relu bn
   * dense(3).
   */
  static Network cnn(long seed) {
    Random r = new Random(seed);
    return Network.of(
        "tiny-cnn",
        new long[] {1, 6, 6},
        List.of(
            new Layer.Conv2d("conv1", 1, 4, 3, 3, 1, 1, randn(r, 36, 0.5), randn(r, 4, 0.1)),
            new Layer.Relu("relu1"),
            bn("bn1", 4, r),
            new Layer.MaxPool2d("pool1", 2, 2),
            new Layer.Conv2d("conv2", 4, 5, 3, 3, 1, 1, randn(r, 180, 0.3), randn(r, 5, 0.1)),
            new Layer.Relu("relu2"),
            bn("bn2", 5, r),
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 45, 3, randn(r, 135, 0.3), randn(r, 3, 0.1))));
  }

  /**
   * A CNN shaped like the papers' (no batch norm): conv1 → dropout → conv2 → max pool → conv3 →
   * flatten → dense, so that conv1 and conv2 lesions take the engine's channel update (a
   * convolution reads their output point through dropout and pooling) and conv3's the masked pass.
   */
  static Network plainCnn(long seed) {
    Random r = new Random(seed);
    return Network.of(
        "tiny-plain-cnn",
        new long[] {1, 6, 6},
        List.of(
            new Layer.Conv2d("conv1", 1, 6, 3, 3, 1, 1, randn(r, 54, 0.5), randn(r, 6, 0.1)),
            new Layer.Relu("relu1"),
            new Layer.Dropout("drop1", 0.25f),
            new Layer.Conv2d("conv2", 6, 5, 3, 3, 1, 1, randn(r, 270, 0.3), randn(r, 5, 0.1)),
            new Layer.Relu("relu2"),
            new Layer.MaxPool2d("pool2", 2, 2),
            new Layer.Dropout("drop2", 0.25f),
            new Layer.Conv2d("conv3", 5, 4, 3, 3, 1, 1, randn(r, 180, 0.3), randn(r, 4, 0.1)),
            new Layer.Relu("relu3"),
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 36, 3, randn(r, 108, 0.3), randn(r, 3, 0.1))));
  }

  /** Random images with random labels in {0, 1, 2}. */
  static ImageDataset images(int n, int side, long seed) {
    Random r = new Random(seed);
    int size = side * side;
    float[] px = new float[n * size];
    int[] labels = new int[n];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(3);
    }
    return ImageDataset.of("random-" + side, 1, side, side, px, labels, List.of("a", "b", "c"));
  }

  /** The same images labelled with the network's own intact predictions. */
  static ImageDataset labelledBy(Network net, ImageDataset data) {
    int[] pred = net.predict(data, java.util.Map.of(), 500);
    return ImageDataset.of(
        data.name() + "-self",
        data.channels(),
        data.height(),
        data.width(),
        data.pixels(),
        pred,
        data.classNames());
  }
}
