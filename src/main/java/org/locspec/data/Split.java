package org.locspec.data;

/** Which part of a data set: the training part or the held-out test part. */
public enum Split {
  /** The training images. */
  TRAIN,
  /** The held-out test images. */
  TEST;

  /**
   * Parses a split name, case-insensitively.
   *
   * @param name "train" or "test"
   * @return the split
   * @throws IllegalArgumentException naming the accepted values when {@code name} is neither
   */
  public static Split parse(String name) {
    for (Split s : values()) {
      if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("split must be one of train, test; got '" + name + "'");
  }
}
