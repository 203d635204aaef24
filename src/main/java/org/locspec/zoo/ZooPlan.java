package org.locspec.zoo;

import java.util.List;

/**
 * Which models of a grid a zoo holds already and which are still to be trained ({@code
 * ModelZoo.plan}).
 *
 * @param stored the models the zoo holds with the same description, in the grid's order
 * @param toTrain the models to train, in the grid's order
 */
public record ZooPlan(List<ZooModel> stored, List<ZooModel> toTrain) {

  /** Copies the lists. */
  public ZooPlan {
    stored = List.copyOf(stored);
    toTrain = List.copyOf(toTrain);
  }

  /** The number of models of the grid. */
  public int size() {
    return stored.size() + toTrain.size();
  }

  @Override
  public String toString() {
    return size() + " models: " + stored.size() + " stored, " + toTrain.size() + " to train";
  }
}
