package org.locspec.lesion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;

/**
 * Evaluates a network on a test set under many unit masks of one layer, fast.
 *
 * <p>The prefix of the network, from the input through the lesioned layer's output point (see
 * {@link Network}), does not depend on the mask: the engine runs it once and caches its activations
 * as a float NDArray. For a batch of {@code M} masks it stacks them into an {@code (M, 1, units[,
 * 1, 1])} tensor, multiplies it with the cached activations by broadcasting to {@code (M·B, units,
 * ...)} rows and runs only the suffix of the network, once for all masks. The operations are the
 * ones of a plain masked forward pass ({@link Network#predict(ImageDataset, java.util.Map, int)}),
 * so the predictions are the same.
 *
 * <p>Memory is bounded: when the cache of the whole test set would exceed {@code cacheBudgetBytes}
 * the test set is processed in chunks that fit, and the prefix of each chunk is recomputed on every
 * call of {@link #predict(List)} or {@link #perClassAccuracy(List)} (so pass many masks per call).
 * The masked copies made for one suffix pass are bounded by {@link #WORK_BUDGET_BYTES}.
 *
 * <p>An engine owns native memory: close it (try-with-resources). It does not modify the network;
 * the network must stay open while the engine is used.
 *
 * <pre>{@code
 * try (LesionEngine engine = LesionEngine.open(net, test, "dense2", 1000)) {
 *   double[][] perClass = engine.perClassAccuracy(List.of(mask1, mask2, mask3));
 * }
 * }</pre>
 */
public final class LesionEngine implements AutoCloseable {
  /** The default bound on the cached prefix activations: 1 GiB. */
  public static final long DEFAULT_CACHE_BUDGET_BYTES = 1L << 30;

  /**
   * The bound on the masked activations of one suffix pass (masks × images × values per image × 4
   * bytes): 8 MiB, so that the suffix's tensors stay cache-friendly and are reused by the allocator
   * (64 MiB passes ran 2-3× slower on the paper MLP). The suffix's own intermediate tensors are of
   * the same order.
   */
  public static final long WORK_BUDGET_BYTES = 8L << 20;

  private final Network network;
  private final ImageDataset data;
  private final String layer;
  private final int units;
  private final int batchSize;
  private final int[] labels;
  private final int numClasses;
  private final int[] classCounts;
  private final long valuesPerImage;
  private final int chunkImages;
  private final NDManager manager;

  /** The whole test set's prefix activations, or null when they are computed per chunk. */
  private NDArray cache;

  private boolean closed;

