package org.locspec.train;

import java.util.Objects;
import org.locspec.data.ImageDataset;

/**
 * Which data a network was trained and tested on: the data sets' names (which say the source, split
 * and any subset, e.g. {@code "fashion-mnist/test[0:6000] sample(600, 1)"}) and sizes.
 *
 * @param trainSet the training set's name
 * @param trainImages the number of training images, {@code >= 0} (0: not recorded, in models saved
 *     before LocSpec recorded it)
 * @param testSet the test set's name
 * @param testImages the number of test images, {@code >= 0}
 */
public record DataProvenance(String trainSet, int trainImages, String testSet, int testImages) {

  /** Validates the fields. */
  public DataProvenance {
    Objects.requireNonNull(trainSet, "trainSet");
    Objects.requireNonNull(testSet, "testSet");
    if (trainImages < 0 || testImages < 0) {
      throw new IllegalArgumentException(
          "image counts must be >= 0, got " + trainImages + " and " + testImages);
    }
  }

  /**
   * The provenance of a training run.
   *
   * @param train the training images
   * @param test the test images
   * @return their names and sizes
   */
  public static DataProvenance of(ImageDataset train, ImageDataset test) {
    return new DataProvenance(train.name(), train.size(), test.name(), test.size());
  }

  @Override
  public String toString() {
    return trainSet
        + (trainImages > 0 ? " (" + trainImages + " images)" : "")
        + ", tested on "
        + testSet
        + (testImages > 0 ? " (" + testImages + " images)" : "");
  }
}
