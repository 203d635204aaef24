package org.locspec.modelfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locspec.model.Layer;
import org.locspec.model.LayerGraph;
import org.locspec.model.LayerNames;

/**
 * Follows the code of a TorchScript module symbolically and records the layers it applies, in
 * order, as a {@link LayerGraph}: a call of a {@code torch.nn} layer module adds that layer (see
 * {@link LeafModules}); a call of a container (a {@code Sequential}, a torchvision {@code
 * BasicBlock}, a user's module) runs its method's code, statement by statement; {@code torch.add}
 * adds a residual addition, {@code torch.cat} a concatenation, and the functional forms of the
 * layers add those layers. Values are tensors (a node of the graph, or the input), modules and
 * Python literals; nothing is computed. Code LocSpec does not follow (branches, loops, other
 * operators) fails with the module path, its type and what is supported.
 */
final class GraphBuilder {
  private static final int MAX_DEPTH = 64;

  private final TorchScriptArchive archive;
  private final List<LayerGraph.Node> nodes = new ArrayList<>();
  private final Map<String, Integer> ordinals = new HashMap<>();
  private int depth;

  /** A tensor: the name of the node that computes it, or the input. */
  private record Tensor(String node) {}

  /** A global name used as a function, e.g. {@code torch.add_}. */
  private record Global(String name) {}

  private GraphBuilder(TorchScriptArchive archive) {
    this.archive = archive;
  }

  /**
   * The layer graph of an archive's root module.
   *
   * @param archive the open archive
   * @param name the network's name
   * @return the graph
   */
  static LayerGraph build(TorchScriptArchive archive, String name) {
    GraphBuilder b = new GraphBuilder(archive);
    TorchPickle.ModuleObject root = archive.root();
    LeafModules.Module m = b.module("", root);
    Object out = b.call(m, "forward", List.of(new Tensor(LayerNames.INPUT)));
    if (!(out instanceof Tensor t) || t.node().equals(LayerNames.INPUT)) {
      throw new IllegalArgumentException(
          archive.file
              + ": the model's forward returns "
              + describe(out)
              + ", not a tensor"
              + " computed from its input; LocSpec imports models that map one image tensor to"
              + " one output tensor");
    }
    return LayerGraph.of(name, b.reaching(t.node()));
  }

