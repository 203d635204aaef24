package org.locspec.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.NeuronGraph;

/** Seeded test graphs. */
final class Graphs {
  private Graphs() {}

  /**
   * A stochastic block model: {@code blocks} blocks of {@code size} nodes, edge probability pIn
   * within and pOut across blocks, weight 1. Node {@code i} belongs to block {@code i / size}; all
   * nodes are in one layer "sbm".
   */
  static NeuronGraph sbm(int blocks, int size, double pIn, double pOut, long seed) {
    int n = blocks * size;
    double[][] a = new double[n][n];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double p = i / size == j / size ? pIn : pOut;
        if (rng.nextDouble() < p) {
          a[i][j] = 1;
          a[j][i] = 1;
        }
      }
    }
    return NeuronGraph.fromAdjacency(List.of(new LayerUnits("sbm", n)), a);
  }

  static int[] sbmTruth(NeuronGraph g, int size) {
    int[] t = new int[g.nodeCount()];
    for (int i = 0; i < t.length; i++) {
      t[i] = g.neuron(i).index() / size;
    }
    return t;
  }

  static List<LayerUnits> layers(int... units) {
    List<LayerUnits> ls = new ArrayList<>();
    for (int i = 0; i < units.length; i++) {
      ls.add(new LayerUnits("l" + i, units[i]));
    }
    return ls;
  }
}
