package org.locspec.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locspec.model.Layer;
import org.locspec.model.LayerGraph;

/**
 * The channel graph of a network with a residual addition and a concatenation, checked entry by
 * entry against the rule written out by hand; and the graph of placed matrices whose entries fall
 * on the same pairs of units.
 */
class ChannelWiringTest {
  static final Random R = new Random(9);
  static final Layer.Conv2d CONV1 = conv("conv1", 1, 2);
  static final Layer.Conv2d CONV2 = conv("conv2", 2, 2);
  static final Layer.Conv2d CONV3 = conv("conv3", 2, 3);
  static final Layer.Conv2d CONV4 = conv("conv4", 5, 2);
  static final float[] GAMMA = {-2f, 0.5f};
  static final float[] VAR = {3f, 0.25f};

  static Layer.Conv2d conv(String name, int in, int out) {
    return new Layer.Conv2d(
        name, in, out, 3, 3, 1, 1, NetworkGraphsTest.randn(R, out * in * 9), new float[out]);
  }

  /**
   * conv1 → bn1 → relu1 → conv2 → bn2 → add1(bn2, relu1) → relu2 → conv3 → relu3 → cat1(relu2,
   * relu3) → conv4 → flatten → dense1.
   */
  static LayerGraph graph() {
    float[] ones = {1f, 1f};
    return LayerGraph.of(
        "net",
        List.of(
            node(CONV1, "input"),
            node(
                new Layer.BatchNorm("bn1", ones, new float[2], new float[2], ones, 1e-3f), "conv1"),
            node(new Layer.Relu("relu1"), "bn1"),
            node(CONV2, "relu1"),
            node(
                new Layer.BatchNorm("bn2", GAMMA, new float[2], new float[2], VAR, 1e-3f), "conv2"),
            new LayerGraph.Node(new Layer.Add("add1"), List.of("bn2", "relu1"), "block"),
            node(new Layer.Relu("relu2"), "add1"),
            node(CONV3, "relu2"),
            node(new Layer.Relu("relu3"), "conv3"),
            new LayerGraph.Node(new Layer.Concat("cat1"), List.of("relu2", "relu3"), ""),
            node(CONV4, "cat1"),
            node(new Layer.Flatten("flatten1"), "conv4"),
            node(new Layer.Dense("dense1", 2 * 16, 2, new float[64], new float[2]), "flatten1")));
  }

  static LayerGraph.Node node(Layer l, String input) {
    return new LayerGraph.Node(l, List.of(input), l.name());
  }

  /** The L1 norm of kernel slice (out, in), times a per-output scale. */
  static double norm(Layer.Conv2d c, int out, int in, double scale) {
    float[] w = c.weight();
    double s = 0;
    for (int t = 0; t < 9; t++) {
      s += Math.abs(w[(out * c.inputs() + in) * 9 + t] * scale);
    }
    return s;
  }

  @Test
  void additionsAndConcatenationsJoinTheChannelsTheyCombine() {
    LayerWeights w = NetworkGraphs.weights(graph(), Norm.L1);
    assertEquals(
        List.of(
            new LayerUnits("conv1", 2),
            new LayerUnits("add1", 2),
            new LayerUnits("cat1", 5),
            new LayerUnits("conv4", 2)),
        w.layers());
    assertEquals(
        List.of("conv2", "conv3", "conv4"),
        w.connections().stream().map(LayerWeights.Connection::source).toList());
    assertEquals(
        List.of(
            new LayerWeights.Placement("conv1", "add1", 0),
            new LayerWeights.Placement("conv1", "cat1", 0)),
        w.connections().get(0).placements());
    assertEquals(
        List.of(new LayerWeights.Placement("add1", "cat1", 2)),
        w.connections().get(1).placements());
    NeuronGraph g = NeuronGraph.fromWeights(w);
    double[][] want = new double[11][11]; // conv1 0-1, add1 2-3, cat1 4-8, conv4 9-10
    for (int j = 0; j < 2; j++) {
      double scale = Math.abs(GAMMA[j]) / Math.sqrt(VAR[j] + 1e-3);
      for (int i = 0; i < 2; i++) {
        edge(want, i, 2 + j, norm(CONV2, j, i, scale)); // conv1 → add1 through bn2
        edge(want, i, 4 + j, norm(CONV2, j, i, scale)); // and on, to cat1's first channels
      }
    }
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 2; i++) {
        edge(want, 2 + i, 4 + 2 + j, norm(CONV3, j, i, 1)); // add1 → cat1 after relu2's 2
      }
    }
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < 5; i++) {
        edge(want, 4 + i, 9 + j, norm(CONV4, j, i, 1));
      }
    }
    double[][] got = g.toDense();
    for (int a = 0; a < 11; a++) {
      assertArrayEquals(want[a], got[a], 1e-5, "row " + g.neuron(a));
    }
    // the product by the placed matrices equals the product by the stored rows
    double[] x = new double[11];
    double[] scale = new double[11];
    for (int i = 0; i < 11; i++) {
      x[i] = Math.sin(i + 1);
      scale[i] = 1 / Math.sqrt(g.degree(i));
    }
    double[] y = new double[11];
    g.multiply(scale, x, 0, y, 0);
    for (int a = 0; a < 11; a++) {
      double s = 0;
      for (int b = 0; b < 11; b++) {
        s += scale[a] * got[a][b] * scale[b] * x[b];
      }
      assertEquals(s, y[a], 1e-12, "row " + a + " of the product");
    }
  }

  private static void edge(double[][] a, int i, int j, double w) {
    a[i][j] = w;
    a[j][i] = w;
  }

  @Test
  void placementsOnTheSamePairsAddUpAndShuffleAsOneMatrix() {
    WeightMatrix m = WeightMatrix.of(new float[][] {{1, -2}, {0, 3}});
    List<LayerUnits> layers = List.of(new LayerUnits("a", 2), new LayerUnits("b", 3));
    LayerWeights w =
        LayerWeights.ofConnections(
            layers,
            List.of(
                new LayerWeights.Connection(
                    "c",
                    m,
                    List.of(
                        new LayerWeights.Placement("a", "b", 0),
                        new LayerWeights.Placement("a", "b", 1)))));
    NeuronGraph g = NeuronGraph.fromWeights(w);
    double[][] d = g.toDense(); // a0 a1 b0 b1 b2
    assertArrayEquals(new double[] {0, 0, 1, 1, 0}, d[0]);
    assertArrayEquals(new double[] {0, 0, 2, 2 + 3, 3}, d[1]);
    assertEquals(5, g.edgeCount());
    LayerWeights s = w.shuffled(ShuffleMode.ALL, 3);
    assertEquals(w.connections().get(0).placements(), s.connections().get(0).placements());
    float[] sorted = s.matrices().get(0).values();
    java.util.Arrays.sort(sorted);
    assertArrayEquals(new float[] {-2, 0, 1, 3}, sorted);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerWeights.ofConnections(
                    layers,
                    List.of(
                        new LayerWeights.Connection(
                            "c", m, List.of(new LayerWeights.Placement("a", "b", 2))))));
    assertTrue(e.getMessage().contains("does not fit between"), e.getMessage());
  }
}
