package org.locspec.model;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.Map;
import org.locspec.data.ImageDataset;

/**
 * A scoped lesion of a network of the layer view ({@code Network.lesion}): while open, forward
 * passes through it run with the lesioned units' outputs set to 0. The network is never modified.
 *
 * <pre>{@code
 * try (Lesion lesion = net.lesion(Map.of("dense2", new int[] {3, 17}))) {
 *   int[] predictions = lesion.predict(test, 1000);
 * }
 * }</pre>
 */
public final class Lesion implements AutoCloseable {
  private final MaskedForward network;
  private Map<String, float[]> masks;

  Lesion(MaskedForward network, Map<String, float[]> masks) {
    this.network = network;
    this.masks = Collections.unmodifiableMap(masks);
  }

  /** The unit masks, per layer: 0 for a lesioned unit, 1 otherwise. */
  public Map<String, float[]> masks() {
    return open();
  }

  /** The lesioned network's logits for a batch. */
  public NDArray forward(NDArray x) {
    return network.forward(x, open());
  }

  /** The lesioned network's predicted class for every image. */
  public int[] predict(ImageDataset data, int batchSize) {
    return network.predict(data, open(), batchSize);
  }

  private Map<String, float[]> open() {
    if (masks == null) {
      throw new IllegalStateException(
          "this lesion is closed; create a new one with Network.lesion(..)");
    }
    return masks;
  }

  @Override
  public void close() {
    masks = null;
  }
}
