package org.locspec.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A weighted undirected graph whose nodes are neurons: the object that spectral clustering
 * partitions. Immutable.
 *
 * <p>Built from weights ({@link #fromWeights}: the block adjacency of {@code |W|} between
 * consecutive layers) or from activations ({@link #fromActivations}: squared Spearman rank
 * correlations). Nodes with zero degree are removed and remembered ({@link #removed()}); the
 * remaining nodes are numbered {@code 0 .. nodeCount() - 1} in layer order, and {@link
 * #neuron(int)} maps a node back to its {@link Neuron}.
 *
 * <p>The adjacency is stored symmetric in compressed sparse rows (CSR) with double weights; the
 * diagonal is always zero.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058).
 */
public final class NeuronGraph {
  private final String source;
  private final List<LayerUnits> layers;
  private final Neuron[] neurons;
  private final int[] layerOf;
  private final List<Neuron> removed;
  private final int[] rowPtr;
  private final int[] colIdx;
  private final double[] vals;
  private final double[] degree;
  private Map<Neuron, Integer> index;

  /** For weight graphs of placed matrices: their product from the matrices (see multiply). */
  private PlacedProduct product;

  private NeuronGraph(
      String source,
      List<LayerUnits> layers,
      Neuron[] neurons,
      int[] layerOf,
      List<Neuron> removed,
      int[] rowPtr,
      int[] colIdx,
      double[] vals) {
    this.source = source;
    this.layers = layers;
    this.neurons = neurons;
    this.layerOf = layerOf;
    this.removed = removed;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.vals = vals;
    this.degree = new double[neurons.length];
    for (int i = 0; i < neurons.length; i++) {
      double s = 0;
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        s += vals[p];
      }
      degree[i] = s;
    }
  }

  // ---------------------------------------------------------------- factories

  /**
   * The weight graph of a network: one node per unit of every layer; each non-zero entry {@code
   * W[o][i]} of a matrix placed between layers {@code from} and {@code to} is an edge of weight
   * {@code |W[o][i]|} between unit {@code i} of {@code from} and unit {@code rowOffset + o} of
   * {@code to} (in a layered network: between consecutive layers). Entries that fall on the same
   * pair of units add up. Units without any non-zero weight are removed.
   *
   * @param weights the layers and matrices
   * @return the graph
   */
  public static NeuronGraph fromWeights(LayerWeights weights) {
    Objects.requireNonNull(weights, "weights must not be null");
    List<LayerUnits> layers = weights.layers();
    int n = weights.unitCount();
    int[] offset = offsets(layers);
    Map<String, Integer> position = new HashMap<>();
    for (int l = 0; l < layers.size(); l++) {
      position.put(layers.get(l).name(), l);
    }
    List<PlacedMatrix> placed = placed(weights, position, offset);
    int[] count = nonZeroCounts(placed, n);
    int[] newId = new int[n];
    List<Neuron> kept = new ArrayList<>();
    List<Integer> keptLayer = new ArrayList<>();
    List<Neuron> removed = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      LayerUnits layer = layers.get(l);
      for (int u = 0; u < layer.units(); u++) {
        int g = offset[l] + u;
        Neuron nr = new Neuron(layer.name(), u);
        if (count[g] > 0) {
          newId[g] = kept.size();
          kept.add(nr);
          keptLayer.add(l);
        } else {
          newId[g] = -1;
          removed.add(nr);
        }
      }
    }
    int m = kept.size();
    int[] rowPtr = new int[m + 1];
    for (int g = 0; g < n; g++) {
      if (newId[g] >= 0) {
        rowPtr[newId[g] + 1] = count[g];
      }
    }
    for (int i = 0; i < m; i++) {
      rowPtr[i + 1] += rowPtr[i];
    }
    Neuron[] nodes = kept.toArray(new Neuron[0]);
    int[] layerOf = keptLayer.stream().mapToInt(Integer::intValue).toArray();
    int[] col = new int[rowPtr[m]];
    double[] val = new double[rowPtr[m]];
    if (!weights.isChain()) {
      NeuronGraph g =
          Segments.fill(layers.size(), offset, placed, newId, rowPtr, col, val)
              // every row was filled in increasing column order, without repeated pairs
              ? new NeuronGraph(
                  "weights", layers, nodes, layerOf, List.copyOf(removed), rowPtr, col, val)
              : sortedRows(
                  "weights",
                  layers,
                  nodes,
                  layerOf,
                  List.copyOf(removed),
                  rowPtr,
                  col,
                  val,
                  placed,
                  newId);
      g.product = PlacedProduct.of(placed, n, newId, m);
      return g;
    }
    fillInPlacementOrder(placed, newId, rowPtr, col, val);
    // Inputs of matrix l were appended while scanning rows o in order, so each row's columns are
    // sorted within a layer block; the two blocks (previous, next layer) are appended in matrix
    // order l-1 then l, hence sorted overall, and no pair of units occurs twice.
    return new NeuronGraph(
        "weights", layers, nodes, layerOf, List.copyOf(removed), rowPtr, col, val);
  }

  /** Fills rows placement by placement, row (output unit) by row: sorted only for chains. */
  private static void fillInPlacementOrder(
      List<PlacedMatrix> placed, int[] newId, int[] rowPtr, int[] col, double[] val) {
    int[] fill = Arrays.copyOf(rowPtr, rowPtr.length - 1);
    forEachNonZero(
        placed,
        (out, in, x) -> {
          int r = newId[out];
          int c = newId[in];
          col[fill[r]] = c;
          val[fill[r]++] = Math.abs(x);
          col[fill[c]] = r;
          val[fill[c]++] = Math.abs(x);
        });
  }

  private static List<PlacedMatrix> placed(
      LayerWeights weights, Map<String, Integer> position, int[] offset) {
    List<PlacedMatrix> out = new ArrayList<>();
    for (LayerWeights.Connection c : weights.connections()) {
      for (LayerWeights.Placement p : c.placements()) {
        int to = position.get(p.to());
        int from = position.get(p.from());
        out.add(new PlacedMatrix(c.matrix(), offset[to] + p.rowOffset(), offset[from], to, from));
      }
    }
    return out;
  }

  /**
   * A graph from placed matrices whose placements put entries on the same pairs of units: rows are
   * filled in placement order, then each is sorted and its entries on the same pair added up.
   */
  private static NeuronGraph sortedRows(
      String source,
      List<LayerUnits> layers,
      Neuron[] nodes,
      int[] layerOf,
      List<Neuron> removed,
      int[] rowPtr,
      int[] col,
      double[] val,
      List<PlacedMatrix> placed,
      int[] newId) {
    fillInPlacementOrder(placed, newId, rowPtr, col, val);
    int n = nodes.length;
    int[] newPtr = new int[n + 1];
    int q = 0;
    for (int i = 0; i < n; i++) {
      int from = rowPtr[i];
      int len = rowPtr[i + 1] - from;
      long[] keys = new long[len];
      for (int p = 0; p < len; p++) {
        keys[p] = ((long) col[from + p] << 32) | p;
      }
      Arrays.sort(keys);
      double[] v = Arrays.copyOfRange(val, from, from + len);
      int last = -1;
      for (long k : keys) {
        int c = (int) (k >>> 32);
        double w = v[(int) k];
        if (c == last) {
          val[q - 1] += w;
        } else {
          col[q] = c;
          val[q++] = w;
          last = c;
        }
      }
      newPtr[i + 1] = q;
    }
    return new NeuronGraph(
        source,
        layers,
        nodes,
        layerOf,
        removed,
        newPtr,
        Arrays.copyOf(col, q),
        Arrays.copyOf(val, q));
  }

  /** Per unit (numbered by layer offsets), its count of non-zero incoming and outgoing weights. */
  private static int[] nonZeroCounts(List<PlacedMatrix> placed, int n) {
    int[] count = new int[n];
    forEachNonZero(
        placed,
        (out, in, x) -> {
          count[out]++;
          count[in]++;
        });
    return count;
  }

  /** Receives one non-zero weight between two units numbered by their layer offsets. */
  private interface NonZeroWeight {
    void accept(int out, int in, float weight);
  }

  /**
   * Visits the non-zero weights of every placed matrix, placement by placement, row (output unit)
   * by row, and within a row by input unit.
   */
  private static void forEachNonZero(List<PlacedMatrix> placed, NonZeroWeight visit) {
    for (PlacedMatrix p : placed) {
      float[] w = p.matrix().raw();
      int cols = p.matrix().cols();
      int rows = p.matrix().rows();
      for (int o = 0; o < rows; o++) {
        int base = o * cols;
        for (int i = 0; i < cols; i++) {
          float x = w[base + i];
          if (x != 0f) {
            visit.accept(p.outOff() + o, p.inOff() + i, x);
          }
        }
      }
    }
  }

  /**
   * The activation graph: one node per unit of the given layers, edge weight the squared Spearman
   * rank correlation of the two units' values over the samples (ties get average ranks), diagonal
   * zero. Units whose values do not vary are removed. The caller chooses the layers: the papers use
   * pre-activations of the hidden layers only (an MLP's input and output units are left out; a conv
   * channel's value is the L1 norm of its feature map) over at most 5000 training inputs.
   *
   * @param layerNames the layers' names, in network order
   * @param values for each layer, {@code float[samples][units]}; the same samples for every layer
   * @return the graph
   */
  public static NeuronGraph fromActivations(List<String> layerNames, List<float[][]> values) {
    int samples = checkActivations(layerNames, values);
    List<LayerUnits> layers = new ArrayList<>();
    List<Neuron> kept = new ArrayList<>();
    List<Integer> keptLayer = new ArrayList<>();
    List<Neuron> removed = new ArrayList<>();
    List<double[]> ranks = new ArrayList<>();
    for (int l = 0; l < values.size(); l++) {
      float[][] v = values.get(l);
      String name = layerNames.get(l);
      int units = v[0].length;
      layers.add(new LayerUnits(name, units));
      for (int u = 0; u < units; u++) {
        double[] x = new double[samples];
        for (int s = 0; s < samples; s++) {
          x[s] = v[s][u];
        }
        double[] z = standardizedRanks(x);
        if (z == null) {
          removed.add(new Neuron(name, u));
        } else {
          kept.add(new Neuron(name, u));
          keptLayer.add(l);
          ranks.add(z);
        }
      }
    }
    double[][] w = squaredCorrelations(ranks.toArray(new double[0][]), samples);
    return fromDenseInternal(
        "activations",
        layers,
        kept.toArray(new Neuron[0]),
        keptLayer.stream().mapToInt(Integer::intValue).toArray(),
        removed,
        w);
  }

  /**
   * Checks the activations' shapes.
   *
   * @return the number of samples
   */
  private static int checkActivations(List<String> layerNames, List<float[][]> values) {
    Objects.requireNonNull(layerNames, "layerNames must not be null");
    Objects.requireNonNull(values, "values must not be null");
    if (layerNames.size() != values.size() || layerNames.isEmpty()) {
      throw new IllegalArgumentException(
          "layerNames and values must be non-empty and of equal length, got "
              + layerNames.size()
              + " and "
              + values.size());
    }
    int samples = values.get(0).length;
    if (samples < 3) {
      throw new IllegalArgumentException(
          "activations need at least 3 samples for a rank correlation, got " + samples);
    }
    for (int l = 0; l < values.size(); l++) {
      float[][] v = values.get(l);
      String name = layerNames.get(l);
      if (v.length != samples) {
        throw new IllegalArgumentException(
            "every layer needs the same samples: layer "
                + name
                + " has "
                + v.length
                + ", layer "
                + layerNames.get(0)
                + " has "
                + samples);
      }
      int units = v[0].length;
      for (float[] row : v) {
        if (row.length != units) {
          throw new IllegalArgumentException(
              "layer " + name + " has rows of " + units + " and " + row.length + " units");
        }
      }
    }
    return samples;
  }

  /** The symmetric matrix of squared inner products of standardized rank vectors, diagonal 0. */
  private static double[][] squaredCorrelations(double[][] z, int samples) {
    int m = z.length;
    double[][] w = new double[m][m];
    IntStream.range(0, m)
        .parallel()
        .forEach(
            i -> {
              double[] zi = z[i];
              for (int j = 0; j < i; j++) {
                double[] zj = z[j];
                double s = 0;
                for (int t = 0; t < samples; t++) {
                  s += zi[t] * zj[t];
                }
                w[i][j] = s * s;
              }
            });
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < i; j++) {
        w[j][i] = w[i][j];
      }
    }
    return w;
  }

  /**
   * A graph from an explicit symmetric adjacency over all units of the given layers, numbered in
   * layer order (layer 0's units first). Zero-degree nodes are removed.
   *
   * @param layers the layers whose units are the nodes
   * @param adjacency an {@code n x n} symmetric non-negative matrix, {@code n} = total units
   * @return the graph
   */
  public static NeuronGraph fromAdjacency(List<LayerUnits> layers, double[][] adjacency) {
    List<LayerUnits> ls = List.copyOf(layers);
    int n = offsets(ls)[ls.size()];
    if (adjacency.length != n) {
      throw new IllegalArgumentException(
          "adjacency must be "
              + n
              + " x "
              + n
              + " (total units), got "
              + adjacency.length
              + " rows");
    }
    Neuron[] all = new Neuron[n];
    int[] layerOf = new int[n];
    int g = 0;
    for (int l = 0; l < ls.size(); l++) {
      for (int u = 0; u < ls.get(l).units(); u++) {
        all[g] = new Neuron(ls.get(l).name(), u);
        layerOf[g++] = l;
      }
    }
    for (int i = 0; i < n; i++) {
      if (adjacency[i].length != n) {
        throw new IllegalArgumentException(
            "adjacency row " + i + " must have " + n + " entries, got " + adjacency[i].length);
      }
      for (int j = 0; j < n; j++) {
        double a = adjacency[i][j];
        if (!(a >= 0) || a != adjacency[j][i] || Double.isInfinite(a)) {
          throw new IllegalArgumentException(
              "adjacency must be symmetric, finite and non-negative; entry ("
                  + i
                  + ", "
                  + j
                  + ") is "
                  + a
                  + " and ("
                  + j
                  + ", "
                  + i
                  + ") is "
                  + adjacency[j][i]);
        }
      }
    }
    return fromDenseInternal("adjacency", ls, all, layerOf, List.of(), adjacency);
  }

  private static NeuronGraph fromDenseInternal(
      String source,
      List<LayerUnits> layers,
      Neuron[] nodes,
      int[] layerOf,
      List<Neuron> removedBefore,
      double[][] w) {
    int n = nodes.length;
    int[] rowPtr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int j = 0; j < n; j++) {
        if (i != j && w[i][j] != 0) {
          c++;
        }
      }
      rowPtr[i + 1] = rowPtr[i] + c;
    }
    int[] col = new int[rowPtr[n]];
    double[] val = new double[rowPtr[n]];
    for (int i = 0, p = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && w[i][j] != 0) {
          col[p] = j;
          val[p++] = w[i][j];
        }
      }
    }
    NeuronGraph g =
        new NeuronGraph(
            source, layers, nodes, layerOf, List.copyOf(removedBefore), rowPtr, col, val);
    return g.withoutIsolated(removedBefore);
  }

  private static int[] offsets(List<LayerUnits> layers) {
    int[] off = new int[layers.size() + 1];
    for (int l = 0; l < layers.size(); l++) {
      off[l + 1] = off[l] + layers.get(l).units();
    }
    return off;
  }

  /** Ranks (average for ties), centred and scaled to unit norm; null if constant. */
  private static double[] standardizedRanks(double[] x) {
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        r[order[t]] = avg;
      }
      i = j + 1;
    }
    double mean = (n + 1) / 2.0;
    double ss = 0;
    for (int t = 0; t < n; t++) {
      r[t] -= mean;
      ss += r[t] * r[t];
    }
    if (ss <= 1e-12) {
      return null;
    }
    double s = 1 / Math.sqrt(ss);
    for (int t = 0; t < n; t++) {
      r[t] *= s;
    }
    return r;
  }

  // ---------------------------------------------------------------- derived graphs

  /**
   * The subgraph induced by the units of the named layers; nodes left without edges are removed
   * (and added to {@link #removed()} of the result).
   *
   * @param layerNames names of layers of this graph
   * @return the subgraph
   */
  public NeuronGraph restrictTo(Collection<String> layerNames) {
    Set<String> want = new HashSet<>(layerNames);
    Set<String> known = new HashSet<>();
    for (LayerUnits l : layers) {
      known.add(l.name());
    }
    for (String s : want) {
      if (!known.contains(s)) {
        throw new IllegalArgumentException(
            "layer \"" + s + "\" is not in this graph; its layers are " + layerNamesList());
      }
    }
    List<LayerUnits> subLayers = new ArrayList<>();
    int[] layerMap = new int[layers.size()];
    for (int l = 0; l < layers.size(); l++) {
      layerMap[l] = -1;
      if (want.contains(layers.get(l).name())) {
        layerMap[l] = subLayers.size();
        subLayers.add(layers.get(l));
      }
    }
    int[] newId = new int[neurons.length];
    int m = 0;
    for (int i = 0; i < neurons.length; i++) {
      newId[i] = layerMap[layerOf[i]] >= 0 ? m++ : -1;
    }
    Neuron[] nodes = new Neuron[m];
    int[] lo = new int[m];
    int[] rowPtr = new int[m + 1];
    for (int i = 0; i < neurons.length; i++) {
      if (newId[i] >= 0) {
        nodes[newId[i]] = neurons[i];
        lo[newId[i]] = layerMap[layerOf[i]];
        int c = 0;
        for (int p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) {
          if (newId[colIdx[p]] >= 0) {
            c++;
          }
        }
        rowPtr[newId[i] + 1] = c;
      }
    }
    for (int i = 0; i < m; i++) {
      rowPtr[i + 1] += rowPtr[i];
    }
    int[] col = new int[rowPtr[m]];
    double[] val = new double[rowPtr[m]];
    for (int i = 0; i < neurons.length; i++) {
      if (newId[i] >= 0) {
        int q = rowPtr[newId[i]];
        for (int p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) {
          if (newId[colIdx[p]] >= 0) {
            col[q] = newId[colIdx[p]];
            val[q++] = vals[p];
          }
        }
      }
    }
    List<Neuron> rem = new ArrayList<>();
    for (Neuron r : removed) {
      if (want.contains(r.layer())) {
        rem.add(r);
      }
    }
    NeuronGraph g =
        new NeuronGraph(
            source, List.copyOf(subLayers), nodes, lo, List.copyOf(rem), rowPtr, col, val);
    return g.withoutIsolated(rem);
  }

  private NeuronGraph withoutIsolated(List<Neuron> removedBefore) {
    int n = neurons.length;
    int[] newId = new int[n];
    int m = 0;
    List<Neuron> rem = new ArrayList<>(removedBefore);
    for (int i = 0; i < n; i++) {
      if (rowPtr[i + 1] > rowPtr[i]) {
        newId[i] = m++;
      } else {
        newId[i] = -1;
        rem.add(neurons[i]);
      }
    }
    if (m == n) {
      return this;
    }
    Neuron[] nodes = new Neuron[m];
    int[] lo = new int[m];
    int[] rp = new int[m + 1];
    for (int i = 0; i < n; i++) {
      if (newId[i] >= 0) {
        nodes[newId[i]] = neurons[i];
        lo[newId[i]] = layerOf[i];
        rp[newId[i] + 1] = rowPtr[i + 1] - rowPtr[i];
      }
    }
    for (int i = 0; i < m; i++) {
      rp[i + 1] += rp[i];
    }
    int[] col = new int[rp[m]];
    double[] val = new double[rp[m]];
    for (int i = 0; i < n; i++) {
      if (newId[i] >= 0) {
        int q = rp[newId[i]];
        for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
          col[q] = newId[colIdx[p]];
          val[q++] = vals[p];
        }
      }
    }
    rem.sort(null);
    return new NeuronGraph(source, layers, nodes, lo, List.copyOf(rem), rp, col, val);
  }

  // ---------------------------------------------------------------- accessors

  /** What the graph was built from: "weights", "activations" or "adjacency". */
  public String source() {
    return source;
  }

  /** The number of nodes (units with at least one edge). */
  public int nodeCount() {
    return neurons.length;
  }

  /** The number of undirected edges (non-zero weights above the diagonal). */
  public long edgeCount() {
    return colIdx.length / 2;
  }

  /** The nodes' neurons, in node order. */
  public List<Neuron> neurons() {
    return List.of(neurons);
  }

  /**
   * The neuron of a node.
   *
   * @param node in {@code [0, nodeCount())}
   * @return its address
   */
  public Neuron neuron(int node) {
    return neurons[node];
  }

  /**
   * The node of a neuron.
   *
   * @param neuron an address
   * @return its node number, or -1 if the neuron is not in the graph (removed or unknown)
   */
  public int indexOf(Neuron neuron) {
    Map<Neuron, Integer> m = index;
    if (m == null) {
      m = new HashMap<>(neurons.length * 2);
      for (int i = 0; i < neurons.length; i++) {
        m.put(neurons[i], i);
      }
      index = m;
    }
    return m.getOrDefault(neuron, -1);
  }

  /** All layers the graph was built over, in network order, with their full unit counts. */
  public List<LayerUnits> layers() {
    return layers;
  }

  /** The layers' names, in network order. */
  public List<String> layerNamesList() {
    return layers.stream().map(LayerUnits::name).toList();
  }

  /**
   * The position in {@link #layers()} of a node's layer.
   *
   * @param node a node
   * @return its layer's position
   */
  public int layerOf(int node) {
    return layerOf[node];
  }

  /** The units removed because they had no edges, sorted. */
  public List<Neuron> removed() {
    return removed;
  }

  /**
   * A node's degree: the sum of its edge weights.
   *
   * @param node a node
   * @return its degree, {@code > 0}
   */
  public double degree(int node) {
    return degree[node];
  }

  /** A copy of all degrees, in node order. */
  public double[] degrees() {
    return degree.clone();
  }

  /** The total volume: the sum of all degrees (twice the total edge weight). */
  public double volume() {
    double s = 0;
    for (double d : degree) {
      s += d;
    }
    return s;
  }

  /**
   * The weight of the edge between two nodes.
   *
   * @param a a node
   * @param b a node
   * @return the weight, 0 if there is no edge
   */
  public double weight(int a, int b) {
    int p = Arrays.binarySearch(colIdx, rowPtr[a], rowPtr[a + 1], b);
    return p >= 0 ? vals[p] : 0;
  }

  /**
   * A node's neighbours, in increasing order.
   *
   * @param node a node
   * @return a new array of node numbers
   */
  public int[] neighbors(int node) {
    return Arrays.copyOfRange(colIdx, rowPtr[node], rowPtr[node + 1]);
  }

  /**
   * The weights of a node's edges, aligned with {@link #neighbors(int)}.
   *
   * @param node a node
   * @return a new array of weights
   */
  public double[] edgeWeights(int node) {
    return Arrays.copyOfRange(vals, rowPtr[node], rowPtr[node + 1]);
  }

  /** Receives one directed half of an edge: from node, to node, weight. */
  @FunctionalInterface
  public interface EdgeConsumer {
    /**
     * Called once per stored entry.
     *
     * @param from a node
     * @param to a neighbour
     * @param weight the edge's weight
     */
    void accept(int from, int to, double weight);
  }

  /**
   * Visits every stored entry: each undirected edge twice, once from each end.
   *
   * @param consumer the visitor
   */
  public void forEachEntry(EdgeConsumer consumer) {
    for (int i = 0; i < neurons.length; i++) {
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        consumer.accept(i, colIdx[p], vals[p]);
      }
    }
  }

  /**
   * Computes {@code y = S x} where {@code S = diag(scale) A diag(scale)} (pass {@code scale = null}
   * for {@code y = A x}). Rows are processed in parallel when the graph is large; a weight graph of
   * matrices placed several times (a ResNet's) multiplies by the matrices themselves.
   *
   * @param scale per-node scale, or null
   * @param x the input, length {@code nodeCount()}
   * @param xOffset where x starts in its array
   * @param y the output, length {@code nodeCount()}
   * @param yOffset where y starts in its array
   */
  public void multiply(double[] scale, double[] x, int xOffset, double[] y, int yOffset) {
    if (product != null) {
      product.multiply(scale, x, xOffset, y, yOffset);
      return;
    }
    int n = neurons.length;
    if (colIdx.length > 400_000) {
      int chunks = 16;
      IntStream.range(0, chunks)
          .parallel()
          .forEach(
              c ->
                  multiplyRows(
                      scale, x, xOffset, y, yOffset, c * n / chunks, (c + 1) * n / chunks));
    } else {
      multiplyRows(scale, x, xOffset, y, yOffset, 0, n);
    }
  }

  private void multiplyRows(
      double[] scale, double[] x, int xo, double[] y, int yo, int from, int to) {
    for (int i = from; i < to; i++) {
      double s = 0;
      if (scale == null) {
        for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
          s += vals[p] * x[xo + colIdx[p]];
        }
        y[yo + i] = s;
      } else {
        for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
          int j = colIdx[p];
          s += vals[p] * scale[j] * x[xo + j];
        }
        y[yo + i] = scale[i] * s;
      }
    }
  }

  /** The adjacency as a dense matrix; for small graphs, tests and export. */
  public double[][] toDense() {
    int n = neurons.length;
    if ((long) n * n > 100_000_000L) {
      throw new IllegalStateException(
          "graph has " + n + " nodes; a dense copy would need " + (8L * n * n >> 20) + " MiB");
    }
    double[][] a = new double[n][n];
    forEachEntry((i, j, w) -> a[i][j] = w);
    return a;
  }

  /** Size and source, e.g. {@code "NeuronGraph[weights, 1562 nodes, 399872 edges, 0 removed]"}. */
  @Override
  public String toString() {
    return "NeuronGraph["
        + source
        + ", "
        + neurons.length
        + " nodes in "
        + layers.size()
        + " layers, "
        + edgeCount()
        + " edges, "
        + removed.size()
        + " removed]";
  }
}
