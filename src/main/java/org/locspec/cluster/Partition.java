package org.locspec.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.Neuron;
import org.locspec.graph.NeuronGraph;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An immutable partition of neurons into clusters: one label in {@code [0, k)} per neuron, with the
 * layers it spans and its provenance value ({@link PartitionProvenance}: how it was made, from
 * which graph, with which options and seed). A value: equal neurons, labels, k, layers and
 * provenance make equal partitions.
 *
 * <p>Labels are canonical: clusters are numbered in order of their first neuron, so equal
 * partitions have equal labels.
 */
public final class Partition implements Tabular {
  private final List<Neuron> neurons;
  private final int[] labels;
  private final int k;
  private final List<LayerUnits> layers;
  private final PartitionProvenance provenance;
  private final Map<Neuron, Integer> index;

  private Partition(
      List<Neuron> neurons,
      int[] labels,
      int k,
      List<LayerUnits> layers,
      PartitionProvenance provenance) {
    this.neurons = neurons;
    this.labels = labels;
    this.k = k;
    this.layers = layers;
    this.provenance = provenance;
    this.index = new HashMap<>(neurons.size() * 2);
    for (int i = 0; i < neurons.size(); i++) {
      index.put(neurons.get(i), i);
    }
  }

  /**
   * Creates a partition, renumbering the clusters in order of first appearance.
   *
   * @param neurons the partitioned neurons, distinct
   * @param labels one label per neuron, in {@code [0, k)}
   * @param k the number of clusters asked for (some may be empty)
   * @param layers the layers the neurons belong to, with their full sizes
   * @param provenance how it was made ({@link PartitionProvenance#given()} for labels given by
   *     hand)
   * @return the partition
   */
  public static Partition of(
      List<Neuron> neurons,
      int[] labels,
      int k,
      List<LayerUnits> layers,
      PartitionProvenance provenance) {
    List<Neuron> ns = List.copyOf(neurons);
    Objects.requireNonNull(
        provenance, "provenance must not be null (use PartitionProvenance.given())");
    if (labels.length != ns.size()) {
      throw new IllegalArgumentException(
          "labels must have one entry per neuron (" + ns.size() + "), got " + labels.length);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int[] map = new int[k];
    Arrays.fill(map, -1);
    int next = 0;
    int[] canon = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l < 0 || l >= k) {
        throw new IllegalArgumentException(
            "labels must be in [0, " + k + "), label of " + ns.get(i) + " is " + l);
      }
      if (map[l] < 0) {
        map[l] = next++;
      }
      canon[i] = map[l];
    }
    return new Partition(ns, canon, k, List.copyOf(layers), provenance);
  }

  /** The partitioned neurons, in the order of {@link #labels()}. */
  public List<Neuron> neurons() {
    return neurons;
  }

  /** A copy of the labels, one per neuron. */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The cluster of a neuron.
   *
   * @param neuron an address
   * @return its label, or -1 if the neuron is not in the partition (e.g. removed as isolated)
   */
  public int label(Neuron neuron) {
    Integer i = index.get(neuron);
    return i == null ? -1 : labels[i];
  }

  /** The number of clusters asked for. */
  public int k() {
    return k;
  }

  /** The number of non-empty clusters. */
  public int clusterCount() {
    int m = 0;
    for (int l : labels) {
      m = Math.max(m, l + 1);
    }
    return m;
  }

  /** The number of partitioned neurons. */
  public int size() {
    return labels.length;
  }

  /** The layers spanned, with their full unit counts. */
  public List<LayerUnits> layers() {
    return layers;
  }

  /** How this partition was made: method, graph, k, seed and options. */
  public PartitionProvenance provenance() {
    return provenance;
  }

  /** The number of neurons in each cluster, indexed by label. */
  public int[] clusterSizes() {
    int[] s = new int[k];
    for (int l : labels) {
      s[l]++;
    }
    return s;
  }

  /**
   * The number of neurons of each layer in each cluster.
   *
   * @return {@code [layer position][label]} counts
   */
  public int[][] sizesByLayer() {
    Map<String, Integer> pos = new HashMap<>();
    for (int l = 0; l < layers.size(); l++) {
      pos.put(layers.get(l).name(), l);
    }
    int[][] s = new int[layers.size()][k];
    for (int i = 0; i < labels.length; i++) {
      Integer l = pos.get(neurons.get(i).layer());
      if (l != null) {
        s[l][labels[i]]++;
      }
    }
    return s;
  }

  /**
   * The clusters of one layer: label to the unit indices of that layer in the cluster, in label
   * order; clusters without units in the layer are absent.
   *
   * @param layer a layer name
   * @return an insertion-ordered map
   */
  public Map<Integer, int[]> clustersIn(String layer) {
    Map<Integer, List<Integer>> m = new java.util.TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      if (neurons.get(i).layer().equals(layer)) {
        m.computeIfAbsent(labels[i], x -> new ArrayList<>()).add(neurons.get(i).index());
      }
    }
    Map<Integer, int[]> out = new LinkedHashMap<>();
    m.forEach((l, us) -> out.put(l, us.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  /**
   * The n-cut of this partition on a graph with the same nodes.
   *
   * @param graph the graph the partition was made from
   * @return the n-cut
   */
  public double ncut(NeuronGraph graph) {
    return NCut.of(graph, labelsFor(graph));
  }

  /**
   * This partition's labels in the node order of a graph over the same neurons.
   *
   * @param graph a graph whose nodes are all in this partition
   * @return one label per node of the graph
   */
  public int[] labelsFor(NeuronGraph graph) {
    int[] out = new int[graph.nodeCount()];
    for (int i = 0; i < out.length; i++) {
      int l = label(graph.neuron(i));
      if (l < 0) {
        throw new IllegalArgumentException(
            "node "
                + graph.neuron(i)
                + " of the graph is not in this partition; use the graph it was made from");
      }
      out[i] = l;
    }
    return out;
  }

  /** One row per neuron: layer, unit, cluster. */
  @Override
  public Table toTable() {
    String[] layer = new String[labels.length];
    int[] unit = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      layer[i] = neurons.get(i).layer();
      unit[i] = neurons.get(i).index();
    }
    return Table.create(
        "partition",
        StringColumn.create("layer", layer),
        IntColumn.create("unit", unit),
        IntColumn.create("cluster", labels.clone()));
  }

  /** One row per layer and cluster with at least one unit: layer, cluster, size. */
  public Table sizesTable() {
    int[][] s = sizesByLayer();
    List<String> ls = new ArrayList<>();
    List<Integer> cs = new ArrayList<>();
    List<Integer> ss = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      for (int c = 0; c < k; c++) {
        if (s[l][c] > 0) {
          ls.add(layers.get(l).name());
          cs.add(c);
          ss.add(s[l][c]);
        }
      }
    }
    return Table.create(
        "cluster sizes",
        StringColumn.create("layer", ls),
        IntColumn.create("cluster", cs.stream().mapToInt(Integer::intValue).toArray()),
        IntColumn.create("size", ss.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** A stacked bar chart: one bar per cluster, one colour per layer, height = units. */
  public CategoryChart clusterSizesChart() {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(720)
            .height(420)
            .title("Cluster sizes per layer")
            .xAxisTitle("cluster")
            .yAxisTitle("units")
            .build();
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendVisible(true);
    int[][] s = sizesByLayer();
    List<Integer> xs = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      xs.add(c);
    }
    for (int l = 0; l < layers.size(); l++) {
      List<Integer> ys = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        ys.add(s[l][c]);
      }
      chart.addSeries(layers.get(l).name(), xs, ys);
    }
    return chart;
  }

  /** What a row of {@link #toTable()} is, and the partition's provenance. */
  @Override
  public String caption() {
    return "One row per partitioned neuron: its layer, unit index and cluster label in [0, "
        + k
        + "); neurons without edges were removed from the graph and are not listed. Partition: "
        + provenance
        + ".";
  }

  /** Equal neurons, labels, k, layers and provenance. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Partition p
        && p.k == k
        && Arrays.equals(p.labels, labels)
        && p.neurons.equals(neurons)
        && p.layers.equals(layers)
        && p.provenance.equals(provenance);
  }

  @Override
  public int hashCode() {
    return Objects.hash(k, Arrays.hashCode(labels), neurons, provenance);
  }

  /** One line: clusters, neurons, layers, sizes and provenance. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Partition[k=%d, %d neurons in %d layers, sizes %s; %s]",
        k,
        labels.length,
        layers.size(),
        Arrays.toString(clusterSizes()),
        provenance);
  }
}
