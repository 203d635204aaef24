package org.locspec.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.locspec.data.ImageDataset;

/**
 * What a lesion ({@code Lesion}) runs: forward passes and predictions with unit masks (layer name →
 * one factor per unit, 0 for a lesioned unit). The network of the layer view implements it.
 */
interface MaskedForward {

  /** The output for a batch of inputs with the masks applied. */
  NDArray forward(NDArray x, Map<String, float[]> masks);

  /** The predicted class of every image with the masks applied. */
  int[] predict(ImageDataset data, Map<String, float[]> masks, int batchSize);
}