  /** The nodes the output depends on, in order (code whose result is unused is dropped). */
  private List<LayerGraph.Node> reaching(String output) {
    Map<String, LayerGraph.Node> byName = new HashMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));
    Set<String> needed = new HashSet<>();
    List<String> stack = new ArrayList<>(List.of(output));
    while (!stack.isEmpty()) {
      String n = stack.remove(stack.size() - 1);
      if (byName.containsKey(n) && needed.add(n)) {
        stack.addAll(byName.get(n).inputs());
      }
    }
    List<LayerGraph.Node> out = new ArrayList<>();
    for (LayerGraph.Node n : nodes) {
      if (needed.contains(n.name())) {
        out.add(n);
      }
      if (n.name().equals(output)) {
        break;
      }
    }
    return out;
  }

  private LeafModules.Module module(String path, TorchPickle.ModuleObject o) {
    return new LeafModules.Module(
        path, o.className(), o.state(), archive.scriptClass(o.className()));
  }

  /** Calls a method of a module: a layer adds itself, a container runs its code. */
  private Object call(LeafModules.Module m, String method, List<Object> args) {
    if (LeafModules.isLeaf(m)) {
      Tensor x = singleTensor(m, "forward", args);
      if (m.type().equals("Identity")) {
        return x;
      }
      return add(
          kindOfLeaf(m), m.path(), List.of(x), n -> LeafModules.convert(archive, m, method, n));
    }
    if (m.torchNn() && !m.type().equals("Sequential")) {
      throw LeafModules.unsupported(archive, m, "");
    }
    ScriptCode.Method code = m.code().methods().get(method);
    if (code == null) {
      throw new IllegalArgumentException(
          where(m)
              + " has no method "
              + method
              + " in its code; the archive is inconsistent:"
              + " save the model again with torch.jit.save");
    }
    if (code.params().size() != args.size() + 1) {
      throw new IllegalArgumentException(
          where(m)
              + ": its "
              + method
              + " takes "
              + (code.params().size() - 1)
              + " argument(s)"
              + " but is given "
              + args.size()
              + "; LocSpec imports models whose forward takes"
              + " one image tensor");
    }
    if (++depth > MAX_DEPTH) {
      throw new IllegalArgumentException(where(m) + ": modules nest deeper than " + MAX_DEPTH);
    }
    try {
      return run(m, code, args);
    } finally {
      depth--;
    }
  }

  private Object run(LeafModules.Module self, ScriptCode.Method code, List<Object> args) {
    Map<String, Object> env = new HashMap<>();
    env.put(code.params().get(0), self);
    for (int i = 0; i < args.size(); i++) {
      env.put(code.params().get(i + 1), args.get(i));
    }
    for (ScriptCode.Stmt s : code.body()) {
      if (s instanceof ScriptCode.Return r) {
        return eval(self, env, r.value());
      } else if (s instanceof ScriptCode.Assign a) {
        bind(self, env, a.targets(), eval(self, env, a.value()));
      } else if (s instanceof ScriptCode.Unsupported u) {
        throw new IllegalArgumentException(
            where(self)
                + ": its "
                + code.name()
                + " has the statement '"
                + u.text()
                + "', which"
                + " LocSpec does not follow (it imports straight-line code). Trace the model in"
                + " eval mode (torch.jit.trace(model.eval(), example)) to remove branches");
      }
    }
    throw new IllegalArgumentException(where(self) + ": its " + code.name() + " returns nothing");
  }

  private void bind(
      LeafModules.Module self, Map<String, Object> env, List<String> targets, Object value) {
    if (targets.size() == 1) {
      env.put(targets.get(0), value);
    } else if (!targets.isEmpty()) {
      if (!(value instanceof List<?> items) || items.size() != targets.size()) {
        throw new IllegalArgumentException(
            where(self) + ": cannot unpack " + describe(value) + " into " + targets);
      }
      for (int i = 0; i < targets.size(); i++) {
        env.put(targets.get(i), items.get(i));
      }
    }
  }

  private Object eval(LeafModules.Module self, Map<String, Object> env, ScriptCode.Expr e) {
    if (e instanceof ScriptCode.Literal l) {
      return l.value();
    } else if (e instanceof ScriptCode.Sequence q) {
      List<Object> items = new ArrayList<>();
      for (ScriptCode.Expr item : q.items()) {
        items.add(eval(self, env, item));
      }
      return items;
    } else if (e instanceof ScriptCode.Name n) {
      return name(self, env, n.id());
    } else if (e instanceof ScriptCode.Attribute a) {
      return attribute(self, eval(self, env, a.target()), a.name());
    }
    ScriptCode.Call c = (ScriptCode.Call) e;
    List<Object> args = new ArrayList<>();
    for (ScriptCode.Expr a : c.args()) {
      args.add(eval(self, env, a));
    }
    Map<String, Object> kwargs = new HashMap<>();
    c.kwargs().forEach((k, v) -> kwargs.put(k, eval(self, env, v)));
    Object target;
    String method;
    if (c.function() instanceof ScriptCode.Attribute a) {
      target = eval(self, env, a.target());
      method = a.name();
    } else {
      Object f = eval(self, env, c.function());
      if (f instanceof Global g) {
        return functional(self, g.name(), args, kwargs);
      }
      throw new IllegalArgumentException(where(self) + " calls " + describe(f));
    }
    if (target instanceof LeafModules.Module m) {
      return call(m, method, args);
    }
    throw new IllegalArgumentException(
        where(self)
            + " calls "
            + method
            + " on "
            + describe(target)
            + "; LocSpec follows calls"
            + " of submodules and torch operators");
  }

  /** A name: a variable, an attribute chain from one ({@code self.layer1}), or a global. */
  private Object name(LeafModules.Module self, Map<String, Object> env, String id) {
    String[] parts = id.split("\\.");
    if (!env.containsKey(parts[0])) {
      return new Global(id);
    }
    Object v = env.get(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      v = attribute(self, v, parts[i]);
    }
    return v;
  }

  private Object attribute(LeafModules.Module self, Object target, String attr) {
    if (!(target instanceof LeafModules.Module m)) {
      throw new IllegalArgumentException(
          where(self)
              + " reads ."
              + attr
              + " of "
              + describe(target)
              + "; LocSpec reads"
              + " attributes of modules only");
    }
    if (!m.state().containsKey(attr)) {
      throw new IllegalArgumentException(
          where(m)
              + " has no attribute '"
              + attr
              + "' in data.pkl; the archive is inconsistent:"
              + " save the model again with torch.jit.save");
    }
    Object v = m.state().get(attr);
    if (v instanceof TorchPickle.ModuleObject o) {
      return module(m.path().isEmpty() ? attr : m.path() + "." + attr, o);
    } else if (v instanceof TorchPickle.TensorRef) {
      throw new IllegalArgumentException(
          where(m)
              + " uses its tensor '"
              + attr
              + "' in its own code; LocSpec imports tensors"
              + " only through the layers it knows. Supported: "
              + LeafModules.SUPPORTED);
    }
    return v;
  }

  /** The functional operators LocSpec follows. */
  private Object functional(
      LeafModules.Module self, String f, List<Object> args, Map<String, Object> kwargs) {
    LeafModules.Functional layers = LeafModules.functional(archive, self);
    String fn = f.replaceFirst("^__torch__\\.torch\\.nn\\.functional\\.", "F.");
    return switch (fn) {
      case "getattr" -> attribute(self, args.get(0), (String) args.get(1));
      case "annotate", "unchecked_cast" -> args.get(1);
      case "torch.add", "torch.add_" -> addition(self, fn, args, kwargs);
      case "torch.cat" -> concatenation(self, args, kwargs);
      case "torch.flatten" ->
          add(
              "flatten",
              self.path(),
              List.of(tensor(self, fn, args.get(0))),
              n -> layers.flatten(n, args));
      case "torch.relu", "torch.relu_", "F.relu" ->
          add("relu", self.path(), List.of(tensor(self, fn, args.get(0))), Layer.Relu::new);
      case "torch.dropout", "torch.dropout_", "F.dropout" ->
          add(
              "dropout",
              self.path(),
              List.of(tensor(self, fn, args.get(0))),
              n -> new Layer.Dropout(n, ((Number) args.get(1)).floatValue()));
      case "torch.adaptive_avg_pool2d", "F.adaptive_avg_pool2d" ->
          add(
              "avgpool",
              self.path(),
              List.of(tensor(self, fn, args.get(0))),
              n -> layers.adaptiveAvgPool(n, args.get(1)));
      case "torch.max_pool2d", "F._max_pool2d", "F.max_pool2d" ->
          add(
              "pool",
              self.path(),
              List.of(tensor(self, fn, args.get(0))),
              n -> layers.maxPool(n, args));
      default ->
          throw new IllegalArgumentException(
              where(self)
                  + " computes "
                  + f
                  + " in its code, which LocSpec does not import;"
                  + " supported: "
                  + LeafModules.SUPPORTED);
    };
  }

  private Object addition(
      LeafModules.Module self, String fn, List<Object> args, Map<String, Object> kwargs) {
    Object alpha = args.size() > 2 ? args.get(2) : kwargs.getOrDefault("alpha", 1L);
    if (args.size() < 2
        || !(args.get(1) instanceof Tensor)
        || !(alpha instanceof Number n && n.doubleValue() == 1)) {
      throw new IllegalArgumentException(
          where(self)
              + " computes "
              + fn
              + " of "
              + args.stream().map(GraphBuilder::describe).toList()
              + "; LocSpec imports the sum of two tensors (a residual addition)");
    }
    return add(
        "add",
        self.path(),
        List.of(tensor(self, fn, args.get(0)), tensor(self, fn, args.get(1))),
        Layer.Add::new);
  }

  private Object concatenation(
      LeafModules.Module self, List<Object> args, Map<String, Object> kwargs) {
    Object dim = args.size() > 1 ? args.get(1) : kwargs.getOrDefault("dim", 0L);
    if (!(args.get(0) instanceof List<?> parts)
        || parts.size() < 2
        || !(dim instanceof Long d && d == 1)) {
      throw new IllegalArgumentException(
          where(self)
              + " computes torch.cat of "
              + describe(args.get(0))
              + " along axis "
              + dim
              + "; LocSpec imports concatenations of two or more tensors along the channel"
              + " axis (dim=1)");
    }
    List<Tensor> in = new ArrayList<>();
    for (Object p : parts) {
      in.add(tensor(self, "torch.cat", p));
    }
    return add("cat", self.path(), in, Layer.Concat::new);
  }

  /** Adds a node of a kind, named with the next ordinal of that kind. */
  private Tensor add(
      String kind,
      String module,
      List<Tensor> inputs,
      java.util.function.Function<String, Layer> make) {
    int ordinal = ordinals.merge(kind, 1, Integer::sum);
    Layer layer = make.apply(LayerNames.of(kind, ordinal));
    nodes.add(new LayerGraph.Node(layer, inputs.stream().map(Tensor::node).toList(), module));
    return new Tensor(layer.name());
  }

  private static String kindOfLeaf(LeafModules.Module m) {
    return switch (m.type()) {
      case "Linear" -> "dense";
      case "Conv2d" -> "conv";
      case "BatchNorm1d", "BatchNorm2d" -> "bn";
      case "ReLU" -> "relu";
      case "MaxPool2d" -> "pool";
      case "AdaptiveAvgPool2d" -> "avgpool";
      case "Flatten" -> "flatten";
      default -> "dropout";
    };
  }

  private Tensor singleTensor(LeafModules.Module m, String method, List<Object> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException(
          where(m) + " is called with " + args.size() + " arguments; a layer takes one tensor");
    }
    return tensor(m, method, args.get(0));
  }

  private Tensor tensor(LeafModules.Module m, String what, Object v) {
    if (v instanceof Tensor t) {
      return t;
    }
    throw new IllegalArgumentException(
        where(m) + ": " + what + " is applied to " + describe(v) + ", expected a tensor");
  }

  private String where(LeafModules.Module m) {
    return archive.file
        + ": layer "
        + (m.path().isEmpty() ? "(the root module)" : m.path())
        + " ("
        + m.type()
        + ")";
  }

  private static String describe(Object v) {
    if (v == null) {
      return "None";
    } else if (v instanceof Tensor t) {
      return "the tensor of " + t.node();
    } else if (v instanceof LeafModules.Module m) {
      return "module " + m.path() + " (" + m.type() + ")";
    } else if (v instanceof Global g) {
      return g.name();
    }
    return v.toString();
  }
}
