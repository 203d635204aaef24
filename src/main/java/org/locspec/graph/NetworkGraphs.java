package org.locspec.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.LayerGraph;
import org.locspec.model.LayerNames;
import org.locspec.model.Network;

/**
 * Builds the inputs of the paper's neuron graphs from a {@link Network}'s layer view.
 *
 * <ul>
 *   <li>{@link #weights}: for an MLP, the input units ({@value LayerNames#INPUT}) and every dense
 *       layer, with the |weight| matrices between them; for a network with convolutions (a
 *       sequential {@link Network} or any {@link LayerGraph}, e.g. a ResNet), one node per channel
 *       and the kernel-norm channel adjacency of each convolution (only conv → conv matrices, as in
 *       the paper), with a batch norm that follows a conv folded into it first, and residual
 *       additions joining the channels they add.
 *   <li>{@link #activations}: the squared Spearman correlation of the hidden unit layers'
 *       pre-activations over a seeded sample of inputs (a channel's value is the L1 norm of its
 *       feature map); the MLP input and output units are left out.
 * </ul>
 *
 * <p>References: Filan et al., arXiv 2103.03386, §2; Hod et al., arXiv 2110.08058, §2.
 */
public final class NetworkGraphs {
  /** The paper's cap on the number of inputs used for activation graphs. */
  public static final int PAPER_ACTIVATION_SAMPLES = 5000;

  private NetworkGraphs() {}

  /**
   * The weight-graph input of a network, named after it.
   *
   * @param network the layer view
   * @param norm how a conv kernel slice becomes one edge weight ({@link Norm#L1} in the paper);
   *     ignored for dense layers, whose edges are |w|
   * @return the layers and matrices for {@link NeuronGraph#fromWeights}
   * @throws IllegalArgumentException if the network mixes too few layers to make a graph
   */
  public static LayerWeights weights(Network network, Norm norm) {
    Objects.requireNonNull(network, "network must not be null");
    return weights(LayerGraph.sequential(network.name(), network.layers()), norm);
  }

  /**
   * The weight-graph input of a network given as a layer graph, named after it: for an MLP (a
   * sequential graph without convolutions) the input units and every dense layer with their
   * |weight| matrices; for a network with convolutions, sequential or not (torchvision's VGG and
   * ResNets), its channel graph: one node per channel of every tensor a convolution or dense layer
   * reads, the kernel norms of each convolution (batch norm folded in) between the channels it
   * reads and the channels its output reaches, residual additions and concatenations joining the
   * channels they combine (see {@code ChannelWiring} for the exact rule).
   *
   * @param graph the network
   * @param norm how a conv kernel slice becomes one edge weight ({@link Norm#L1} in the papers)
   * @return the layers and matrices for {@link NeuronGraph#fromWeights}
   * @throws IllegalArgumentException if the network has too few layers to make a graph
   */
  public static LayerWeights weights(LayerGraph graph, Norm norm) {
    Objects.requireNonNull(graph, "graph must not be null");
    Objects.requireNonNull(norm, "norm must not be null");
    boolean hasConv = graph.layers().stream().anyMatch(l -> l instanceof Layer.Conv2d);
    if (hasConv) {
      return ChannelWiring.of(graph, norm);
    }
    if (!graph.isSequential()) {
      throw new IllegalArgumentException(
          "network "
              + graph.name()
              + " has no convolution and is not sequential; LocSpec builds"
              + " weight graphs of MLPs (sequential) and of conv nets");
    }
    List<LayerUnits> units = new ArrayList<>();
    List<WeightMatrix> matrices = new ArrayList<>();
    for (Layer l : graph.layers()) {
      if (l instanceof Layer.Dense d) {
        if (units.isEmpty()) {
          units.add(new LayerUnits(LayerNames.INPUT, d.inputs()));
        }
        units.add(new LayerUnits(d.name(), d.units()));
        matrices.add(abs(WeightMatrix.of(d.units(), d.inputs(), d.weight())));
      }
    }
    return LayerWeights.of(units, matrices).named(graph.name());
  }

  private static WeightMatrix abs(WeightMatrix m) {
    float[] v = m.values();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.abs(v[i]);
    }
    return WeightMatrix.of(m.rows(), m.cols(), v);
  }

  /**
   * The activation graph of a network's hidden unit layers over a seeded sample of inputs.
   *
   * @param network the layer view
   * @param data inputs (the paper uses training inputs)
   * @param samples how many inputs to use, at most {@link #PAPER_ACTIVATION_SAMPLES} in the paper;
   *     all of {@code data} if it has fewer
   * @param seed the seed of the sample
   * @return the graph (zero-variance units dropped)
   */
  public static NeuronGraph activations(
      Network network, ImageDataset data, int samples, long seed) {
    if (samples < 3) {
      throw new IllegalArgumentException("samples must be >= 3, got " + samples);
    }
    List<Layer.UnitLayer> unitLayers = network.unitLayers();
    boolean mlp = unitLayers.stream().allMatch(l -> l instanceof Layer.Dense);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < unitLayers.size() - (mlp ? 1 : 0); i++) {
      names.add(unitLayers.get(i).name());
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "network " + network.name() + " has no hidden unit layer to correlate");
    }
    ImageDataset sample = data.size() <= samples ? data : data.shuffled(seed).slice(0, samples);
    Map<String, float[][]> acts = network.capture(sample, names, Network.Reduction.L1_NORM, 500);
    List<float[][]> values = new ArrayList<>();
    for (String n : names) {
      values.add(acts.get(n));
    }
    return NeuronGraph.fromActivations(names, values);
  }
}
