package org.locspec.model;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes and parses LocSpec's stable layer names: a kind followed by a 1-based ordinal among the
 * layers of that kind, e.g. {@code dense1}, {@code conv3}, {@code bn2}, {@code relu4}, and {@code
 * input} for a network's input units. This is the only place layer names are made.
 */
public final class LayerNames {
  /** The name of a network's input units (pixels), used by neuron graphs. */
  public static final String INPUT = "input";

  private static final Pattern NAME = Pattern.compile("([a-z]+)([1-9][0-9]*)");

  private static final Map<Class<? extends Layer>, String> KINDS =
      Map.of(
          Layer.Dense.class, "dense",
          Layer.Conv2d.class, "conv",
          Layer.BatchNorm.class, "bn",
          Layer.Relu.class, "relu",
          Layer.MaxPool2d.class, "pool",
          Layer.AdaptiveAvgPool2d.class, "avgpool",
          Layer.Flatten.class, "flatten",
          Layer.Dropout.class, "dropout",
          Layer.Add.class, "add",
          Layer.Concat.class, "cat");

  private LayerNames() {}

  /**
   * The name of the {@code ordinal}-th layer of a kind.
   *
   * @param kind a lower-case kind such as "dense", "conv", "bn", "relu", "pool", "avgpool",
   *     "flatten", "dropout", "add", "cat"
   * @param ordinal 1-based position among layers of that kind
   * @return e.g. "dense2"
   */
  public static String of(String kind, int ordinal) {
    if (!kind.matches("[a-z]+")) {
      throw new IllegalArgumentException(
          "layer kind must be lower-case letters, got '" + kind + "'");
    }
    if (ordinal < 1) {
      throw new IllegalArgumentException("layer ordinal must be >= 1, got " + ordinal);
    }
    return kind + ordinal;
  }

  /** The kind used in names for a layer class, e.g. "dense" for {@link Layer.Dense}. */
  public static String kindOf(Class<? extends Layer> type) {
    String kind = KINDS.get(type);
    if (kind == null) {
      throw new IllegalArgumentException("no layer kind for " + type.getName());
    }
    return kind;
  }

  /**
   * Splits a name made by {@link #of} into its kind and ordinal.
   *
   * @return the kind and the ordinal
   * @throws IllegalArgumentException if the name is not of that form
   */
  public static Parsed parse(String name) {
    Matcher m = NAME.matcher(name == null ? "" : name.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "layer name must be a kind and a 1-based number such as 'dense2' or 'conv1', got '"
              + name
              + "'");
    }
    return new Parsed(m.group(1), Integer.parseInt(m.group(2)));
  }

  /**
   * A parsed layer name.
   *
   * @param kind e.g. "dense"
   * @param ordinal e.g. 2
   */
  public record Parsed(String kind, int ordinal) {}
}
