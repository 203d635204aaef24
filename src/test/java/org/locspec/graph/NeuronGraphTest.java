package org.locspec.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeuronGraphTest {

  /** input 3 -> hidden 2 -> output 2; input unit 1 and output unit 0 have only zero weights. */
  static LayerWeights tiny() {
    float[][] w1 = {{1, 0, -2}, {3, 0, 0}};
    float[][] w2 = {{0, 0}, {-4, 5}};
    return LayerWeights.ofDense(List.of("in", "hid", "out"), List.of(w1, w2));
  }

  @Test
  void weightGraphIsBlockAdjacencyOfAbsoluteWeights() {
    NeuronGraph g = NeuronGraph.fromWeights(tiny());
    assertEquals(5, g.nodeCount());
    assertEquals(
        List.of(
            new Neuron("in", 0),
            new Neuron("in", 2),
            new Neuron("hid", 0),
            new Neuron("hid", 1),
            new Neuron("out", 1)),
        g.neurons());
    int in0 = g.indexOf(new Neuron("in", 0));
    int in2 = g.indexOf(new Neuron("in", 2));
    int h0 = g.indexOf(new Neuron("hid", 0));
    int h1 = g.indexOf(new Neuron("hid", 1));
    int o1 = g.indexOf(new Neuron("out", 1));
    assertEquals(1, g.weight(in0, h0));
    assertEquals(1, g.weight(h0, in0));
    assertEquals(2, g.weight(in2, h0));
    assertEquals(3, g.weight(in0, h1));
    assertEquals(4, g.weight(h0, o1));
    assertEquals(5, g.weight(h1, o1));
    assertEquals(0, g.weight(in0, in2));
    assertEquals(1 + 2 + 4, g.degree(h0));
    assertEquals(4 + 5, g.degree(o1));
    assertEquals(5, g.edgeCount());
    assertEquals(2 * (1 + 2 + 3 + 4 + 5), g.volume());
  }

  @Test
  void isolatedNodesAreRemovedAndLabelsMapBack() {
    NeuronGraph g = NeuronGraph.fromWeights(tiny());
    assertEquals(List.of(new Neuron("in", 1), new Neuron("out", 0)), g.removed());
    assertEquals(-1, g.indexOf(new Neuron("in", 1)));
    for (int i = 0; i < g.nodeCount(); i++) {
      assertEquals(i, g.indexOf(g.neuron(i)));
      assertTrue(g.degree(i) > 0);
    }
    // layer positions are those of the full network
    assertEquals(2, g.layerOf(g.indexOf(new Neuron("out", 1))));
    assertEquals(3, g.layers().get(0).units());
  }

  @Test
  void restrictToDropsNodesLeftIsolated() {
    NeuronGraph g = NeuronGraph.fromWeights(tiny()).restrictTo(List.of("in", "hid"));
    assertEquals(4, g.nodeCount());
    assertEquals(3, g.edgeCount());
    assertEquals(1 + 2, g.degree(g.indexOf(new Neuron("hid", 0))));
    assertThrows(IllegalArgumentException.class, () -> g.restrictTo(List.of("nope")));
  }

  @Test
  void multiplyMatchesDense() {
    NeuronGraph g = NeuronGraph.fromWeights(tiny());
    double[][] a = g.toDense();
    double[] x = {1, -2, 0.5, 3, 7};
    double[] s = {1, 2, 3, 4, 5};
    double[] y = new double[5];
    g.multiply(s, x, 0, y, 0);
    for (int i = 0; i < 5; i++) {
      double e = 0;
      for (int j = 0; j < 5; j++) {
        e += s[i] * a[i][j] * s[j] * x[j];
      }
      assertEquals(e, y[i], 1e-12);
    }
  }

  @Test
  void activationGraphUsesSquaredSpearmanAndDropsConstantUnits() {
    // 6 samples; layer a: unit0 increasing, unit1 constant; layer b: unit0 = -unit0(a)^3,
    // unit1 = a permutation
    float[][] a = new float[6][2];
    float[][] b = new float[6][2];
    float[] perm = {3, 1, 4, 6, 5, 2};
    for (int s = 0; s < 6; s++) {
      a[s][0] = s;
      a[s][1] = 7;
      b[s][0] = -(float) Math.pow(s, 3);
      b[s][1] = perm[s];
    }
    NeuronGraph g = NeuronGraph.fromActivations(List.of("a", "b"), List.of(a, b));
    assertEquals(List.of(new Neuron("a", 1)), g.removed());
    int a0 = g.indexOf(new Neuron("a", 0));
    int b0 = g.indexOf(new Neuron("b", 0));
    int b1 = g.indexOf(new Neuron("b", 1));
    assertEquals(1.0, g.weight(a0, b0), 1e-12); // rank correlation -1, squared
    // Spearman of ranks (1..6) vs (3,1,4,6,5,2): 1 - 6*sum d^2/(n(n^2-1))
    double d2 = 4 + 1 + 1 + 4 + 0 + 16;
    double rho = 1 - 6 * d2 / (6 * 35.0);
    assertEquals(rho * rho, g.weight(a0, b1), 1e-12);
    assertEquals(0, g.weight(a0, a0));
  }

  @Test
  void shapeErrorsNameTheLayer() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LayerWeights.of(
                    List.of(new LayerUnits("x", 3), new LayerUnits("y", 2)),
                    List.of(WeightMatrix.of(new float[3][2]))));
    assertTrue(
        e.getMessage().contains("x -> y") && e.getMessage().contains("transpose"), e.getMessage());
  }

  @Test
  void neuronTextFormRoundTrips() {
    Neuron n = new Neuron("blocks.0[mlp]", 17);
    assertEquals("blocks.0[mlp][17]", n.toString());
    assertEquals(n, Neuron.parse(n.toString()));
    assertThrows(IllegalArgumentException.class, () -> Neuron.parse("dense_1"));
    assertThrows(IllegalArgumentException.class, () -> Neuron.parse("dense_1[x]"));
  }
}
