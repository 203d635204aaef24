package org.locspec.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locspec.model.Layer;
import org.locspec.model.LayerGraph;
import org.locspec.model.LayerNames;

/**
 * The channel graph of a convolutional {@link LayerGraph}, sequential or not (residual additions,
 * concatenations): which channels are nodes and which kernel norms are edges between them.
 *
 * <ul>
 *   <li><b>Nodes</b>: the channels of every tensor a convolution or dense layer reads (and of the
 *       network's output), identified by the layer that defines the tensor's channels: a
 *       convolution (its output after batch norm, activation, pooling and dropout), a residual
 *       addition (whose channels join the channels it adds) or a concatenation. The input image is
 *       no node. Nodes are grouped in layers named after the defining layer, in network order.
 *   <li><b>Edges</b>: each convolution {@code P} connects the channels of the tensor it reads with
 *       every node its output channels reach through channel-preserving layers and joins: the
 *       defining layer {@code P} itself when its output is read directly, and each addition or
 *       concatenation downstream (through the identity paths of a ResNet, the later sums of its
 *       stage too; a concatenation shifts the channels by the width of the inputs before). The
 *       weight between input channel {@code i} and output channel {@code j} is the norm of the
 *       kernel slice {@code W[j, i, :, :]} times {@code |γ_j| / sqrt(var_j + ε)} of the batch norms
 *       that follow {@code P} before its output forks or joins. Dense layers are no nodes (only
 *       conv → conv weights, as in the papers).
 * </ul>
 *
 * <p>For a sequential CNN this is LocSpec's channel graph of the conv layers; for a ResNet it is
 * the papers' graph of {@code src/spectral_cluster_model.py} ({@code get_conv_weight_connections}
 * of {@code dfilan/clusterability_in_neural_networks}: weights searched forward through batch
 * norms, activations and additions to the next convolutions), with one node per tensor where the
 * papers' code repeats a tensor for each convolution that reads it.
 *
 * <p>References: Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv
 * 2110.08058), §2; Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386).
 */
final class ChannelWiring {
  /** Paths from one convolution to its nodes beyond which the graph is refused (pathological). */
  private static final int MAX_PATHS = 100_000;

  private final LayerGraph graph;
  private final Map<String, List<String>> readers;
  private final Map<String, String> defining = new HashMap<>();
  private final Map<String, Integer> channels = new HashMap<>();
  private final Map<String, LayerUnits> groups = new LinkedHashMap<>();

  private ChannelWiring(LayerGraph graph) {
    this.graph = graph;
    this.readers = graph.readers();
  }

  /**
   * The layers (channel groups) and placed kernel norms of a graph with convolutions.
   *
   * @param graph the network
   * @param norm the norm of a kernel slice
   * @return the weights
   * @throws IllegalArgumentException if fewer than two channel groups connect
   */
  static LayerWeights of(LayerGraph graph, Norm norm) {
    ChannelWiring w = new ChannelWiring(graph);
    w.analyse();
    List<LayerWeights.Connection> connections = new ArrayList<>();
    for (LayerGraph.Node n : graph.nodes()) {
      if (n.layer() instanceof Layer.Conv2d c) {
        String source = w.defining.get(n.inputs().get(0));
        if (!w.groups.containsKey(source)) {
          continue; // reads the image (or a dense layer's output): no node to connect
        }
        List<LayerWeights.Placement> placements = w.placements(n, source);
        if (!placements.isEmpty()) {
          float[] kernel = c.weight();
          for (Layer.BatchNorm bn : w.following(n, c.units())) {
            kernel = ConvKernels.foldBatchNorm(kernel, bn.gamma(), bn.runningVar(), bn.eps());
          }
          connections.add(
              new LayerWeights.Connection(
                  c.name(),
                  ConvKernels.channelAdjacency(
                      kernel, c.units(), c.inputs(), c.kernelH(), c.kernelW(), norm),
                  placements));
        }
      }
    }
    if (w.groups.size() < 2 || connections.isEmpty()) {
      throw new IllegalArgumentException(
          "network "
              + graph.name()
              + " has "
              + w.groups.size()
              + " channel group(s) "
              + w.groups.keySet()
              + " and "
              + connections.size()
              + " convolution(s) between"
              + " them; a channel graph needs at least 2 convolutions, one reading the other");
    }
    return LayerWeights.ofConnections(List.copyOf(w.groups.values()), connections)
        .named(graph.name());
  }

