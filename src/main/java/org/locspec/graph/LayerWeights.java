package org.locspec.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The input of a weight graph: an ordered list of layers and the weight matrices whose entries are
 * the edges between their units.
 *
 * <p>In a layered network ({@link #of(List, List)}) matrix {@code i} connects layer {@code i} to
 * layer {@code i + 1} and has shape {@code [units of layer i+1] x [units of layer i]}: for an MLP
 * the layers are the input pixels, the hidden layers and the output units; for a sequential CNN the
 * conv layers' channels, each matrix a channel adjacency. In a network with residual additions or
 * concatenations ({@link #ofConnections}) a matrix is a {@link Connection}: one layer's weights
 * placed between the layers it joins, possibly several times (a convolution whose output reaches
 * several residual sums). Immutable.
 */
public final class LayerWeights {
  private final String name;
  private final List<LayerUnits> layers;
  private final List<Connection> connections;
  private final boolean chain;

  /**
   * Where one matrix's entries are edges: its rows are units {@code [rowOffset, rowOffset + rows)}
   * of layer {@code to}, its columns all units of layer {@code from}.
   *
   * @param from the layer of the columns
   * @param to the layer of the rows
   * @param rowOffset the first unit of {@code to} the rows map to (a concatenation's channel
   *     offset; 0 otherwise)
   */
  public record Placement(String from, String to, int rowOffset) {
    /** Validates the placement. */
    public Placement {
      Objects.requireNonNull(from, "from must not be null");
      Objects.requireNonNull(to, "to must not be null");
      if (rowOffset < 0) {
        throw new IllegalArgumentException("rowOffset must be >= 0, got " + rowOffset);
      }
    }
  }

  /**
   * One weight matrix of a network and its placements. The shuffled baseline permutes the matrix
   * once, for all its placements.
   *
   * @param source what the matrix comes from, e.g. the convolution "conv7"
   * @param matrix the weights, {@code [rows] x [columns]}
   * @param placements one or more places of the matrix in the graph
   */
  public record Connection(String source, WeightMatrix matrix, List<Placement> placements) {
    /** Validates and copies the placements. */
    public Connection {
      Objects.requireNonNull(source, "source must not be null");
      Objects.requireNonNull(matrix, "matrix must not be null");
      placements = List.copyOf(placements);
      if (placements.isEmpty()) {
        throw new IllegalArgumentException(
            "connection " + source + " needs at least one placement");
      }
    }
  }

  private LayerWeights(
      String name, List<LayerUnits> layers, List<Connection> connections, boolean chain) {
    this.name = name;
    this.layers = layers;
    this.connections = connections;
    this.chain = chain;
  }

  /**
   * Checks and combines layers and matrices.
   *
   * @param layers at least two layers with distinct names
   * @param matrices {@code layers.size() - 1} matrices; matrix {@code i} is {@code [units(i+1)] x
   *     [units(i)]}
   * @return the weights
   * @throws IllegalArgumentException naming the layer whose shape does not fit
   */
  public static LayerWeights of(List<LayerUnits> layers, List<WeightMatrix> matrices) {
    List<LayerUnits> ls = List.copyOf(layers);
    List<WeightMatrix> ms = List.copyOf(matrices);
    if (ls.size() < 2) {
      throw new IllegalArgumentException(
          "layers must have at least 2 entries (a graph needs edges), got " + ls.size());
    }
    if (ms.size() != ls.size() - 1) {
      throw new IllegalArgumentException(
          "matrices must have layers.size() - 1 = "
              + (ls.size() - 1)
              + " entries (one per consecutive pair), got "
              + ms.size());
    }
    var names = new HashSet<String>();
    for (LayerUnits l : ls) {
      if (!names.add(l.name())) {
        throw new IllegalArgumentException(
            "layer names must be distinct, \"" + l.name() + "\" occurs twice");
      }
    }
    for (int i = 0; i < ms.size(); i++) {
      WeightMatrix m = ms.get(i);
      LayerUnits in = ls.get(i);
      LayerUnits out = ls.get(i + 1);
      if (m.rows() != out.units() || m.cols() != in.units()) {
        throw new IllegalArgumentException(
            "matrix "
                + i
                + " ("
                + in.name()
                + " -> "
                + out.name()
                + ") must be "
                + out.units()
                + " x "
                + in.units()
                + " (out x in), got "
                + m.rows()
                + " x "
                + m.cols()
                + "; transpose it if it is stored in x out");
      }
    }
    List<Connection> cs = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      String from = ls.get(i).name();
      String to = ls.get(i + 1).name();
      cs.add(new Connection(to, ms.get(i), List.of(new Placement(from, to, 0))));
    }
    return new LayerWeights("weights", ls, List.copyOf(cs), true);
  }

  /**
   * Checks and combines layers and placed matrices: the weights of a network whose layers need not
   * be a chain (residual additions, concatenations). Entries that two placements put on the same
   * pair of units add up in the graph.
   *
   * @param layers the layers with distinct names, in network order (local clustering takes windows
   *     of consecutive layers)
   * @param connections the matrices and their placements
   * @return the weights
   * @throws IllegalArgumentException naming the placement that does not fit its layers
   */
  public static LayerWeights ofConnections(List<LayerUnits> layers, List<Connection> connections) {
    List<LayerUnits> ls = List.copyOf(layers);
    Map<String, LayerUnits> byName = new HashMap<>();
    for (LayerUnits l : ls) {
      if (byName.put(l.name(), l) != null) {
        throw new IllegalArgumentException(
            "layer names must be distinct, \"" + l.name() + "\" occurs twice");
      }
    }
    for (Connection c : connections) {
      for (Placement p : c.placements()) {
        LayerUnits from = byName.get(p.from());
        LayerUnits to = byName.get(p.to());
        if (from == null || to == null) {
          throw new IllegalArgumentException(
              "connection "
                  + c.source()
                  + " is placed between "
                  + p.from()
                  + " and "
                  + p.to()
                  + ", but the layers are "
                  + ls.stream().map(LayerUnits::name).toList());
        }
        if (c.matrix().cols() != from.units() || p.rowOffset() + c.matrix().rows() > to.units()) {
          throw new IllegalArgumentException(
              "connection "
                  + c.source()
                  + " ("
                  + c.matrix().rows()
                  + " x "
                  + c.matrix().cols()
                  + ") does not fit between "
                  + from
                  + " (columns) and rows "
                  + p.rowOffset()
                  + ".. of "
                  + to);
        }
      }
    }
    return new LayerWeights("weights", ls, List.copyOf(connections), isChain(ls, connections));
  }

  /** Whether connection {@code i} is placed once, from layer {@code i} onto layer {@code i + 1}. */
  private static boolean isChain(List<LayerUnits> ls, List<Connection> connections) {
    if (connections.size() != ls.size() - 1) {
      return false;
    }
    for (int i = 0; i < connections.size(); i++) {
      List<Placement> ps = connections.get(i).placements();
      if (ps.size() != 1
          || !ps.get(0).equals(new Placement(ls.get(i).name(), ls.get(i + 1).name(), 0))
          || connections.get(i).matrix().rows() != ls.get(i + 1).units()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Convenience for MLPs: layer names and dense {@code float[out][in]} matrices.
   *
   * @param names the layer names, input first
   * @param weights {@code names.size() - 1} matrices, each {@code float[out][in]}
   * @return the weights
   */
  public static LayerWeights ofDense(List<String> names, List<float[][]> weights) {
    if (names.size() != weights.size() + 1) {
      throw new IllegalArgumentException(
          "names must have weights.size() + 1 = "
              + (weights.size() + 1)
              + " entries, got "
              + names.size());
    }
    List<LayerUnits> layers = new ArrayList<>();
    List<WeightMatrix> ms = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      WeightMatrix m = WeightMatrix.of(weights.get(i));
      ms.add(m);
      if (i == 0) {
        layers.add(new LayerUnits(names.get(0), m.cols()));
      }
      layers.add(new LayerUnits(names.get(i + 1), m.rows()));
    }
    return of(layers, ms);
  }

  /** The name of the network these weights come from (provenance), "weights" if not set. */
  public String name() {
    return name;
  }

  /**
   * The same weights under another name, for provenance in results.
   *
   * @param newName e.g. the network's name
   * @return a copy with that name
   */
  public LayerWeights named(String newName) {
    return new LayerWeights(
        Objects.requireNonNull(newName, "name must not be null"), layers, connections, chain);
  }

  /** The layers, input first. */
  public List<LayerUnits> layers() {
    return layers;
  }

  /**
   * The matrices, one per connection; in a layered network matrix {@code i} connects layer {@code
   * i} to layer {@code i+1}.
   */
  public List<WeightMatrix> matrices() {
    return connections.stream().map(Connection::matrix).toList();
  }

  /** The matrices with their placements. */
  public List<Connection> connections() {
    return connections;
  }

  /** Whether matrix {@code i} connects layer {@code i} to layer {@code i + 1}, once each. */
  public boolean isChain() {
    return chain;
  }

  /** The total number of units over all layers. */
  public int unitCount() {
    int n = 0;
    for (LayerUnits l : layers) {
      n += l.units();
    }
    return n;
  }

  /**
   * A copy with each matrix permuted independently: the shuffled-network baseline. Each matrix's
   * multiset of entries is kept, and a matrix placed several times stays one matrix. Matrix {@code
   * i} is shuffled with a generator seeded from {@code seed} and {@code i}, so the result depends
   * only on the arguments.
   *
   * @param mode which entries are permuted
   * @param seed the random seed
   * @return the shuffled weights
   */
  public LayerWeights shuffled(ShuffleMode mode, long seed) {
    Objects.requireNonNull(mode, "mode must not be null");
    List<Connection> out = new ArrayList<>(connections.size());
    SplittableRandom root = new SplittableRandom(seed);
    for (Connection c : connections) {
      WeightMatrix m = c.matrix();
      SplittableRandom rng = root.split();
      float[] v = m.values();
      if (mode == ShuffleMode.ALL) {
        shuffle(v, rng);
      } else {
        int nz = 0;
        int[] pos = new int[v.length];
        for (int j = 0; j < v.length; j++) {
          if (v[j] != 0f) {
            pos[nz++] = j;
          }
        }
        float[] vals = new float[nz];
        for (int j = 0; j < nz; j++) {
          vals[j] = v[pos[j]];
        }
        shuffle(vals, rng);
        for (int j = 0; j < nz; j++) {
          v[pos[j]] = vals[j];
        }
      }
      out.add(new Connection(c.source(), WeightMatrix.wrap(m.rows(), m.cols(), v), c.placements()));
    }
    return new LayerWeights(name, layers, List.copyOf(out), chain);
  }

  private static void shuffle(float[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * Name, layer names and sizes, e.g. {@code "LayerWeights[mlp: input 784 -> dense1 256 -> ...]"}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LayerWeights[").append(name).append(": ");
    for (int i = 0; i < layers.size(); i++) {
      if (i > 0) {
        sb.append(" -> ");
      }
      sb.append(layers.get(i).name()).append(' ').append(layers.get(i).units());
    }
    return sb.append(']').toString();
  }
}
