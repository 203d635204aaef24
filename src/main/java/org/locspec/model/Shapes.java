package org.locspec.model;

import java.util.Arrays;
import java.util.List;

/**
 * The output shape of one layer from the shapes it reads (one image, no batch axis), for the shape
 * checks of {@link Network} and {@link LayerGraph}. Every mismatch names the layer and what it
 * received.
 */
final class Shapes {
  private Shapes() {}

  /**
   * The shape a layer gives.
   *
   * @param l the layer
   * @param inputs the shapes it reads: one for every layer but a join, at least two for a join
   * @param where the start of a message, e.g. "network vgg16, layer conv3: "
   * @return its output shape
   * @throws IllegalArgumentException if the inputs do not fit the layer
   */
  static long[] output(Layer l, List<long[]> inputs, String where) {
    if (l instanceof Layer.Join j) {
      return join(j, inputs, where);
    }
    long[] s = inputs.get(0);
    if (l instanceof Layer.Dense d) {
      long flat = size(s);
      if (flat != d.inputs()) {
        throw new IllegalArgumentException(
            where
                + "expects "
                + d.inputs()
                + " inputs but receives "
                + Arrays.toString(s)
                + " = "
                + flat
                + " values");
      }
      return new long[] {d.units()};
    } else if (l instanceof Layer.Conv2d c) {
      if (s.length != 3 || s[0] != c.inputs()) {
        throw new IllegalArgumentException(
            where
                + "expects "
                + c.inputs()
                + " input channels (C×H×W) but receives "
                + Arrays.toString(s));
      }
      long h = (s[1] + 2L * c.padding() - c.kernelH()) / c.stride() + 1;
      long w = (s[2] + 2L * c.padding() - c.kernelW()) / c.stride() + 1;
      if (h < 1
          || w < 1
          || s[1] + 2L * c.padding() < c.kernelH()
          || s[2] + 2L * c.padding() < c.kernelW()) {
        throw new IllegalArgumentException(
            where
                + "kernel "
                + c.kernelH()
                + "×"
                + c.kernelW()
                + " does not fit input "
                + Arrays.toString(s));
      }
      return new long[] {c.units(), h, w};
    } else if (l instanceof Layer.BatchNorm b) {
      if (s[0] != b.channels()) {
        throw new IllegalArgumentException(
            where + "normalizes " + b.channels() + " channels but receives " + Arrays.toString(s));
      }
      return s;
    } else if (l instanceof Layer.MaxPool2d p) {
      requireImage(s, where, "pools");
      long h = (s[1] + 2L * p.padding() - p.kernel()) / p.stride() + 1;
      long w = (s[2] + 2L * p.padding() - p.kernel()) / p.stride() + 1;
      if (s[1] + 2L * p.padding() < p.kernel() || s[2] + 2L * p.padding() < p.kernel()) {
        throw new IllegalArgumentException(
            where
                + "window "
                + p.kernel()
                + "×"
                + p.kernel()
                + " does not fit input "
                + Arrays.toString(s));
      }
      return new long[] {s[0], h, w};
    } else if (l instanceof Layer.AdaptiveAvgPool2d a) {
      requireImage(s, where, "pools");
      return new long[] {s[0], a.outputHeight(), a.outputWidth()};
    } else if (l instanceof Layer.Flatten) {
      return new long[] {size(s)};
    }
    return s; // ReLU, dropout
  }

  private static long[] join(Layer.Join j, List<long[]> inputs, String where) {
    long[] first = inputs.get(0);
    if (j instanceof Layer.Add) {
      for (long[] s : inputs) {
        if (!Arrays.equals(s, first)) {
          throw new IllegalArgumentException(
              where + "adds inputs of different shapes " + shapes(inputs));
        }
      }
      return first;
    }
    long channels = 0;
    for (long[] s : inputs) {
      if (s.length != first.length
          || !Arrays.equals(
              Arrays.copyOfRange(s, 1, s.length), Arrays.copyOfRange(first, 1, first.length))) {
        throw new IllegalArgumentException(
            where
                + "concatenates channels of inputs that differ in the other axes "
                + shapes(inputs));
      }
      channels += s[0];
    }
    long[] out = first.clone();
    out[0] = channels;
    return out;
  }

  private static void requireImage(long[] s, String where, String verb) {
    if (s.length != 3) {
      throw new IllegalArgumentException(
          where + verb + " C×H×W inputs but receives " + Arrays.toString(s));
    }
  }

  private static String shapes(List<long[]> inputs) {
    return inputs.stream().map(Arrays::toString).toList().toString();
  }

  /** The number of values of a shape. */
  static long size(long[] s) {
    long n = 1;
    for (long v : s) {
      n *= v;
    }
    return n;
  }
}