  /** Defining layers and channel counts of every node, and the channel groups read. */
  private void analyse() {
    defining.put(LayerNames.INPUT, LayerNames.INPUT);
    for (LayerGraph.Node n : graph.nodes()) {
      Layer l = n.layer();
      String in = n.inputs().get(0);
      if (l instanceof Layer.Conv2d c) {
        channels.put(n.name(), c.units());
        defining.put(n.name(), n.name());
      } else if (l instanceof Layer.Dense d) {
        channels.put(n.name(), d.units());
        defining.put(n.name(), n.name());
      } else if (l instanceof Layer.Concat) {
        channels.put(n.name(), n.inputs().stream().mapToInt(this::channelsOf).sum());
        defining.put(n.name(), n.name());
      } else if (l instanceof Layer.Add) {
        channels.put(n.name(), channelsOf(in));
        defining.put(n.name(), n.name());
      } else {
        channels.put(n.name(), channelsOf(in));
        defining.put(n.name(), defining.get(in));
      }
    }
    for (LayerGraph.Node n : graph.nodes()) {
      Layer l = n.layer();
      if (l instanceof Layer.UnitLayer) {
        group(defining.get(n.inputs().get(0)));
      }
    }
    group(defining.get(graph.output()));
    List<String> order = graph.nodes().stream().map(LayerGraph.Node::name).toList();
    List<LayerUnits> sorted = new ArrayList<>(groups.values());
    sorted.sort((a, b) -> Integer.compare(order.indexOf(a.name()), order.indexOf(b.name())));
    groups.clear();
    sorted.forEach(u -> groups.put(u.name(), u));
  }

  private int channelsOf(String node) {
    return node.equals(LayerNames.INPUT) ? -1 : channels.get(node);
  }

  /** Makes a channel group of a defining layer if it is a convolution or a join. */
  private void group(String def) {
    if (def.equals(LayerNames.INPUT)) {
      return;
    }
    Layer l = graph.node(def).layer();
    if (l instanceof Layer.Conv2d || l instanceof Layer.Join) {
      groups.putIfAbsent(def, new LayerUnits(def, channels.get(def)));
    }
  }

  /** Where convolution {@code p}'s kernel goes: one placement per path to a node it reaches. */
  private List<LayerWeights.Placement> placements(LayerGraph.Node p, String source) {
    List<LayerWeights.Placement> out = new ArrayList<>();
    if (groups.containsKey(p.name())) {
      out.add(new LayerWeights.Placement(source, p.name(), 0));
    }
    reach(p.name(), 0, source, out);
    return out;
  }

  /** Follows a node's readers through channel-preserving layers and joins, recording joins. */
  private void reach(String node, int offset, String source, List<LayerWeights.Placement> out) {
    for (String r : readers.get(node)) {
      LayerGraph.Node n = graph.node(r);
      Layer l = n.layer();
      if (l instanceof Layer.UnitLayer) {
        continue; // a convolution or dense layer reads it: its own weights go on from there
      }
      if (l instanceof Layer.Concat) {
        int before = 0;
        for (String in : n.inputs()) {
          if (in.equals(node)) {
            enter(r, offset + before, source, out);
          }
          before += channelsOf(in);
        }
      } else if (l instanceof Layer.Add) {
        for (String in : n.inputs()) {
          if (in.equals(node)) {
            enter(r, offset, source, out);
          }
        }
      } else if (!(l instanceof Layer.Flatten)) {
        reach(r, offset, source, out);
      }
    }
  }

  private void enter(String join, int offset, String source, List<LayerWeights.Placement> out) {
    if (groups.containsKey(join)) {
      out.add(new LayerWeights.Placement(source, join, offset));
      if (out.size() > MAX_PATHS) {
        throw new IllegalArgumentException(
            "network "
                + graph.name()
                + ": more than "
                + MAX_PATHS
                + " paths lead from one"
                + " convolution to its joins; LocSpec does not build this channel graph");
      }
    }
    reach(join, offset, source, out);
  }

  /**
   * The batch norms that follow a convolution while its output neither forks nor joins, to be
   * folded into its kernel ({@code W × γ / sqrt(var + ε)}).
   */
  private List<Layer.BatchNorm> following(LayerGraph.Node conv, int units) {
    List<Layer.BatchNorm> out = new ArrayList<>();
    String node = conv.name();
    while (readers.get(node).size() == 1) {
      LayerGraph.Node next = graph.node(readers.get(node).get(0));
      Layer l = next.layer();
      if (l instanceof Layer.UnitLayer || l instanceof Layer.Join || l instanceof Layer.Flatten) {
        break;
      }
      if (l instanceof Layer.BatchNorm bn && bn.channels() == units) {
        out.add(bn);
      }
      node = next.name();
    }
    return out;
  }
}
