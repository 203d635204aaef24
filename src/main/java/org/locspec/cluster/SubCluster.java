package org.locspec.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.locspec.graph.Neuron;

/**
 * The units of one cluster within one layer: what is lesioned or visualized together. A value:
 * equal layer, cluster label, units, layer size and partition make equal sub-clusters.
 *
 * @param layer the layer's name
 * @param cluster the cluster's label in its partition
 * @param units the unit indices in the layer, sorted ascending
 * @param layerUnits the number of units of the whole layer
 * @param partition how the partition this sub-cluster belongs to was made
 */
public record SubCluster(
    String layer, int cluster, int[] units, int layerUnits, PartitionProvenance partition) {

  /** Validates and copies the units. */
  public SubCluster {
    Objects.requireNonNull(layer, "layer must not be null");
    Objects.requireNonNull(units, "units must not be null");
    Objects.requireNonNull(
        partition, "partition must not be null (use PartitionProvenance.given())");
    units = units.clone();
    Arrays.sort(units);
    if (units.length == 0) {
      throw new IllegalArgumentException("a sub-cluster needs at least one unit, got none");
    }
    if (units[units.length - 1] >= layerUnits || units[0] < 0) {
      throw new IllegalArgumentException(
          "units must be in [0, "
              + layerUnits
              + ") for layer "
              + layer
              + ", got "
              + Arrays.toString(units));
    }
  }

  /**
   * A sub-cluster given by hand (its partition's provenance is {@link
   * PartitionProvenance#given()}).
   *
   * @param layer the layer's name
   * @param cluster the cluster's label
   * @param units the unit indices in the layer
   * @param layerUnits the number of units of the whole layer
   */
  public SubCluster(String layer, int cluster, int[] units, int layerUnits) {
    this(layer, cluster, units, layerUnits, PartitionProvenance.given());
  }

  /** A copy of the sorted unit indices. */
  @Override
  public int[] units() {
    return units.clone();
  }

  /** The number of units. */
  public int size() {
    return units.length;
  }

  /** The fraction of the layer this sub-cluster covers. */
  public double fraction() {
    return (double) units.length / layerUnits;
  }

  /** The units as neuron addresses. */
  public List<Neuron> neurons() {
    return IntStream.of(units).mapToObj(u -> new Neuron(layer, u)).toList();
  }

  /** Equal layer, cluster, units, layer size and partition. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SubCluster s
        && s.layer.equals(layer)
        && s.cluster == cluster
        && s.layerUnits == layerUnits
        && Arrays.equals(s.units, units)
        && s.partition.equals(partition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layer, cluster, layerUnits, Arrays.hashCode(units), partition);
  }

  /** E.g. {@code "SubCluster[dense_2 #3: 17/256 units]"}. */
  @Override
  public String toString() {
    return "SubCluster["
        + layer
        + " #"
        + cluster
        + ": "
        + units.length
        + "/"
        + layerUnits
        + " units]";
  }
}
