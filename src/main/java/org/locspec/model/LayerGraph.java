package org.locspec.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network as a directed acyclic graph of {@link Layer}s: what a sequential {@link Network} is,
 * plus the {@link Layer.Join}s (residual additions, channel concatenations) of networks such as
 * torchvision's ResNets. Immutable.
 *
 * <p>Nodes are kept in execution order; each names the layers it reads ({@value LayerNames#INPUT}
 * for the network's input) and the PyTorch module it came from (e.g. {@code layer1.0.conv1}, or the
 * module whose code made a functional call such as the addition of a residual block). The last
 * node's output is the network's output. A graph whose every node reads the one before it is
 * sequential and becomes the layer view with {@link #toNetwork}; other graphs serve analyses that
 * need only the weights, such as the channel graph ({@code NetworkGraphs.weights}).
 *
 * <pre>{@code
 * LayerGraph resnet = TorchScriptImporter.graph(Path.of("resnet18.pt"));
 * long[] logits = resnet.outputShape(new long[] {3, 224, 224}); // {1000}
 * }</pre>
 */
public final class LayerGraph {
  /**
   * One layer of the graph.
   *
   * @param layer the layer; its name is the node's name
   * @param inputs the names of the nodes it reads, or {@value LayerNames#INPUT}: one for a layer,
   *     at least two for a join
   * @param module the PyTorch module path it came from ("" for the root module)
   */
  public record Node(Layer layer, List<String> inputs, String module) {
    /** Validates the node and copies its inputs. */
    public Node {
      Objects.requireNonNull(layer, "layer");
      Objects.requireNonNull(module, "module");
      inputs = List.copyOf(inputs);
      int want = layer instanceof Layer.Join ? 2 : 1;
      if (layer instanceof Layer.Join ? inputs.size() < want : inputs.size() != want) {
        throw new IllegalArgumentException(
            "layer "
                + layer.name()
                + " ("
                + layer.getClass().getSimpleName()
                + ") reads "
                + inputs
                + "; a "
                + (want == 1 ? "layer reads exactly one" : "join reads two or more")
                + " layer(s)");
      }
    }

    /** The node's name: its layer's. */
    public String name() {
      return layer.name();
    }
  }

  private final String name;
  private final List<Node> nodes;
  private final Map<String, Integer> index;

  private LayerGraph(String name, List<Node> nodes, Map<String, Integer> index) {
    this.name = name;
    this.nodes = nodes;
    this.index = index;
  }

  /**
   * Checks and combines nodes given in execution order.
   *
   * @param name the network's name, for provenance
   * @param nodes the nodes; each reads only earlier nodes or the input; names are unique
   * @return the graph
   * @throws IllegalArgumentException naming the node that reads an unknown or later layer
   */
  public static LayerGraph of(String name, List<Node> nodes) {
    Objects.requireNonNull(name, "name");
    List<Node> list = List.copyOf(nodes);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("network " + name + " has no layers");
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Node n = list.get(i);
      for (String in : n.inputs()) {
        if (!in.equals(LayerNames.INPUT) && !index.containsKey(in)) {
          throw new IllegalArgumentException(
              "network "
                  + name
                  + ": layer "
                  + n.name()
                  + " reads '"
                  + in
                  + "', which is not an"
                  + " earlier layer; give the nodes in execution order");
        }
      }
      if (n.name().equals(LayerNames.INPUT) || index.put(n.name(), i) != null) {
        throw new IllegalArgumentException(
            "network " + name + ": the layer name '" + n.name() + "' is used twice");
      }
    }
    return new LayerGraph(name, list, Collections.unmodifiableMap(index));
  }

  /**
   * The graph of a sequential network: each layer reads the one before it.
   *
   * @param name the network's name
   * @param layers the layers in order
   * @return the graph
   */
  public static LayerGraph sequential(String name, List<Layer> layers) {
    List<Node> nodes = new ArrayList<>();
    String previous = LayerNames.INPUT;
    for (Layer l : layers) {
      nodes.add(new Node(l, List.of(previous), ""));
      previous = l.name();
    }
    return of(name, nodes);
  }

  /** The network's name. */
  public String name() {
    return name;
  }

  /** The nodes in execution order. */
  public List<Node> nodes() {
    return nodes;
  }

  /** The layers in execution order. */
  public List<Layer> layers() {
    return nodes.stream().map(Node::layer).toList();
  }

  /**
   * The node of that name.
   *
   * @param nodeName a layer name
   * @return the node
   * @throws IllegalArgumentException listing the graph's layers when there is none of that name
   */
  public Node node(String nodeName) {
    Integer i = index.get(nodeName);
    if (i == null) {
      throw new IllegalArgumentException(
          "network " + name + " has no layer '" + nodeName + "'; its layers are " + index.keySet());
    }
    return nodes.get(i);
  }

  /** The name of the node whose output is the network's output (the last node). */
  public String output() {
    return nodes.get(nodes.size() - 1).name();
  }

  /**
   * The nodes that read each node (and {@value LayerNames#INPUT}), in execution order.
   *
   * @return node name → the names of its readers (empty for the output)
   */
  public Map<String, List<String>> readers() {
    Map<String, List<String>> out = new HashMap<>();
    out.put(LayerNames.INPUT, new ArrayList<>());
    for (Node n : nodes) {
      out.put(n.name(), new ArrayList<>());
    }
    for (Node n : nodes) {
      for (String in : n.inputs()) {
        out.get(in).add(n.name());
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Whether every node reads the one before it (the first reads the input) and none is a join, so
   * that the layer view ({@link #toNetwork}) can run the network.
   */
  public boolean isSequential() {
    return firstNonSequential() == null;
  }

  /**
   * The shape of the network's output for an input shape, checking every layer on the way.
   *
   * @param inputShape one input's shape, {@code {channels, height, width}}
   * @return the output's shape, e.g. {@code {1000}}
   * @throws IllegalArgumentException naming the first layer the shapes do not fit
   */
  public long[] outputShape(long[] inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    if (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(v -> v < 1)) {
      throw new IllegalArgumentException(
          "input shape must be {channels, height, width} with positive entries, got "
              + Arrays.toString(inputShape));
    }
    Map<String, long[]> shapes = new HashMap<>();
    shapes.put(LayerNames.INPUT, inputShape.clone());
    for (Node n : nodes) {
      List<long[]> in = n.inputs().stream().map(shapes::get).toList();
      String where =
          "network "
              + name
              + ", layer "
              + n.name()
              + (n.module().isEmpty() ? "" : " (" + n.module() + ")")
              + ": ";
      shapes.put(n.name(), Shapes.output(n.layer(), in, where));
    }
    return shapes.get(output()).clone();
  }

  /**
   * The layer view of a sequential graph.
   *
   * @param inputShape one input's shape, {@code {channels, height, width}}
   * @return a new network (close it when done)
   * @throws IllegalArgumentException if the graph is not sequential (naming its first join or
   *     branch) or the shapes do not fit
   */
  public Network toNetwork(long[] inputShape) {
    Node first = firstNonSequential();
    if (first != null) {
      throw new IllegalArgumentException(
          "network "
              + name
              + " is not sequential: layer "
              + first.name()
              + " ("
              + first.module()
              + ") reads "
              + first.inputs()
              + "; the layer view runs sequential networks only."
              + " Analyse its weights with NetworkGraphs.weights(graph, Norm.L1)");
    }
    return Network.of(name, inputShape, layers());
  }

  /** The first node that is a join or does not read the node before it, or null. */
  private Node firstNonSequential() {
    String previous = LayerNames.INPUT;
    for (Node n : nodes) {
      if (n.layer() instanceof Layer.Join || !n.inputs().get(0).equals(previous)) {
        return n;
      }
      previous = n.name();
    }
    return null;
  }

  /** Name, size and kinds, e.g. {@code "LayerGraph[resnet18: 69 layers, 20 conv, 8 add]"}. */
  @Override
  public String toString() {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (Node n : nodes) {
      kinds.merge(LayerNames.kindOf(n.layer().getClass()), 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder("LayerGraph[").append(name).append(": ");
    sb.append(nodes.size()).append(" layers");
    for (String k : List.of("conv", "dense", "add", "cat")) {
      if (kinds.containsKey(k)) {
        sb.append(", ").append(kinds.get(k)).append(' ').append(k);
      }
    }
    return sb.append(']').toString();
  }
}
