package org.locspec.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The input of a weight graph: an ordered list of layers and, for each consecutive pair, the weight
 * matrix between them, of shape {@code [units of layer i+1] x [units of layer i]}.
 *
 * <p>For an MLP the layers are the input pixels, the hidden layers and the output units; for a CNN
 * they are the conv layers' channels and each matrix is a channel adjacency. Immutable.
 */
public final class LayerWeights {
  private final String name;
  private final List<LayerUnits> layers;
  private final List<WeightMatrix> matrices;

  private LayerWeights(String name, List<LayerUnits> layers, List<WeightMatrix> matrices) {
    this.name = name;
    this.layers = layers;
    this.matrices = matrices;
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
    return new LayerWeights("weights", ls, ms);
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
        Objects.requireNonNull(newName, "name must not be null"), layers, matrices);
  }

  /** The layers, input first. */
  public List<LayerUnits> layers() {
    return layers;
  }

  /** The matrices; matrix {@code i} connects layer {@code i} to layer {@code i+1}. */
  public List<WeightMatrix> matrices() {
    return matrices;
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
   * multiset of entries is kept. Matrix {@code i} is shuffled with a generator seeded from {@code
   * seed} and {@code i}, so the result depends only on the arguments.
   *
   * @param mode which entries are permuted
   * @param seed the random seed
   * @return the shuffled weights
   */
  public LayerWeights shuffled(ShuffleMode mode, long seed) {
    Objects.requireNonNull(mode, "mode must not be null");
    List<WeightMatrix> out = new ArrayList<>(matrices.size());
    SplittableRandom root = new SplittableRandom(seed);
    for (WeightMatrix m : matrices) {
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
      out.add(WeightMatrix.wrap(m.rows(), m.cols(), v));
    }
    return new LayerWeights(name, layers, List.copyOf(out));
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
