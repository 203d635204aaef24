package org.locspec.zoo;

import java.util.function.BiFunction;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;

/**
 * The training and test split of the data set being trained on, loaded once and kept until the next
 * data set is asked for (a grid is ordered by data set, so each is loaded once and at most one is
 * held in memory).
 */
final class ZooData {
  private final BiFunction<String, Split, ImageDataset> loader;
  private String name;
  private ImageDataset[] sets;

  ZooData(BiFunction<String, Split, ImageDataset> loader) {
    this.loader = loader;
  }

  /** {@code {train, test}} of a data set. */
  ImageDataset[] get(String dataset) {
    if (!dataset.equals(name)) {
      sets = null; // free the previous data set before loading the next
      ImageDataset train = loader.apply(dataset, Split.TRAIN);
      sets = new ImageDataset[] {train, loader.apply(dataset, Split.TEST)};
      name = dataset;
    }
    return sets;
  }
}
