package org.locspec.graph;

import java.util.Objects;

/**
 * A layer of units in a neuron graph: its name and how many units (neurons or channels) it has.
 *
 * @param name the layer's name, unique within a network
 * @param units the number of units, {@code >= 1}
 */
public record LayerUnits(String name, int units) {

  /** Validates the layer. */
  public LayerUnits {
    Objects.requireNonNull(name, "name must not be null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("layer name must be non-empty, got \"\"");
    }
    if (units < 1) {
      throw new IllegalArgumentException(
          "units must be >= 1, got " + units + " (layer " + name + ")");
    }
  }

  /**
   * The address of one of this layer's units.
   *
   * @param index in {@code [0, units)}
   * @return the neuron
   */
  public Neuron neuron(int index) {
    if (index >= units) {
      throw new IllegalArgumentException(
          "index must be < " + units + " (units of layer " + name + "), got " + index);
    }
    return new Neuron(name, index);
  }
}
