package org.locspec.lesion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;

/**
 * Evaluates a network on a test set under many unit masks of one layer, fast.
 *
 * <p>The prefix of the network, from the input through the lesioned layer's output point (see
 * {@link Network}), does not depend on the mask: the engine runs it once and caches it.
 *
 * <p>When a dense layer reads the lesioned layer's output point ({@link Network#linearAfter}; every
 * hidden layer of an MLP), a mask {@code m} that changes the units {@code S} changes that dense
 * layer's linear output {@code z = h Wᵀ + b} only by a term of rank {@code |S|}: {@code z' = z +
 * h[:, S] · diag(m[S] − 1) · W[:, S]ᵀ}. The engine caches {@code z} (and {@code h} transposed, so
 * that {@code h[:, S]} is a gather of contiguous rows), computes that update for a group of masks
 * as one batched product and runs only the layers after the dense one ({@link
 * Network#forwardAfter}). A lesion of 16 units of a 256-unit layer thus costs {@code 16·256}
 * multiply-adds per image for the next layer instead of {@code 256·256}, and a lesion of the last
 * hidden layer almost nothing. The sum is formed in another order than in a plain masked forward
 * pass, so a logit can differ in its last bits and, rarely, an argmax decided by that rounding
 * flips ({@code ImportanceBench} counts such masks against a plain PyTorch loop).
 *
 * <p>Convolutions work the same way when a convolution reads the lesioned convolution's output
 * point through dropout and max pooling only (the papers' CNN: conv1 → conv2, conv2 → pool →
 * conv3): its linear output changes by the convolution of the masked channels alone, {@code z' = z
 * + conv(h[:, S], W[:, S] · diag(m[S] − 1))}. The engine caches {@code z} and {@code h} (channels
 * first) and computes that update for a group of {@code M} masks as one grouped convolution ({@code
 * M} groups of {@code |S|} input channels). Lesioning 4 of conv1's 64 channels thus costs 4/64 of
 * conv2 per image; the papers' CNN then spends most of a conv1 lesion in conv3. Masks must be
 * nonnegative there (max pooling commutes with them).
 *
 * <p>Otherwise (convolutions followed by batch norm or a dense layer, the logits) the engine caches
 * the activations at the output point; for a group of {@code M} masks it stacks them into an {@code
 * (M, 1, units[, 1, 1])} tensor, multiplies it with the cached activations by broadcasting to
 * {@code (M·B, units, ...)} rows and runs only the suffix of the network, once for all masks. The
 * operations are the ones of a plain masked forward pass ({@link Network#predict(ImageDataset,
 * java.util.Map, int)}), so the predictions are the same.
 *
 * <p>{@link #multiplyAdds()} counts the multiply-adds computed, for benchmarks.
 *
 * <p>Memory is bounded: when the cache of the whole test set would exceed {@code cacheBudgetBytes}
 * the test set is processed in chunks that fit, and the prefix of each chunk is recomputed on every
 * call of {@link #predict(List)} or {@link #perClassAccuracy(List)} (so pass many masks per call).
 * The rows of one suffix pass are bounded by {@link #WORK_BUDGET_BYTES}.
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
   * The bound on the rows of one suffix pass (masks × images × values per row × 4 bytes; a row is
   * the activations at the output point, or with the low-rank update the widest layer output after
   * it): 8 MiB, so that the suffix's tensors stay cache-friendly and are reused by the allocator
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

  /**
   * The linear layer reading the lesioned layer's output point (low-rank or masked-channel update),
   * or null.
   */
  private final Layer.UnitLayer next;

  /** That layer's weights ({@code out × in} or {@code out × in × kh × kw} row-major), or null. */
  private final float[] nextWeight;

  /** The shape of one image's input to {@code next} and of its linear output, or null. */
  private final long[] nextInShape;

  private final long[] nextOutShape;

  /** The widest row of a suffix pass, in values: bounds the masks of one pass. */
  private final long rowValues;

  /** Images per cached block: one prefix pass, and the image side of every suffix pass. */
  private final int blockImages;

  /** The whole test set's cached blocks, or null when they are computed per chunk. */
  private List<Block> cache;

  /** Multiply-adds per image: through the prefix (and the next dense layer), then per mask. */
  private final long prefixCost;

  private final long suffixCost;

  /** The multiply-adds computed so far. */
  private long computed;

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
    this.next = network.linearAfter(layer).orElse(null);
    this.nextWeight = next == null ? null : next.weight();
    this.manager = NDManager.newBaseManager("PyTorch");
    try {
      // One image through the prefix gives the activation shapes.
      long[] shape;
      try (NDManager sub = manager.newSubManager()) {
        NDArray x = images(sub, 0, 1);
        shape = perImage(network.forwardTo(layer, x));
        if (next != null) {
          NDArray in = network.forwardInto(next.name(), x);
          this.nextInShape = perImage(in);
          this.nextOutShape = perImage(network.linear(next.name(), in));
        } else {
          this.nextInShape = null;
          this.nextOutShape = null;
        }
      }
      this.valuesPerImage = values(shape);
      this.rowValues =
          next == null
              ? valuesPerImage
              : Math.max(values(nextOutShape), suffixWidth(network, next));
      long[] cost = network.multiplyAdds();
      int at = network.layers().indexOf(network.unitLayer(layer));
      int split = next == null ? at : network.layers().indexOf(next);
      this.prefixCost = Arrays.stream(cost, 0, split + 1).sum();
      this.suffixCost = Arrays.stream(cost, split + 1, cost.length).sum();
      long perImageBytes =
          (next == null ? valuesPerImage : values(nextInShape) + values(nextOutShape))
              * Float.BYTES;
      long fit = Math.max(1, cacheBudgetBytes / perImageBytes);
      this.chunkImages = (int) Math.min(fit, data.size());
      long maxRows = Math.max(1, WORK_BUDGET_BYTES / (rowValues * Float.BYTES));
      this.blockImages = (int) Math.min(Math.min(chunkImages, batchSize), maxRows);
      this.cache = chunkImages == data.size() ? prefix(manager, 0, data.size()) : null;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The shape of one row of a batch. */
  private static long[] perImage(NDArray batch) {
    long[] s = batch.getShape().getShape();
    return Arrays.copyOfRange(s, 1, s.length);
  }

  /** The number of values of a shape. */
  private static long values(long[] shape) {
    return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  /** The widest unit layer from {@code next} on, in units. */
  private static long suffixWidth(Network network, Layer.UnitLayer next) {
    long widest = next.units();
    boolean after = false;
    for (Layer l : network.layers()) {
      after |= l == next;
      if (after && l instanceof Layer.UnitLayer u) {
        widest = Math.max(widest, u.units());
      }
    }
    return widest;
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
    long maxRows = Math.max(1, WORK_BUDGET_BYTES / (rowValues * Float.BYTES));
    return (int) Math.max(1, maxRows / blockImages);
  }

  /**
   * The multiply-adds (of matrix products and convolutions; elementwise work is not counted) this
   * engine has computed since it was opened: the prefix of every image through the lesioned layer
   * (and, when a dense layer reads it, that layer's linear output), recomputed per call when the
   * test set is not fully cached; per mask and image, the low-rank update ({@code changed units ×
   * next layer's units}) and the layers after the next dense one, or, without a next dense layer,
   * all layers after the lesioned one. Benchmarks divide it by the time taken.
   *
   * @return the multiply-adds so far
   */
  public long multiplyAdds() {
    return computed;
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
    evaluate(masks, (mask, image, predicted) -> out[mask][image] = predicted, images -> {});
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
    return perClassAccuracy(masks, images -> {});
  }

  /**
   * The per-class test accuracy under each mask, reporting progress as the images are evaluated.
   *
   * @param masks masks of length {@link #units()}: 1 keeps a unit, 0 lesions it
   * @param imagesDone receives, after each block of images, how many test images every mask has
   *     been evaluated on so far (ending at {@link #size()})
   * @return {@code [mask][class]} fraction of that class's test images classified correctly (NaN
   *     for a class without test images)
   */
  public double[][] perClassAccuracy(List<float[]> masks, IntConsumer imagesDone) {
    Objects.requireNonNull(imagesDone, "imagesDone must not be null (use images -> {})");
    int[][] correct = new int[masks.size()][numClasses];
    evaluate(
        masks,
        (mask, image, predicted) -> {
          int y = labels[image];
          if (predicted == y) {
            correct[mask][y]++;
          }
        },
        imagesDone);
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
        },
        images -> {});
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

  private void evaluate(List<float[]> masks, Sink sink, IntConsumer imagesDone) {
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
    if (next instanceof Layer.Conv2d) {
      for (int i = 0; i < masks.size(); i++) {
        for (float v : masks.get(i)) {
          if (!(v >= 0)) {
            throw new IllegalArgumentException(
                "mask "
                    + i
                    + " has the value "
                    + v
                    + "; masks of layer "
                    + layer
                    + " scale channels by factors >= 0 (0 lesions a channel, 1 keeps it)");
          }
        }
      }
    }
    if (masks.isEmpty()) {
      return;
    }
    for (int from = 0; from < data.size(); from += chunkImages) {
      int to = Math.min(data.size(), from + chunkImages);
      if (cache != null) {
        suffixOverChunk(cache, masks, sink, imagesDone);
      } else {
        try (NDManager chunk = manager.newSubManager()) {
          suffixOverChunk(prefix(chunk, from, to), masks, sink, imagesDone);
        }
      }
    }
  }

  /**
   * Runs all masks over the blocks of one chunk: per block, groups of masks bounded by {@link
   * #WORK_BUDGET_BYTES}. With the low-rank update, masks are grouped by their number of changed
   * units. Reports the images done after each block.
   */
  private void suffixOverChunk(
      List<Block> blocks, List<float[]> masks, Sink sink, IntConsumer imagesDone) {
    List<int[]> changed = new ArrayList<>();
    for (float[] m : masks) {
      changed.add(changedUnits(m));
    }
    Integer[] order = new Integer[masks.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (next != null) {
      Arrays.sort(order, Comparator.comparingInt(i -> changed.get(i).length));
    }
    long maxRows = Math.max(1, WORK_BUDGET_BYTES / (rowValues * Float.BYTES));
    for (Block block : blocks) {
      int b = block.images();
      int group = (int) Math.max(1, Math.min(masks.size(), maxRows / b));
      for (int g0 = 0; g0 < order.length; ) {
        int g1 = Math.min(order.length, g0 + group);
        if (next != null) { // one group, one number of changed units
          int k = changed.get(order[g0]).length;
          int end = g0 + 1;
          while (end < g1 && changed.get(order[end]).length == k) {
            end++;
          }
          g1 = end;
        }
        int[] members = new int[g1 - g0];
        for (int j = 0; j < members.length; j++) {
          members[j] = order[g0 + j];
        }
        try (NDManager sub = manager.newSubManager()) {
          long[] pred;
          if (next == null) {
            pred = maskedPass(sub, block, masks, members);
          } else if (changed.get(members[0]).length == 0) {
            pred = unchangedPass(sub, block);
          } else {
            Changes c = changes(changed, masks, members);
            pred =
                next instanceof Layer.Conv2d conv
                    ? channelPass(sub, block, c, conv)
                    : lowRankPass(sub, block, c);
          }
          for (int j = 0; j < members.length; j++) {
            int base = pred.length == b ? 0 : j * b; // one row set serves all unchanged masks
            for (int i = 0; i < b; i++) {
              sink.accept(members[j], block.first() + i, (int) pred[base + i]);
            }
          }
        }
        g0 = g1;
      }
      imagesDone.accept(block.first() + b);
    }
  }

  /**
   * A view of a cached array whose results belong to {@code sub} (operations attach their results
   * to their first operand's manager; the cache's must not grow).
   */
  private static NDArray view(NDArray cached, NDManager sub) {
    NDArray v = cached.get("0:" + cached.getShape().get(0));
    v.attach(sub);
    return v;
  }

  /** The units a mask changes (value other than 1), ascending. */
  private static int[] changedUnits(float[] mask) {
    int n = 0;
    for (float v : mask) {
      n += v != 1f ? 1 : 0;
    }
    int[] out = new int[n];
    int j = 0;
    for (int u = 0; u < mask.length; u++) {
      if (mask[u] != 1f) {
        out[j++] = u;
      }
    }
    return out;
  }

  /**
   * The units a group of masks changes, mask after mask ({@code count·k} of them, {@code k} per
   * mask), and the factor {@code m[u] − 1} each one's contribution is scaled by.
   */
  private record Changes(int count, int k, long[] units, float[] scales) {}

  private static Changes changes(List<int[]> changed, List<float[]> masks, int[] members) {
    int k = changed.get(members[0]).length;
    long[] units = new long[members.length * k];
    float[] scales = new float[units.length];
    for (int j = 0; j < members.length; j++) {
      int[] s = changed.get(members[j]);
      float[] mask = masks.get(members[j]);
      for (int t = 0; t < k; t++) {
        units[j * k + t] = s[t];
        scales[j * k + t] = mask[s[t]] - 1f;
      }
    }
    return new Changes(members.length, k, units, scales);
  }

  /** The cached input rows of the changed units, {@code (count·k, b[, H, W])}, on {@code sub}. */
  private static NDArray changedInputs(NDManager sub, Block block, Changes c) {
    NDArray h = block.actsT().get(new NDIndex("{}", sub.create(c.units())));
    h.attach(sub);
    return h;
  }

  /**
   * The predictions of a group of masks that change the same number {@code k >= 1} of units, by the
   * low-rank update of the next dense layer's cached linear output: {@code z' = z + h[:, S] ·
   * diag(m[S] − 1) · W[:, S]ᵀ} for each mask, as one batched product {@code (M, b, k) × (M, k,
   * out)}, then the rest of the network once for all {@code M·b} rows.
   */
  private long[] lowRankPass(NDManager sub, Block block, Changes c) {
    int out = next.units();
    int in = next.inputs();
    int count = c.count();
    int k = c.k();
    float[] coef = new float[count * k * out];
    for (int i = 0; i < count * k; i++) {
      int u = (int) c.units()[i];
      for (int o = 0; o < out; o++) {
        coef[i * out + o] = c.scales()[i] * nextWeight[o * in + u];
      }
    }
    int b = block.images();
    computed += (long) count * b * ((long) k * out + suffixCost);
    NDArray left = changedInputs(sub, block, c).reshape(count, k, b).transpose(0, 2, 1);
    NDArray delta = left.matMul(sub.create(coef, new Shape(count, k, out))); // (count, b, out)
    NDArray z = delta.add(block.z()).reshape(new Shape((long) count * b, out));
    return network.forwardAfter(next.name(), z).argMax(1).toLongArray();
  }

  /** The predictions of masks that change no unit: the cached linear output serves them all. */
  private long[] unchangedPass(NDManager sub, Block block) {
    computed += block.images() * suffixCost;
    return network.forwardAfter(next.name(), view(block.z(), sub)).argMax(1).toLongArray();
  }

  /**
   * The predictions of a group of masks that change the same number {@code k >= 1} of channels, by
   * the update of the next convolution's cached linear output: {@code z' = z + conv(h[:, S], W[:,
   * S] · diag(m[S] − 1))} for each mask, as one grouped convolution ({@code M} groups of {@code k}
   * input channels, {@code M} blocks of output channels), then the rest of the network once for all
   * {@code M·b} rows.
   */
  private long[] channelPass(NDManager sub, Block block, Changes c, Layer.Conv2d conv) {
    int out = conv.units();
    int in = conv.inputs();
    int kk = conv.kernelH() * conv.kernelW();
    int count = c.count();
    int k = c.k();
    float[] coef = new float[count * out * k * kk];
    for (int i = 0; i < count * k; i++) {
      int j = i / k;
      int t = i % k;
      int u = (int) c.units()[i];
      for (int o = 0; o < out; o++) {
        int from = (o * in + u) * kk;
        int to = ((j * out + o) * k + t) * kk;
        for (int r = 0; r < kk; r++) {
          coef[to + r] = c.scales()[i] * nextWeight[from + r];
        }
      }
    }
    int b = block.images();
    long height = nextOutShape[1];
    long width = nextOutShape[2];
    computed += (long) count * b * ((long) k * out * kk * height * width + suffixCost);
    NDArray delta =
        Conv2d.conv2d(
                changedInputs(sub, block, c).transpose(1, 0, 2, 3), // (b, count·k, H, W)
                sub.create(coef, new Shape(count * out, k, conv.kernelH(), conv.kernelW())),
                sub.zeros(new Shape(count * out)),
                new Shape(conv.stride(), conv.stride()),
                new Shape(conv.padding(), conv.padding()),
                new Shape(1, 1),
                count)
            .singletonOrThrow(); // (b, count·out, H', W')
    NDArray z =
        delta
            .reshape(b, count, out, height, width)
            .transpose(1, 0, 2, 3, 4)
            .add(block.z())
            .reshape((long) count * b, out, height, width);
    return network.forwardAfter(next.name(), z).argMax(1).toLongArray();
  }

  /**
   * The predictions of a group of masks by masked copies of the cached activations and the whole
   * rest of the network ({@code M·b} rows), for layers no linear layer reads through operations
   * masks commute with ({@link Network#linearAfter}).
   */
  private long[] maskedPass(NDManager sub, Block block, List<float[]> masks, int[] members) {
    NDArray x = view(block.acts(), sub);
    computed += (long) members.length * block.images() * suffixCost;
    int dims = (int) x.getShape().dimension();
    long[] maskShape = new long[dims + 1];
    Arrays.fill(maskShape, 1);
    maskShape[0] = members.length;
    maskShape[2] = units;
    float[] flat = new float[members.length * units];
    for (int j = 0; j < members.length; j++) {
      System.arraycopy(masks.get(members[j]), 0, flat, j * units, units);
    }
    NDArray masked = x.expandDims(0).mul(sub.create(flat, new Shape(maskShape)));
    long[] rows = masked.getShape().getShape();
    long[] merged = new long[rows.length - 1];
    merged[0] = rows[0] * rows[1];
    System.arraycopy(rows, 2, merged, 1, rows.length - 2);
    return network.forwardFrom(layer, masked.reshape(new Shape(merged))).argMax(1).toLongArray();
  }

  /**
   * The cached values of images {@code [first, first + images)}: the activations at the layer's
   * output point, or, for the updates of the next linear layer, that layer's input with units first
   * ({@code (units, images[, H, W])}, so that a mask's units are contiguous rows) and its linear
   * output {@code z} ({@code (images, out[, H', W'])}).
   */
  private record Block(int first, int images, NDArray acts, NDArray actsT, NDArray z) {}

  /** The blocks of images {@code [from, to)}, attached to {@code target}. */
  private List<Block> prefix(NDManager target, int from, int to) {
    List<Block> blocks = new ArrayList<>();
    for (int b = from; b < to; b += blockImages) {
      int e = Math.min(to, b + blockImages);
      try (NDManager work = manager.newSubManager()) {
        computed += (e - b) * prefixCost;
        NDArray x = images(work, b, e);
        Block block;
        if (next == null) {
          NDArray h = network.forwardTo(layer, x);
          block = new Block(b, e - b, h, null, null);
          h.attach(target);
        } else {
          NDArray h = network.forwardInto(next.name(), x);
          NDArray z = network.linear(next.name(), h);
          // Flattening a transposed view copies it into contiguous memory; the second reshape
          // is a view of that copy.
          long[] firstUnits = new long[h.getShape().dimension()];
          firstUnits[0] = units;
          firstUnits[1] = e - b;
          System.arraycopy(nextInShape, 1, firstUnits, 2, nextInShape.length - 1);
          int[] axes = h.getShape().dimension() == 2 ? new int[] {1, 0} : new int[] {1, 0, 2, 3};
          NDArray t = h.transpose(axes).reshape(-1).reshape(new Shape(firstUnits));
          t.attach(target);
          z.attach(target);
          block = new Block(b, e - b, null, t, z);
        }
        blocks.add(block);
      }
    }
    return blocks;
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
