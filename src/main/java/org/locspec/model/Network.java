package org.locspec.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.locspec.data.ImageDataset;

/**
 * The layer view every analysis uses: a feed-forward network as an ordered list of {@link Layer}s
 * with their parameters, evaluated with DJL (PyTorch engine) in inference mode.
 *
 * <p>It can (a) capture the pre-activations of any unit layers and (b) apply unit masks — lesions —
 * without modifying the network: masks are arguments of a forward pass, or are held by a scoped
 * {@link Lesion}. A lesioned unit outputs 0 after its activation; where batch norm follows the
 * ReLU, the batch norm then turns that 0 into the constant it produces for a 0 input.
 *
 * <p>Each unit layer has an <em>output point</em>: after the layer, an immediately following batch
 * norm that is itself followed by a ReLU, and that ReLU. Masks apply there. Its
 * <em>pre-activation</em> is the value just before that ReLU (for the last layer: the logits).
 *
 * <p>A {@code Network} owns native memory: close it (try-with-resources).
 */
public final class Network implements MaskedForward, AutoCloseable {
  /** How a convolution channel's feature map is reduced to one number per image. */
  public enum Reduction {
    /** The L1 norm over H×W (the paper's activation graphs and dataset examples). */
    L1_NORM,
    /** The mean over H×W (the paper's feature-visualization objective). */
    MEAN
  }

  private final String name;
  private final long[] inputShape;
  private final List<Layer> layers;
  private final Map<String, Integer> unitLayerIndex;
  private final int[] outputPoint;
  private final int[] preActivationPoint;
  private final NDManager manager;
  private final List<NDArray[]> params;
  private final int numClasses;
  private final long[] multiplyAdds;

