package org.locspec.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable dense weight matrix between two layers, stored row-major as {@code float[out][in]}
 * (the PyTorch/DJL convention): entry {@code (o, i)} is the weight from input unit {@code i} to
 * output unit {@code o}. For conv layers it holds the channel-by-channel matrix made by {@link
 * ConvKernels#channelAdjacency}.
 */
public final class WeightMatrix {
  private final int rows;
  private final int cols;
  private final float[] values;

  private WeightMatrix(int rows, int cols, float[] values) {
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /**
   * Copies a row-major flat array.
   *
   * @param rows the number of output units, {@code >= 1}
   * @param cols the number of input units, {@code >= 1}
   * @param values {@code rows * cols} weights, row {@code o} at {@code [o * cols, (o + 1) * cols)}
   * @return the matrix
   */
  public static WeightMatrix of(int rows, int cols, float[] values) {
    Objects.requireNonNull(values, "values must not be null");
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows and cols must be >= 1, got " + rows + " x " + cols);
    }
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(
          "values must hold rows * cols = "
              + rows
              + " * "
              + cols
              + " = "
              + (long) rows * cols
              + " entries, got "
              + values.length);
    }
    return new WeightMatrix(rows, cols, values.clone());
  }

  /**
   * Copies a {@code float[out][in]} array.
   *
   * @param w one row per output unit, all rows of the same length
   * @return the matrix
   */
  public static WeightMatrix of(float[][] w) {
    Objects.requireNonNull(w, "w must not be null");
    if (w.length == 0 || w[0].length == 0) {
      throw new IllegalArgumentException("w must have at least one row and one column");
    }
    int cols = w[0].length;
    float[] flat = new float[w.length * cols];
    for (int r = 0; r < w.length; r++) {
      if (w[r].length != cols) {
        throw new IllegalArgumentException(
            "all rows of w must have " + cols + " entries, row " + r + " has " + w[r].length);
      }
      System.arraycopy(w[r], 0, flat, r * cols, cols);
    }
    return new WeightMatrix(w.length, cols, flat);
  }

  /** Wraps without copying; for this package. */
  static WeightMatrix wrap(int rows, int cols, float[] values) {
    return new WeightMatrix(rows, cols, values);
  }

  /** The number of rows (output units). */
  public int rows() {
    return rows;
  }

  /** The number of columns (input units). */
  public int cols() {
    return cols;
  }

  /**
   * One weight.
   *
   * @param out the output unit (row)
   * @param in the input unit (column)
   * @return the weight
   */
  public float get(int out, int in) {
    Objects.checkIndex(out, rows);
    Objects.checkIndex(in, cols);
    return values[out * cols + in];
  }

  /** A copy of the row-major values. */
  public float[] values() {
    return values.clone();
  }

  /** The row-major values, not copied; callers in this package must not write to it. */
  float[] raw() {
    return values;
  }

  /** The number of non-zero entries. */
  public int nonZeros() {
    int n = 0;
    for (float v : values) {
      if (v != 0f) {
        n++;
      }
    }
    return n;
  }

  /** Equal shape and equal entries. */
  @Override
  public boolean equals(Object o) {
    return o instanceof WeightMatrix m
        && m.rows == rows
        && m.cols == cols
        && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(values);
  }

  /** Shape and number of non-zeros, e.g. {@code "WeightMatrix[256 x 784, 200704 non-zero]"}. */
  @Override
  public String toString() {
    return "WeightMatrix[" + rows + " x " + cols + ", " + nonZeros() + " non-zero]";
  }
}
