package org.locspec.architecture;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.locspec.data.ImageDataset;

/** Validation shared by the conv-net specs; messages name the parameter, value and constraint. */
final class Specs {
  private Specs() {}

  static void checkInput(int channels, int height, int width) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "input shape must be positive, got "
              + channels
              + "×"
              + height
              + "×"
              + width
              + " (channels × height × width)");
    }
  }

  static List<Integer> positive(String what, List<Integer> widths) {
    Objects.requireNonNull(widths, what + " must not be null; use List.of() for none");
    for (int i = 0; i < widths.size(); i++) {
      Integer w = widths.get(i);
      if (w == null || w < 1) {
        throw new IllegalArgumentException(
            what + " must be >= 1, got " + w + " at position " + i + " of " + widths);
      }
    }
    return List.copyOf(widths);
  }

  static List<Boolean> flags(String what, List<Boolean> flags, int size) {
    Objects.requireNonNull(flags, what + " must not be null");
    if (flags.size() != size || flags.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException(
          what + " must have one true/false entry per convolution (" + size + "), got " + flags);
    }
    return List.copyOf(flags);
  }

  static void checkPooling(int height, int width, List<Boolean> poolAfter) {
    int h = height;
    int w = width;
    for (int i = 0; i < poolAfter.size(); i++) {
      if (poolAfter.get(i)) {
        h /= 2;
        w /= 2;
        if (h < 1 || w < 1) {
          throw new IllegalArgumentException(
              "the 2×2 max pool after convolution "
                  + (i + 1)
                  + " leaves no pixels of a "
                  + height
                  + "×"
                  + width
                  + " input; use fewer pooling layers or larger inputs");
        }
      }
    }
  }

  static void checkClasses(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
    }
  }

  static void checkRate(String what, double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1), got " + rate);
    }
  }

  /**
   * Checks that a data set has the input shape and class count of a spec.
   *
   * @param architecture the spec's architecture name
   * @param wanted the spec's input shape
   * @param numClasses the spec's number of outputs
   * @param data the images
   * @param what the data's role, e.g. "training"
   * @param takes what the network takes, e.g. "784 inputs" or "[1, 28, 28]"
   */
  static void checkFits(
      String architecture,
      long[] wanted,
      int numClasses,
      ImageDataset data,
      String what,
      String takes) {
    Objects.requireNonNull(data, what + " data");
    String arch = architecture.toUpperCase(Locale.ROOT);
    long[] shape = {data.channels(), data.height(), data.width()};
    boolean fits =
        wanted.length == 1 ? data.imageSize() == wanted[0] : Arrays.equals(shape, wanted);
    if (!fits) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s set %s has images of %d×%d×%d = %d values but the %s takes %s; use"
                  + " spec.forData(data)",
              what,
              data.name(),
              shape[0],
              shape[1],
              shape[2],
              data.imageSize(),
              arch,
              takes));
    }
    if (data.numClasses() != numClasses) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s set %s has %d classes but the %s has %d outputs; use spec.forData(data)",
              what,
              data.name(),
              data.numClasses(),
              arch,
              numClasses));
    }
  }

  /**
   * The checks every conv-net spec makes: a positive input shape, at least one convolution, pooling
   * that leaves pixels, at least two classes.
   *
   * @param none how to build a network without convolutions, for the message (may be empty)
   */
  static void checkConvNet(
      int channels,
      int height,
      int width,
      List<Integer> convChannels,
      List<Boolean> poolAfter,
      int numClasses,
      String none) {
    checkInput(channels, height, width);
    if (convChannels.isEmpty()) {
      throw new IllegalArgumentException(
          "convChannels must name at least one convolution, got []" + none);
    }
    checkPooling(height, width, poolAfter);
    checkClasses(numClasses);
  }

  /** The widths as a list. */
  static List<Integer> list(int... widths) {
    List<Integer> list = new java.util.ArrayList<>(widths.length);
    for (int w : widths) {
      list.add(w);
    }
    return list;
  }

  /**
   * The start of a conv net's description: its name and input shape, e.g. "CNN 1×28×28".
   *
   * @param name "CNN" or "VGG"
   */
  static StringBuilder describe(String name, int channels, int height, int width) {
    return new StringBuilder(name)
        .append(' ')
        .append(channels)
        .append('×')
        .append(height)
        .append('×')
        .append(width);
  }

  /** Appends " → d" per hidden dense width and " → numClasses". */
  static StringBuilder appendDense(StringBuilder sb, List<Integer> dense, int numClasses) {
    for (int d : dense) {
      sb.append(" → ").append(d);
    }
    return sb.append(" → ").append(numClasses);
  }
}