  private LesionEngine(
      Network network, ImageDataset data, String layer, int batchSize, long cacheBudgetBytes) {
    this.network = network;
    this.data = data;
    this.layer = layer;
    this.units = network.unitLayer(layer).units();
    this.batchSize = batchSize;
    this.labels = data.labels();
    this.numClasses = network.numClasses();
    if (data.numClasses() > numClasses) {
      throw new IllegalArgumentException(
          "data set "
              + data.name()
              + " has "
              + data.numClasses()
              + " classes but network "
              + network.name()
              + " scores only "
              + numClasses
              + "; use test data of that network");
    }
    this.classCounts = new int[numClasses];
    for (int y : labels) {
      classCounts[y]++;
    }
    this.manager = NDManager.newBaseManager("PyTorch");
    try {
      // One image through the prefix gives the activation shape at the output point.
      long[] shape;
      try (NDManager sub = manager.newSubManager()) {
        shape = network.forwardTo(layer, images(sub, 0, 1)).getShape().getShape();
      }
      this.valuesPerImage = Arrays.stream(shape).skip(1).reduce(1, (a, b) -> a * b);
      long perImageBytes = valuesPerImage * Float.BYTES;
      long fit = Math.max(1, cacheBudgetBytes / perImageBytes);
      if (fit >= data.size()) {
        this.chunkImages = data.size();
        this.cache = prefix(manager, 0, data.size());
      } else {
        this.chunkImages = (int) fit;
        this.cache = null;
      }
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Opens an engine with the default cache budget ({@link #DEFAULT_CACHE_BUDGET_BYTES}).
   *
   * @param network the network (not modified; must stay open)
   * @param test the test images and labels
   * @param layer the name of the unit layer whose units the masks address
   * @param batchSize images per prefix pass
   * @return the engine (close it)
   */
  public static LesionEngine open(Network network, ImageDataset test, String layer, int batchSize) {
    return open(network, test, layer, batchSize, DEFAULT_CACHE_BUDGET_BYTES);
  }

  /**
   * Opens an engine and caches the prefix activations of the test set, or, if they would take more
   * than {@code cacheBudgetBytes}, plans to process the test set in chunks that fit.
   *
   * @param network the network (not modified; must stay open)
   * @param test the test images and labels
   * @param layer the name of the unit layer whose units the masks address
   * @param batchSize images per prefix pass, {@code >= 1}
   * @param cacheBudgetBytes the most bytes of cached activations, {@code >= 1}
   * @return the engine (close it)
   * @throws IllegalArgumentException if the layer is not a unit layer of the network, the images do
   *     not fit the network, or a size is not positive
   */
  public static LesionEngine open(
      Network network, ImageDataset test, String layer, int batchSize, long cacheBudgetBytes) {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(layer, "layer");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (cacheBudgetBytes < 1) {
      throw new IllegalArgumentException("cacheBudgetBytes must be >= 1, got " + cacheBudgetBytes);
    }
    if (test.size() == 0) {
      throw new IllegalArgumentException(
          "test data set " + test.name() + " is empty; lesions need images to evaluate");
    }
    long[] s = {test.channels(), test.height(), test.width()};
    if (!Arrays.equals(s, network.inputShape())) {
      throw new IllegalArgumentException(
          "data set "
              + test.name()
              + " has images of shape "
              + Arrays.toString(s)
              + " but network "
              + network.name()
              + " takes "
              + Arrays.toString(network.inputShape()));
    }
    return new LesionEngine(network, test, layer, batchSize, cacheBudgetBytes);
  }

  /** The lesioned layer's name. */
  public String layer() {
    return layer;
  }

  /** The number of units of the lesioned layer (the length of every mask). */
  public int units() {
    return units;
  }

  /** The number of test images. */
  public int size() {
    return data.size();
  }

  /** The number of classes scored by the network. */
  public int numClasses() {
    return numClasses;
  }

  /** Test images per class (index = class). */
  public int[] classCounts() {
    return classCounts.clone();
  }

  /** Whether the whole test set's prefix activations are cached (else chunks are recomputed). */
  public boolean fullyCached() {
    return cache != null;
  }

  /** Images per chunk: the test set size when fully cached. */
  public int chunkImages() {
    return chunkImages;
  }

  /**
   * How many masks one suffix pass evaluates over a whole chunk of images, given {@link
   * #WORK_BUDGET_BYTES}: pass at least this many masks per call to use the batching fully.
   */
  public int masksPerPass() {
    long maxRows = Math.max(1, WORK_BUDGET_BYTES / (valuesPerImage * Float.BYTES));
    return (int) Math.max(1, maxRows / Math.min(Math.min(chunkImages, batchSize), maxRows));
  }

  /**
   * A mask that lesions the given units: 0 at those units, 1 elsewhere.
   *
   * @param lesioned unit indices in {@code [0, units)}
   * @return the mask
   */
  public float[] maskOf(int[] lesioned) {
    float[] mask = new float[units];
    Arrays.fill(mask, 1f);
    for (int u : lesioned) {
      if (u < 0 || u >= units) {
        throw new IllegalArgumentException(
            "unit " + u + " is not in layer " + layer + ", which has units 0.." + (units - 1));
      }
      mask[u] = 0f;
    }
    return mask;
  }

  /**
   * The predicted class of every test image under each mask.
   *
   * @param masks masks of length {@link #units()}: 1 keeps a unit, 0 lesions it
   * @return {@code [mask][image]} predicted classes
   */
  public int[][] predict(List<float[]> masks) {
    int[][] out = new int[masks.size()][data.size()];
    evaluate(masks, (mask, image, predicted) -> out[mask][image] = predicted);
    return out;
  }

  /**
   * The per-class test accuracy under each mask.
   *
   * @param masks masks of length {@link #units()}: 1 keeps a unit, 0 lesions it
   * @return {@code [mask][class]} fraction of that class's test images classified correctly (NaN
   *     for a class without test images)
   */
  public double[][] perClassAccuracy(List<float[]> masks) {
    int[][] correct = new int[masks.size()][numClasses];
    evaluate(
        masks,
        (mask, image, predicted) -> {
          int y = labels[image];
          if (predicted == y) {
            correct[mask][y]++;
          }
        });
    double[][] acc = new double[masks.size()][numClasses];
    for (int m = 0; m < masks.size(); m++) {
      for (int c = 0; c < numClasses; c++) {
        acc[m][c] = classCounts[c] == 0 ? Double.NaN : (double) correct[m][c] / classCounts[c];
      }
    }
    return acc;
  }

  /**
   * The overall test accuracy under each mask (fraction of all test images classified correctly).
   *
   * @param masks masks of length {@link #units()}
   * @return one accuracy per mask
   */
  public double[] accuracy(List<float[]> masks) {
    int[] correct = new int[masks.size()];
    evaluate(
        masks,
        (mask, image, predicted) -> {
          if (predicted == labels[image]) {
            correct[mask]++;
          }
        });
    double[] acc = new double[masks.size()];
    for (int m = 0; m < acc.length; m++) {
      acc[m] = (double) correct[m] / data.size();
    }
    return acc;
  }

  /** Receives one prediction. */
  private interface Sink {
    void accept(int mask, int image, int predicted);
  }

  private void evaluate(List<float[]> masks, Sink sink) {
    if (closed) {
      throw new IllegalStateException("this lesion engine is closed; open a new one");
    }
    for (int i = 0; i < masks.size(); i++) {
      if (masks.get(i).length != units) {
        throw new IllegalArgumentException(
            "mask "
                + i
                + " has "
                + masks.get(i).length
                + " values, layer "
                + layer
                + " has "
                + units
                + " units");
      }
    }
    if (masks.isEmpty()) {
      return;
    }
    for (int from = 0; from < data.size(); from += chunkImages) {
      int to = Math.min(data.size(), from + chunkImages);
      if (cache != null) {
        suffixOverChunk(cache, from, masks, sink);
      } else {
        try (NDManager chunk = manager.newSubManager()) {
          suffixOverChunk(prefix(chunk, from, to), from, masks, sink);
        }
      }
    }
  }

  /**
   * Runs all masks over the cached activations of one chunk whose first image is {@code first}:
   * groups of masks times sub-batches of images, each bounded by {@link #WORK_BUDGET_BYTES}.
   */
  private void suffixOverChunk(NDArray acts, int first, List<float[]> masks, Sink sink) {
    int n = (int) acts.getShape().get(0);
    long rowBytes = valuesPerImage * Float.BYTES;
    long maxRows = Math.max(1, WORK_BUDGET_BYTES / rowBytes);
    int images = (int) Math.min(Math.min(n, batchSize), maxRows);
    int group = (int) Math.max(1, Math.min(masks.size(), maxRows / images));
    int dims = (int) acts.getShape().dimension();
    for (int from = 0; from < n; from += images) {
      int to = Math.min(n, from + images);
      for (int m0 = 0; m0 < masks.size(); m0 += group) {
        int m1 = Math.min(masks.size(), m0 + group);
        try (NDManager sub = manager.newSubManager()) {
          NDArray x = acts.get(from + ":" + to);
          x.attach(sub);
          long[] maskShape = new long[dims + 1];
          Arrays.fill(maskShape, 1);
          maskShape[0] = m1 - m0;
          maskShape[2] = units;
          float[] flat = new float[(m1 - m0) * units];
          for (int m = m0; m < m1; m++) {
            System.arraycopy(masks.get(m), 0, flat, (m - m0) * units, units);
          }
          NDArray mk = sub.create(flat, new Shape(maskShape));
          NDArray masked = x.expandDims(0).mul(mk);
          long[] rows = masked.getShape().getShape();
          long[] merged = new long[rows.length - 1];
          merged[0] = rows[0] * rows[1];
          System.arraycopy(rows, 2, merged, 1, rows.length - 2);
          long[] pred =
              network.forwardFrom(layer, masked.reshape(new Shape(merged))).argMax(1).toLongArray();
          int b = to - from;
          for (int m = m0; m < m1; m++) {
            int base = (m - m0) * b;
            for (int i = 0; i < b; i++) {
              sink.accept(m, first + from + i, (int) pred[base + i]);
            }
          }
        }
      }
    }
  }

  /** The prefix activations of images {@code [from, to)}, attached to {@code target}. */
  private NDArray prefix(NDManager target, int from, int to) {
    List<NDArray> parts = new ArrayList<>();
    try (NDManager work = manager.newSubManager()) {
      for (int b = from; b < to; b += batchSize) {
        int e = Math.min(to, b + batchSize);
        NDArray h = network.forwardTo(layer, images(work, b, e));
        parts.add(h);
      }
      NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
      all.attach(target);
      return all;
    }
  }

  private NDArray images(NDManager m, int from, int to) {
    float[] buf = new float[(to - from) * data.imageSize()];
    data.copyPixels(from, to, buf, 0);
    return m.create(buf, new Shape(to - from, data.channels(), data.height(), data.width()));
  }

  /** Releases the cached activations. */
  @Override
  public void close() {
    closed = true;
    manager.close();
  }

  @Override
  public String toString() {
    return "LesionEngine["
        + network.name()
        + " / "
        + layer
        + " ("
        + units
        + " units), "
        + data.name()
        + " ("
        + data.size()
        + " images), "
        + (cache != null ? "cached" : "chunks of " + chunkImages)
        + "]";
  }
}