  private Network(String name, long[] inputShape, List<Layer> layers) {
    this.name = name;
    this.inputShape = inputShape.clone();
    this.layers = List.copyOf(layers);
    this.unitLayerIndex = new LinkedHashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      if (l instanceof Layer.Join) {
        throw new IllegalArgumentException(
            "network "
                + name
                + ": layer "
                + l.name()
                + " is a "
                + l.getClass().getSimpleName()
                + " of several layers; the layer view runs sequential networks only: analyse"
                + " this network as a LayerGraph (TorchScriptImporter.graph)");
      }
      if (!seen.add(l.name())) {
        throw new IllegalArgumentException(
            "network "
                + name
                + ": layer name '"
                + l.name()
                + "' is used twice; names must be unique");
      }
      if (l instanceof Layer.UnitLayer) {
        unitLayerIndex.put(l.name(), i);
      }
    }
    if (unitLayerIndex.isEmpty()) {
      throw new IllegalArgumentException(
          "network " + name + " has no dense or convolution layer; nothing to analyse");
    }
    this.outputPoint = new int[layers.size()];
    this.preActivationPoint = new int[layers.size()];
    for (int i = 0; i < layers.size(); i++) {
      int pre = i;
      int out = i;
      if (layers.get(i) instanceof Layer.UnitLayer) {
        int j = i + 1;
        if (j + 1 < layers.size()
            && layers.get(j) instanceof Layer.BatchNorm
            && layers.get(j + 1) instanceof Layer.Relu) {
          pre = j;
          out = j + 1;
        } else if (j < layers.size() && layers.get(j) instanceof Layer.Relu) {
          out = j;
        }
      }
      outputPoint[i] = out;
      preActivationPoint[i] = pre;
    }
    this.multiplyAdds = new long[layers.size()];
    long[] shape = inputShape.clone();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      shape = Shapes.output(l, List.of(shape), "network " + name + ", layer " + l.name() + ": ");
      if (l instanceof Layer.Dense d) {
        multiplyAdds[i] = (long) d.inputs() * d.units();
      } else if (l instanceof Layer.Conv2d c) {
        multiplyAdds[i] =
            (long) c.units() * c.inputs() * c.kernelH() * c.kernelW() * shape[1] * shape[2];
      }
    }
    if (shape.length != 1) {
      throw new IllegalArgumentException(
          "network "
              + name
              + " ends with output shape "
              + Arrays.toString(shape)
              + "; the last layer must give one score per class (add a Flatten and a Dense)");
    }
    this.numClasses = (int) shape[0];
    this.manager = NDManager.newBaseManager(TorchEngine.NAME);
    this.params = new ArrayList<>();
    for (Layer l : layers) {
      params.add(upload(l));
    }
  }

  /**
   * Creates a network, checking that the layers' shapes chain from the input shape to one score per
   * class.
   *
   * @param name a name for provenance, e.g. "mlp-fashion-seed0"
   * @param inputShape the shape of one input image, {@code {channels, height, width}}
   * @param layers the layers in order
   * @return the network (close it when done)
   * @throws IllegalArgumentException naming the first layer whose input shape does not fit
   */
  public static Network of(String name, long[] inputShape, List<Layer> layers) {
    Objects.requireNonNull(name, "name");
    if (inputShape.length != 3) {
      throw new IllegalArgumentException(
          "input shape must be {channels, height, width}, got " + Arrays.toString(inputShape));
    }
    return new Network(name, inputShape, layers);
  }

  private NDArray[] upload(Layer l) {
    if (l instanceof Layer.Dense d) {
      return new NDArray[] {
        manager.create(d.weight(), new Shape(d.weightShape())),
        manager.create(d.bias(), new Shape(d.units()))
      };
    } else if (l instanceof Layer.Conv2d c) {
      return new NDArray[] {
        manager.create(c.weight(), new Shape(c.weightShape())),
        manager.create(c.bias(), new Shape(c.units()))
      };
    } else if (l instanceof Layer.BatchNorm b) {
      int n = b.channels();
      return new NDArray[] {
        manager.create(b.runningMean(), new Shape(n)),
        manager.create(b.runningVar(), new Shape(n)),
        manager.create(b.gamma(), new Shape(n)),
        manager.create(b.beta(), new Shape(n))
      };
    }
    return new NDArray[0];
  }

  /** The network's name. */
  public String name() {
    return name;
  }

  /** The shape of one input image, {@code {channels, height, width}}. */
  public long[] inputShape() {
    return inputShape.clone();
  }

  /** The number of output scores (classes). */
  public int numClasses() {
    return numClasses;
  }

  /**
   * The multiply-adds of one image through each layer, in the order of {@link #layers()}: {@code
   * inputs × units} for a dense layer, {@code units × inputs × kernel area × output area} for a
   * convolution, 0 for the others (whose work is elementwise).
   */
  public long[] multiplyAdds() {
    return multiplyAdds.clone();
  }

  /** All layers, in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** The layers that have units (dense and convolution layers), in order. */
  public List<Layer.UnitLayer> unitLayers() {
    List<Layer.UnitLayer> out = new ArrayList<>();
    for (int i : unitLayerIndex.values()) {
      out.add((Layer.UnitLayer) layers.get(i));
    }
    return out;
  }

  /**
   * The unit layer of that name.
   *
   * @throws IllegalArgumentException listing the unit layers when there is none of that name
   */
  public Layer.UnitLayer unitLayer(String layerName) {
    return (Layer.UnitLayer) layers.get(indexOf(layerName));
  }

  private int indexOf(String layerName) {
    Integer i = unitLayerIndex.get(layerName);
    if (i == null) {
      throw new IllegalArgumentException(
          "network "
              + name
              + " has no unit layer '"
              + layerName
              + "'; its unit layers are "
              + unitLayerIndex.keySet());
    }
    return i;
  }

  /**
   * Runs the network on a batch.
   *
   * @param x inputs of shape {@code (batch, C, H, W)} (or {@code (batch, C·H·W)} for MLPs)
   * @return the logits, {@code (batch, classes)}, attached to {@code x}'s manager
   */
  public NDArray forward(NDArray x) {
    return run(x, Map.of(), null, null);
  }

  /**
   * Runs the network on a batch with unit masks applied at the output points of unit layers.
   *
   * @param x inputs
   * @param masks per unit layer name, a float array of length {@code units}: 1 keeps a unit, 0
   *     lesions it (other values scale it)
   * @return the logits
   */
  @Override
  public NDArray forward(NDArray x, Map<String, float[]> masks) {
    return run(x, masks, null, null);
  }

  /**
   * Runs the network, applying masks and recording pre-activations.
   *
   * @param x inputs
   * @param masks unit masks per layer name (may be empty)
   * @param capture unit layers whose pre-activations to record (may be empty)
   * @param captured receives, per captured layer, the pre-activation NDArray ({@code (batch,
   *     units)} or {@code (batch, units, H, W)}), attached to {@code x}'s manager
   * @return the logits
   */
  public NDArray forward(
      NDArray x, Map<String, float[]> masks, Set<String> capture, Map<String, NDArray> captured) {
    return run(x, masks, capture, captured);
  }

  /**
   * Runs a batch from the input through the output point of a unit layer (where its masks apply),
   * without masks. With {@link #forwardFrom} this splits a masked forward pass in two: for a mask
   * {@code m} of that layer (as an NDArray of shape {@code (1, units[, 1, 1])}), {@code
   * forwardFrom(layer, forwardTo(layer, x).mul(m))} performs exactly the operations of {@code
   * forward(x, Map.of(layer, mask))}. The lesion engine caches {@code forwardTo} once and evaluates
   * many masks with {@code forwardFrom}.
   *
   * @param layer a unit layer's name
   * @param x inputs of shape {@code (batch, C, H, W)}
   * @return the activations at the layer's output point, attached to {@code x}'s manager
   */
  public NDArray forwardTo(String layer, NDArray x) {
    int end = outputPoint[indexOf(layer)];
    NDArray h = x;
    for (int i = 0; i <= end; i++) {
      h = apply(i, h);
    }
    return h;
  }

  /**
   * Runs activations from just after a unit layer's output point to the logits, without masks: the
   * second half of the split described at {@link #forwardTo}. The batch axis may hold any number of
   * rows (e.g. many masked copies of the same images).
   *
   * @param layer a unit layer's name
   * @param h activations at that layer's output point, {@code (rows, units[, H, W])}
   * @return the logits, {@code (rows, classes)}
   */
  public NDArray forwardFrom(String layer, NDArray h) {
    int start = outputPoint[indexOf(layer)] + 1;
    NDArray out = h;
    for (int i = start; i < layers.size(); i++) {
      out = apply(i, out);
    }
    return out;
  }

  /**
   * The linear layer that reads a unit layer's output point through operations a unit mask commutes
   * with, if there is one: a dense layer after a dense layer (only dropout, an identity at
   * inference, may sit between), or a convolution after a convolution (dropout and max pooling may
   * sit between; max pooling works per channel, so it commutes with masks of nonnegative values). A
   * mask {@code m} of the unit layer then changes that layer's linear output only by the linear map
   * of the masked units alone, the bias left out: for a dense layer {@code z' = z + h[:, S] ·
   * diag(m[S] − 1) · W[:, S]ᵀ} (rank at most the number {@code |S|} of masked units), for a
   * convolution {@code z' = z + conv(h[:, S], W[:, S] · diag(m[S] − 1))}, a convolution over the
   * masked channels only ({@code h} is the layer's input, {@link #forwardInto}). The lesion engine
   * caches {@code h} and {@code z} ({@link #linear}) and evaluates each mask by that update and
   * {@link #forwardAfter}.
   *
   * @param layer a unit layer's name
   * @return the linear layer fed by its output point, or empty (e.g. for a convolution followed by
   *     batch norm or by a dense layer, or for the last layer)
   */
  public Optional<Layer.UnitLayer> linearAfter(String layer) {
    Layer.UnitLayer from = unitLayer(layer);
    int i = outputPoint[indexOf(layer)] + 1;
    while (i < layers.size()
        && (layers.get(i) instanceof Layer.Dropout
            || (from instanceof Layer.Conv2d && layers.get(i) instanceof Layer.MaxPool2d))) {
      i++;
    }
    if (i < layers.size()
        && layers.get(i) instanceof Layer.UnitLayer next
        && next.getClass() == from.getClass()) {
      return Optional.of(next);
    }
    return Optional.empty();
  }

  /**
   * Runs a batch from the input to the input of a unit layer (every layer before it), without
   * masks.
   *
   * @param layer a unit layer's name
   * @param x inputs of shape {@code (batch, C, H, W)}
   * @return the layer's input, attached to {@code x}'s manager
   */
  public NDArray forwardInto(String layer, NDArray x) {
    int end = indexOf(layer);
    NDArray h = x;
    for (int i = 0; i < end; i++) {
      h = apply(i, h);
    }
    return h;
  }

  /**
   * A unit layer's linear map alone (its weights and bias), without masks: from its input ({@link
   * #forwardInto}) to the linear output {@link #forwardAfter} continues from.
   *
   * @param layer a unit layer's name
   * @param h the layer's input
   * @return its linear output, {@code (rows, units[, H, W])}
   */
  public NDArray linear(String layer, NDArray h) {
    return apply(indexOf(layer), h);
  }

  /**
   * Runs a unit layer's linear output (before its batch norm and ReLU, if any) through the rest of
   * the network to the logits, without masks.
   *
   * @param layer a unit layer's name
   * @param z that layer's linear output, {@code (rows, units[, H, W])}
   * @return the logits, {@code (rows, classes)}
   */
  public NDArray forwardAfter(String layer, NDArray z) {
    NDArray out = z;
    for (int i = indexOf(layer) + 1; i < layers.size(); i++) {
      out = apply(i, out);
    }
    return out;
  }

  private NDArray run(
      NDArray x, Map<String, float[]> masks, Set<String> capture, Map<String, NDArray> captured) {
    for (String m : masks.keySet()) {
      Layer.UnitLayer u = unitLayer(m);
      if (masks.get(m).length != u.units()) {
        throw new IllegalArgumentException(
            "mask for layer "
                + m
                + " has "
                + masks.get(m).length
                + " values, the layer has "
                + u.units()
                + " units");
      }
    }
    if (capture != null) {
      capture.forEach(this::indexOf);
    }
    NDManager m = x.getManager();
    Map<Integer, String> maskAt = new HashMap<>();
    Map<Integer, String> captureAt = new HashMap<>();
    for (String layer : masks.keySet()) {
      maskAt.put(outputPoint[indexOf(layer)], layer);
    }
    if (capture != null) {
      for (String layer : capture) {
        captureAt.put(preActivationPoint[indexOf(layer)], layer);
      }
    }
    NDArray h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = apply(i, h);
      String c = captureAt.get(i);
      if (c != null) {
        captured.put(c, h);
      }
      String mk = maskAt.get(i);
      if (mk != null) {
        float[] mask = masks.get(mk);
        long[] shape = new long[(int) h.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[1] = mask.length;
        h = h.mul(m.create(mask, new Shape(shape)));
      }
    }
    return h;
  }

  /**
   * Max pooling over non-overlapping {@code k × k} tiles (stride {@code k}, no padding; rows and
   * columns beyond the last whole tile dropped, as PyTorch's floor mode does): the tiles as axes of
   * a reshaped view, reduced by elementwise maxima of their slices. The values equal PyTorch's
   * {@code max_pool2d}; it is about 4× faster on CPU for the papers' CNN (41 × 64 × 28 × 28
   * activations, measured here: 2.4 instead of 10 ms at 2 threads, 3.8 instead of 22 ms at one),
   * which makes pooling a small part of a lesion pass instead of its largest. Only without
   * gradients: under autograd (feature visualization) PyTorch's own backward of {@code max_pool2d}
   * is faster than that of the slices and maxima.
   */
  private static NDArray tiledMax(NDArray x, int k) {
    long[] s = x.getShape().getShape();
    long h = s[2] / k;
    long w = s[3] / k;
    NDArray in = s[2] % k == 0 && s[3] % k == 0 ? x : x.get(":, :, :" + h * k + ", :" + w * k);
    NDArray tiles = in.reshape(s[0], s[1], h, k, w, k);
    NDArray rows = tiles.get(":, :, :, 0");
    for (int i = 1; i < k; i++) {
      rows = rows.maximum(tiles.get(":, :, :, " + i));
    }
    NDArray out = rows.get("..., 0");
    for (int j = 1; j < k; j++) {
      out = out.maximum(rows.get("..., " + j));
    }
    return out;
  }

  private NDArray apply(int i, NDArray x) {
    Layer l = layers.get(i);
    NDArray[] p = params.get(i);
    if (l instanceof Layer.Dense) {
      NDArray in = x.getShape().dimension() == 2 ? x : x.reshape(x.getShape().get(0), -1);
      return ai.djl.nn.core.Linear.linear(in, p[0], p[1]).singletonOrThrow();
    } else if (l instanceof Layer.Conv2d c) {
      return Conv2d.conv2d(
              x,
              p[0],
              p[1],
              new Shape(c.stride(), c.stride()),
              new Shape(c.padding(), c.padding()),
              new Shape(1, 1),
              1)
          .singletonOrThrow();
    } else if (l instanceof Layer.BatchNorm b) {
      return BatchNorm.batchNorm(x, p[0], p[1], p[2], p[3], 1, 0.1f, b.eps(), false)
          .singletonOrThrow();
    } else if (l instanceof Layer.Relu) {
      return Activation.relu(x);
    } else if (l instanceof Layer.MaxPool2d mp) {
      if (mp.kernel() == mp.stride()
          && mp.padding() == 0
          && x.getShape().dimension() == 4
          && !JniUtils.requiresGrad((PtNDArray) x)) {
        return tiledMax(x, mp.kernel());
      }
      return Pool.maxPool2d(
          x,
          new Shape(mp.kernel(), mp.kernel()),
          new Shape(mp.stride(), mp.stride()),
          new Shape(mp.padding(), mp.padding()),
          false);
    } else if (l instanceof Layer.AdaptiveAvgPool2d a) {
      return JniUtils.adaptiveAvgPool((PtNDArray) x, new Shape(a.outputHeight(), a.outputWidth()));
    } else if (l instanceof Layer.Flatten) {
      return x.reshape(x.getShape().get(0), -1);
    }
    return x; // Dropout: identity at inference
  }

  /**
   * Predicted classes for every image of a data set, with optional lesions.
   *
   * @param data the images; their shape must match {@link #inputShape()}
   * @param masks unit masks per layer (empty for the intact network)
   * @param batchSize images per forward pass
   * @return one predicted label per image
   */
  @Override
  public int[] predict(ImageDataset data, Map<String, float[]> masks, int batchSize) {
    checkData(data);
    int n = data.size();
    int[] out = new int[n];
    float[] buf = new float[batchSize * data.imageSize()];
    ByteBuffer direct = directBuffer(buf.length);
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      try (NDManager sub = manager.newSubManager()) {
        NDArray x = batch(sub, data, from, to, buf, direct);
        long[] pred = run(x, masks, null, null).argMax(1).toLongArray();
        for (int i = 0; i < pred.length; i++) {
          out[from + i] = (int) pred[i];
        }
      }
    }
    return out;
  }

  /**
   * Records the pre-activations of unit layers over (the first {@code limit} images of) a data set.
   * Convolution channels are reduced to one value per image with {@code reduction}.
   *
   * @param data the images
   * @param layerNames unit layers to record
   * @param reduction how a channel's H×W map becomes one value
   * @param batchSize images per forward pass
   * @return per layer, {@code [images][units]}
   */
  public Map<String, float[][]> capture(
      ImageDataset data, Collection<String> layerNames, Reduction reduction, int batchSize) {
    checkData(data);
    Set<String> wanted = Set.copyOf(layerNames);
    Map<String, float[][]> out = new LinkedHashMap<>();
    for (String l : layerNames) {
      out.put(l, new float[data.size()][unitLayer(l).units()]);
    }
    float[] buf = new float[batchSize * data.imageSize()];
    ByteBuffer direct = directBuffer(buf.length);
    for (int from = 0; from < data.size(); from += batchSize) {
      int to = Math.min(data.size(), from + batchSize);
      try (NDManager sub = manager.newSubManager()) {
        NDArray x = batch(sub, data, from, to, buf, direct);
        Map<String, NDArray> captured = new HashMap<>();
        run(x, Map.of(), wanted, captured);
        for (var e : captured.entrySet()) {
          NDArray a = e.getValue();
          if (a.getShape().dimension() == 4) {
            long hw = a.getShape().get(2) * a.getShape().get(3);
            a =
                reduction == Reduction.L1_NORM
                    ? a.abs().sum(new int[] {2, 3})
                    : a.sum(new int[] {2, 3}).div(hw);
          }
          float[] flat = a.toFloatArray();
          float[][] dest = out.get(e.getKey());
          int units = dest[0].length;
          for (int i = 0; i < to - from; i++) {
            System.arraycopy(flat, i * units, dest[from + i], 0, units);
          }
        }
      }
    }
    return out;
  }

  private void checkData(ImageDataset data) {
    long[] s = {data.channels(), data.height(), data.width()};
    if (!Arrays.equals(s, inputShape)) {
      throw new IllegalArgumentException(
          "data set "
              + data.name()
              + " has images of shape "
              + Arrays.toString(s)
              + " but network "
              + name
              + " takes "
              + Arrays.toString(inputShape));
    }
  }

  /** Copies images {@code [from, to)} into a new {@code (n, C, H, W)} NDArray on {@code m}. */
  static NDArray batch(NDManager m, ImageDataset data, int from, int to, float[] buf) {
    return batch(m, data, from, to, buf, null);
  }

  /**
   * Images {@code [from, to)} as one NDArray. With {@code direct} (a native-order direct buffer of
   * at least {@code buf.length} floats, reused across batches) the pixels reach the engine in one
   * copy; a float[] alone takes DJL's slower generic path (measured: about 12 ms per 1000 MNIST
   * images).
   */
  static NDArray batch(
      NDManager m, ImageDataset data, int from, int to, float[] buf, ByteBuffer direct) {
    int n = to - from;
    int values = n * data.imageSize();
    float[] b = buf.length >= values ? buf : new float[values];
    data.copyPixels(from, to, b, 0);
    Shape shape = new Shape(n, data.channels(), data.height(), data.width());
    if (direct == null || direct.capacity() < values * Float.BYTES) {
      return m.create(b, shape);
    }
    ByteBuffer bytes = direct.duplicate().order(ByteOrder.nativeOrder());
    bytes.clear();
    bytes.asFloatBuffer().put(b, 0, values);
    bytes.limit(values * Float.BYTES);
    return m.create(bytes.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
  }

  private static ByteBuffer directBuffer(int floats) {
    return ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES))
        .order(ByteOrder.nativeOrder());
  }

  /**
   * A scoped lesion: the given units of the given layers output 0. The network itself is never
   * changed; closing the lesion releases its masks.
   *
   * @param lesioned per unit layer name, the indices of the units to lesion
   * @return the lesion, to use in try-with-resources
   */
  public Lesion lesion(Map<String, int[]> lesioned) {
    Map<String, float[]> masks = new LinkedHashMap<>();
    for (var e : lesioned.entrySet()) {
      int units = unitLayer(e.getKey()).units();
      float[] mask = new float[units];
      Arrays.fill(mask, 1f);
      for (int u : e.getValue()) {
        if (u < 0 || u >= units) {
          throw new IllegalArgumentException(
              "unit "
                  + u
                  + " is not in layer "
                  + e.getKey()
                  + ", which has units 0.."
                  + (units - 1));
        }
        mask[u] = 0f;
      }
      masks.put(e.getKey(), mask);
    }
    return new Lesion(this, masks);
  }

  /**
   * A copy of this network whose lesioned units have zero incoming weights and bias (for tests and
   * export): for a dense or conv layer followed by a ReLU this equals the masked forward.
   */
  public Network withZeroedUnits(String newName, Map<String, int[]> zeroed) {
    List<Layer> copy = new ArrayList<>();
    for (Layer l : layers) {
      int[] units = zeroed.get(l.name());
      if (units == null) {
        copy.add(l);
      } else if (l instanceof Layer.Dense d) {
        float[] w = d.weight();
        float[] b = d.bias();
        for (int u : units) {
          Arrays.fill(w, u * d.inputs(), (u + 1) * d.inputs(), 0f);
          b[u] = 0f;
        }
        copy.add(new Layer.Dense(d.name(), d.inputs(), d.units(), w, b));
      } else if (l instanceof Layer.Conv2d c) {
        float[] w = c.weight();
        float[] b = c.bias();
        int per = c.inputs() * c.kernelH() * c.kernelW();
        for (int u : units) {
          Arrays.fill(w, u * per, (u + 1) * per, 0f);
          b[u] = 0f;
        }
        copy.add(
            new Layer.Conv2d(
                c.name(),
                c.inputs(),
                c.units(),
                c.kernelH(),
                c.kernelW(),
                c.stride(),
                c.padding(),
                w,
                b));
      } else {
        throw new IllegalArgumentException(l.name() + " has no units to zero");
      }
    }
    return new Network(newName, inputShape, copy);
  }

  @Override
  public void close() {
    manager.close();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Network[").append(name).append(": input ");
    sb.append(Arrays.toString(inputShape));
    for (Layer l : layers) {
      sb.append(" → ")
          .append(l instanceof Layer.UnitLayer u ? l.name() + "(" + u.units() + ")" : l.name());
    }
    return sb.append("]").toString();
  }
}
