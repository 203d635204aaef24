package org.locspec.graph;

import java.util.Objects;

/**
 * The address of one unit: a layer name and the unit's index within that layer (a neuron of a dense
 * layer or a channel of a conv layer).
 *
 * <p>Its text form, made by {@link #toString()} and read by {@link #parse(String)}, is {@code
 * layer[index]}, e.g. {@code "dense_1[17]"}; this is the only place where that form is made or
 * parsed. LayerUnits names may contain any character except that they must not be empty.
 *
 * @param layer the layer's name, e.g. {@code "input"} or {@code "dense_2"}
 * @param index the unit's index in the layer, {@code >= 0}
 */
public record Neuron(String layer, int index) implements Comparable<Neuron> {

  /** Validates the address. */
  public Neuron {
    Objects.requireNonNull(layer, "layer must not be null");
    if (layer.isEmpty()) {
      throw new IllegalArgumentException("layer must be a non-empty name, got \"\"");
    }
    if (index < 0) {
      throw new IllegalArgumentException(
          "index must be >= 0, got " + index + " (layer " + layer + ")");
    }
  }

  /**
   * Reads the text form {@code layer[index]}.
   *
   * @param text e.g. {@code "dense_1[17]"}
   * @return the neuron
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static Neuron parse(String text) {
    Objects.requireNonNull(text, "text must not be null");
    int open = text.lastIndexOf('[');
    if (open <= 0 || !text.endsWith("]")) {
      throw new IllegalArgumentException(
          "neuron must be written layer[index], e.g. dense_1[17], got \"" + text + "\"");
    }
    String number = text.substring(open + 1, text.length() - 1);
    try {
      return new Neuron(text.substring(0, open), Integer.parseInt(number));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "neuron index must be a non-negative integer in layer[index], got \"" + text + "\"", e);
    }
  }

  /** Orders by layer name, then index. */
  @Override
  public int compareTo(Neuron o) {
    int c = layer.compareTo(o.layer);
    return c != 0 ? c : Integer.compare(index, o.index);
  }

  /** The text form {@code layer[index]}. */
  @Override
  public String toString() {
    return layer + "[" + index + "]";
  }
}
