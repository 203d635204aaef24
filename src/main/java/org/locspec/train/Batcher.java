package org.locspec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.locspec.data.ImageDataset;

/**
 * Fills reused buffers with a batch and hands them to the engine: pixels are copied (and, when
 * training with augmentation, transformed) into one reused float array, then into one reused direct
 * buffer; labels go into another direct buffer. No per-batch Java arrays are allocated.
 */
final class Batcher {
  private final long[] imageShape;
  private final int imageSize;
  private final float[] staging;
  private final float[] one;
  private final ByteBuffer pixelBytes;
  private final ByteBuffer labelBytes;

  /**
   * @param imageShape the shape of one input as the block takes it ({@code {784}} or {@code {c, h,
   *     w}})
   * @param maxBatch the largest batch
   */
  Batcher(long[] imageShape, int maxBatch) {
    this.imageShape = imageShape.clone();
    long size = 1;
    for (long d : imageShape) {
      size *= d;
    }
    this.imageSize = Math.toIntExact(size);
    this.staging = new float[Math.multiplyExact(maxBatch, imageSize)];
    this.one = new float[imageSize];
    this.pixelBytes =
        ByteBuffer.allocateDirect(Math.multiplyExact(staging.length, Float.BYTES))
            .order(ByteOrder.nativeOrder());
    this.labelBytes =
        ByteBuffer.allocateDirect(maxBatch * Long.BYTES).order(ByteOrder.nativeOrder());
  }

  /**
   * Images {@code order[from..to)} (or {@code from..to} when order is null) as one array of shape
   * {@code (count, imageShape...)}.
   *
   * @param augmentation applied to every image ({@link Augmentation#none()} for none)
   * @param rng draws the transformations; may be null without augmentation
   */
  NDArray images(
      NDManager manager,
      ImageDataset data,
      int[] order,
      int from,
      int to,
      Augmentation augmentation,
      SplittableRandom rng) {
    int count = to - from;
    int values = count * imageSize;
    if (order == null && augmentation.isNone()) {
      data.copyPixels(from, to, staging, 0);
    } else {
      for (int j = from; j < to; j++) {
        int i = order == null ? j : order[j];
        int dest = (j - from) * imageSize;
        if (augmentation.isNone()) {
          data.copyPixels(i, i + 1, staging, dest);
        } else {
          data.copyPixels(i, i + 1, one, 0);
          int c = (int) imageShape[0];
          int h = (int) imageShape[1];
          int w = (int) imageShape[2];
          augmentation.apply(one, 0, staging, dest, c, h, w, rng);
        }
      }
    }
    ByteBuffer bytes = pixelBytes.duplicate().order(ByteOrder.nativeOrder());
    bytes.clear();
    bytes.asFloatBuffer().put(staging, 0, values);
    bytes.limit(values * Float.BYTES);
    return manager.create(
        bytes.slice().order(ByteOrder.nativeOrder()),
        batchShape(count, imageShape),
        DataType.FLOAT32);
  }

  /** Labels {@code order[from..to)} (or {@code from..to}) as int64. */
  NDArray labels(NDManager manager, ImageDataset data, int[] order, int from, int to) {
    int count = to - from;
    ByteBuffer b = labelBytes.duplicate().order(ByteOrder.nativeOrder());
    b.clear();
    for (int j = from; j < to; j++) {
      b.putLong(data.label(order == null ? j : order[j]));
    }
    b.flip();
    return manager.create(
        b.slice().order(ByteOrder.nativeOrder()), new Shape(count), DataType.INT64);
  }

  /** {@code (count, imageShape...)}. */
  static Shape batchShape(long count, long[] imageShape) {
    long[] s = new long[imageShape.length + 1];
    s[0] = count;
    System.arraycopy(imageShape, 0, s, 1, imageShape.length);
    return new Shape(s);
  }
}
