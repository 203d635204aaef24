package org.locspec.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.Neuron;
import org.locspec.graph.NeuronGraph;

/**
 * The "local" variant of clustering: each layer is clustered in a window of its neighbouring layers
 * alone, and only the layer's own labels are kept. The number of clusters of a layer is the number
 * of clusters the global partition put in it.
 *
 * <p>For weight graphs the window is the layer with its two neighbours (three consecutive layers);
 * the first and last layers have no such window and are left out, as in the paper. For activation
 * graphs each layer's correlation graph is clustered alone.
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), section 3.
 */
public final class LocalClustering {
  private LocalClustering() {}

  /**
   * Clusters each layer locally: with its two neighbours for weight graphs, alone for activation
   * graphs.
   *
   * @param graph the whole graph
   * @param global the global partition of that graph (gives k per layer)
   * @param options clustering options; {@code k} is replaced per layer
   * @return a partition of the clustered layers' units, with distinct labels per layer
   */
  public static Partition fit(NeuronGraph graph, Partition global, SpectralOptions options) {
    int radius = "activations".equals(graph.source()) ? 0 : 1;
    return fit(graph, global, options, radius);
  }

  /**
   * Clusters each layer with {@code radius} neighbouring layers on each side; layers without that
   * many neighbours on both sides are left out.
   *
   * @param graph the whole graph
   * @param global the global partition of that graph
   * @param options clustering options; {@code k} is replaced per layer
   * @param radius 1 for windows of three layers, 0 for each layer alone
   * @return a partition of the clustered layers' units
   */
  public static Partition fit(
      NeuronGraph graph, Partition global, SpectralOptions options, int radius) {
    Objects.requireNonNull(graph, "graph must not be null");
    Objects.requireNonNull(global, "global must not be null");
    Objects.requireNonNull(options, "options must not be null");
    if (radius < 0) {
      throw new IllegalArgumentException("radius must be >= 0, got " + radius);
    }
    List<LayerUnits> layers = graph.layers();
    List<Neuron> neurons = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<LayerUnits> used = new ArrayList<>();
    int offset = 0;
    for (int l = radius; l < layers.size() - radius; l++) {
      String name = layers.get(l).name();
      Set<Integer> globalLabels = new HashSet<>();
      List<Neuron> units = new ArrayList<>();
      for (int i = 0; i < graph.nodeCount(); i++) {
        if (graph.layerOf(i) == l) {
          units.add(graph.neuron(i));
          int g = global.label(graph.neuron(i));
          if (g < 0) {
            throw new IllegalArgumentException(
                "neuron "
                    + graph.neuron(i)
                    + " is not in the global partition; pass the "
                    + "partition made from this graph");
          }
          globalLabels.add(g);
        }
      }
      if (units.isEmpty()) {
        continue;
      }
      used.add(layers.get(l));
      int k = globalLabels.size();
      List<String> window = new ArrayList<>();
      for (int w = l - radius; w <= l + radius; w++) {
        window.add(layers.get(w).name());
      }
      NeuronGraph sub = graph.restrictTo(window);
      if (k < 2 || sub.nodeCount() <= k) {
        for (Neuron u : units) {
          neurons.add(u);
          labels.add(offset);
        }
        offset += 1;
        continue;
      }
      Partition p = SpectralClustering.fit(sub, options.withK(k));
      // local labels of this layer, renumbered 0.. in order of first appearance
      int[] map = new int[k];
      java.util.Arrays.fill(map, -1);
      int next = 0;
      for (Neuron u : units) {
        int lab = p.label(u);
        if (lab < 0) {
          continue; // isolated inside the window (only possible for radius 0)
        }
        if (map[lab] < 0) {
          map[lab] = next++;
        }
        neurons.add(u);
        labels.add(offset + map[lab]);
      }
      offset += next;
    }
    if (neurons.isEmpty()) {
      throw new IllegalArgumentException(
          "no layer has "
              + radius
              + " neighbouring layer(s) on each side in "
              + graph
              + "; use radius 0");
    }
    int k = Math.max(1, offset);
    return Partition.of(
        neurons,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        k,
        used,
        PartitionProvenance.local(graph, radius, k, options));
  }
}
