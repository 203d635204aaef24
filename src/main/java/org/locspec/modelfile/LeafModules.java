package org.locspec.modelfile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.locspec.model.Layer;

/**
 * Converts one {@code torch.nn} layer module of a TorchScript archive into a {@link Layer}: its
 * weights from {@code data.pkl}, its hyper-parameters from the {@code Final} constants of a
 * scripted module or from the literal arguments of the single {@code torch.*} call of a traced one.
 * Settings LocSpec does not compute fail with the module path, its type and the supported types.
 */
final class LeafModules {
  /** The layer types and settings LocSpec imports, for messages. */
  static final String SUPPORTED =
      "Linear, Conv2d (groups=1, dilation=1, padding_mode='zeros', the same stride and padding in"
          + " both directions), BatchNorm1d, BatchNorm2d (with running statistics), ReLU,"
          + " MaxPool2d (square window, dilation=1, ceil_mode=False), AdaptiveAvgPool2d, Flatten"
          + " (start_dim=1, end_dim=-1), Dropout, Identity, and containers (Sequential, your own"
          + " modules) whose forward is straight-line code of these, torch.add (residual"
          + " additions), torch.cat (channels), torch.flatten, torch.relu and torch.dropout";

  private static final String TORCH_MODULES = "__torch__.torch.nn.modules.";
  private static final Pattern MANGLE = Pattern.compile("\\.___torch_mangle_\\d+");
  private static final Set<String> LEAVES =
      Set.of(
          "Linear",
          "Conv2d",
          "BatchNorm1d",
          "BatchNorm2d",
          "ReLU",
          "MaxPool2d",
          "AdaptiveAvgPool2d",
          "Flatten",
          "Dropout",
          "Identity");

  private LeafModules() {}

  /**
   * One module of the tree: where it is, what it is, its state and its class.
   *
   * @param path PyTorch's module path, e.g. {@code layer1.0.conv1} ("" for the root)
   * @param className its TorchScript class
   * @param state its attributes from data.pkl
   * @param code its class's code
   */
  record Module(String path, String className, Map<String, Object> state, ScriptClass code) {
    /** "Conv2d" for a torch.nn class, else the class name without {@code __torch__.}. */
    String type() {
      return typeOf(className);
    }

    /** Whether this is a torch.nn class (a layer or a container), not the user's own. */
    boolean torchNn() {
      return MANGLE.matcher(className).replaceAll("").startsWith(TORCH_MODULES);
    }
  }

  /** Whether a module is a layer this class converts (else a container to follow). */
  static boolean isLeaf(Module m) {
    return m.torchNn() && LEAVES.contains(m.type());
  }

  /** The layer type of a TorchScript class: "Conv2d" for a torch.nn class, else the full name. */
  static String typeOf(String className) {
    String plain = MANGLE.matcher(className).replaceAll("");
    if (plain.startsWith(TORCH_MODULES)) {
      return plain.substring(plain.lastIndexOf('.') + 1);
    }
    return readable(className);
  }

  /** The class name without the {@code __torch__.} prefix and the mangling. */
  static String readable(String className) {
    String plain = MANGLE.matcher(className).replaceAll("");
    return plain.startsWith("__torch__.") ? plain.substring("__torch__.".length()) : plain;
  }

  /**
   * Converts a layer module (not {@code Identity}, which is no layer).
   *
   * @param archive the archive, for the weights
   * @param m the module
   * @param method the method called (its traced code holds the hyper-parameters)
   * @param name the LocSpec name of the layer
   * @return the layer
   */
  static Layer convert(TorchScriptArchive archive, Module m, String method, String name) {
    Reader r = new Reader(archive, m, method);
    return switch (m.type()) {
      case "Linear" -> r.linear(name);
      case "Conv2d" -> r.conv2d(name);
      case "BatchNorm1d", "BatchNorm2d" -> r.batchNorm(name);
      case "ReLU" -> r.relu(name);
      case "MaxPool2d" -> r.maxPool(name);
      case "AdaptiveAvgPool2d" -> r.adaptiveAvgPool(name);
      case "Flatten" -> r.flatten(name);
      case "Dropout" -> r.dropout(name);
      default -> throw unsupported(archive, m, "");
    };
  }

  /** The error for a module LocSpec does not import. */
  static IllegalArgumentException unsupported(TorchScriptArchive archive, Module m, String detail) {
    return new IllegalArgumentException(
        archive.file
            + ": layer "
            + (m.path().isEmpty() ? "(the root module)" : m.path())
            + " is "
            + m.type()
            + (detail.isEmpty() ? " (" + readable(m.className()) + ")" : detail)
            + ", which LocSpec cannot import; supported layer types: "
            + SUPPORTED
            + ". Replace it in the PyTorch model, or import only the supported part");
  }

  /** Reads one module's values, with messages that name it. */
  private static final class Reader {
    private final TorchScriptArchive archive;
    private final Module m;
    private final List<ScriptClass.TorchCall> calls;

    Reader(TorchScriptArchive archive, Module m, String method) {
      this.archive = archive;
      this.m = m;
      this.calls = m.code().calls(method);
    }

    Layer linear(String name) {
      if (!scripted()) {
        call("linear");
      }
      Tensor w = tensor("weight", 2);
      int out = (int) w.shape[0];
      int in = (int) w.shape[1];
      if (scripted()) {
        expect("in_features", in, intFinal("in_features"));
        expect("out_features", out, intFinal("out_features"));
      }
      return new Layer.Dense(name, in, out, w.data, optionalVector("bias", out, 0f));
    }

    Layer conv2d(String name) {
      Tensor w = tensor("weight", 4);
      int[] stride;
      int[] dilation;
      Object padding;
      int groups;
      if (scripted()) {
        stride = pair("stride", finalValue("stride"));
        dilation = pair("dilation", finalValue("dilation"));
        padding = finalValue("padding");
        groups = intFinal("groups");
        Object mode = finalValue("padding_mode");
        if (!"zeros".equals(mode)) {
          throw unsupported(archive, m, " with padding_mode='" + mode + "'");
        }
      } else {
        ScriptClass.TorchCall c = calls.size() == 1 ? calls.get(0) : null;
        if (c != null && c.name().equals("_convolution")) {
          List<Object> a = args(c, 9);
          if (!Boolean.FALSE.equals(a.get(6))) {
            throw unsupported(archive, m, " that is transposed");
          }
          groups = intArg("groups", a.get(8));
        } else if (c != null && c.name().equals("_convolution_mode")) {
          groups = intArg("groups", args(c, 7).get(6));
        } else {
          throw unexpectedCalls("_convolution");
        }
        List<Object> a = c.args();
        stride = pair("stride", a.get(3));
        padding = a.get(4);
        dilation = pair("dilation", a.get(5));
      }
      return conv(name, w, stride, dilation, padding, groups);
    }

    private Layer conv(
        String name, Tensor w, int[] stride, int[] dilation, Object padding, int groups) {
      int out = (int) w.shape[0];
      int kh = (int) w.shape[2];
      int kw = (int) w.shape[3];
      if (groups != 1) {
        throw unsupported(archive, m, " with groups=" + groups);
      }
      if (dilation[0] != 1 || dilation[1] != 1) {
        throw unsupported(archive, m, " with dilation=" + Arrays.toString(dilation));
      }
      int[] pad = padding(padding, stride, kh, kw);
      if (stride[0] != stride[1]) {
        throw unsupported(
            archive, m, " with stride=" + Arrays.toString(stride) + " (unequal directions)");
      }
      if (pad[0] != pad[1]) {
        throw unsupported(
            archive, m, " with padding=" + Arrays.toString(pad) + " (unequal directions)");
      }
      int in = (int) w.shape[1];
      if (scripted()) {
        expect("in_channels", in, intFinal("in_channels"));
        expect("out_channels", out, intFinal("out_channels"));
      }
      float[] bias = optionalVector("bias", out, 0f);
      return new Layer.Conv2d(name, in, out, kh, kw, stride[0], pad[0], w.data, bias);
    }

    private int[] padding(Object padding, int[] stride, int kh, int kw) {
      if ("valid".equals(padding)) {
        return new int[] {0, 0};
      } else if ("same".equals(padding)) {
        if (stride[0] != 1 || stride[1] != 1 || kh % 2 == 0 || kw % 2 == 0) {
          throw unsupported(
              archive,
              m,
              " with padding='same' and kernel "
                  + kh
                  + "×"
                  + kw
                  + ", stride "
                  + Arrays.toString(stride));
        }
        return new int[] {(kh - 1) / 2, (kw - 1) / 2};
      }
      return pair("padding", padding);
    }

    Layer batchNorm(String name) {
      double eps;
      if (scripted()) {
        eps = doubleArg("eps", finalValue("eps"));
        if (!Boolean.TRUE.equals(finalValue("track_running_stats"))) {
          throw unsupported(
              archive, m, " with track_running_stats=False (it normalizes with batch statistics)");
        }
      } else {
        List<String> names = calls.stream().map(ScriptClass.TorchCall::name).toList();
        boolean trainingMode =
            names.contains("batch_norm") && names.contains("add_") && names.size() == 2;
        List<Object> a = trainingMode ? null : args(call("batch_norm"), 9);
        if (trainingMode || !Boolean.FALSE.equals(a.get(5))) {
          throw new IllegalArgumentException(
              where()
                  + " was traced in training mode and uses batch statistics; call"
                  + " model.eval() before torch.jit.trace");
        }
        eps = doubleArg("eps", a.get(7));
      }
      if (m.state().get("running_mean") == null || m.state().get("running_var") == null) {
        throw unsupported(archive, m, " without running statistics (track_running_stats=False)");
      }
      float[] mean = tensor("running_mean", 1).data;
      int n = mean.length;
      return new Layer.BatchNorm(
          name,
          optionalVector("weight", n, 1f),
          optionalVector("bias", n, 0f),
          mean,
          vector("running_var", n),
          (float) eps);
    }

    Layer relu(String name) {
      if (!scripted()
          && !(calls.size() == 1
              && (calls.get(0).name().equals("relu") || calls.get(0).name().equals("relu_")))) {
        throw unexpectedCalls("relu");
      }
      return new Layer.Relu(name);
    }

    Layer maxPool(String name) {
      if (scripted()) {
        if (Boolean.TRUE.equals(finalValue("return_indices"))) {
          throw unsupported(archive, m, " with return_indices=True");
        }
        return maxPool(
            name,
            finalValue("kernel_size"),
            finalValue("stride"),
            finalValue("padding"),
            finalValue("dilation"),
            finalValue("ceil_mode"));
      }
      List<Object> a = args(call("max_pool2d"), 5);
      return maxPool(
          name, a.get(1), a.get(2), a.get(3), a.get(4), a.size() > 5 ? a.get(5) : Boolean.FALSE);
    }

    /** A max pool from its arguments (also for the functional torch.max_pool2d). */
    Layer maxPool(
        String name,
        Object kernelSize,
        Object strideArg,
        Object paddingArg,
        Object dilationArg,
        Object ceilMode) {
      int[] kernel = pair("kernel_size", kernelSize);
      boolean noStride = strideArg == null || strideArg instanceof List<?> l && l.isEmpty();
      int[] stride = noStride ? kernel : pair("stride", strideArg);
      int[] padding = pair("padding", paddingArg);
      int[] dilation = pair("dilation", dilationArg);
      if (kernel[0] != kernel[1] || stride[0] != stride[1] || padding[0] != padding[1]) {
        throw unsupported(
            archive,
            m,
            " with kernel_size="
                + Arrays.toString(kernel)
                + ", stride="
                + Arrays.toString(stride)
                + ", padding="
                + Arrays.toString(padding)
                + " (not square)");
      }
      if (dilation[0] != 1 || dilation[1] != 1) {
        throw unsupported(archive, m, " with dilation=" + Arrays.toString(dilation));
      }
      if (Boolean.TRUE.equals(ceilMode)) {
        throw unsupported(archive, m, " with ceil_mode=True");
      }
      if (padding[0] > kernel[0] / 2) {
        throw unsupported(archive, m, " with padding " + padding[0] + " > kernel_size / 2");
      }
      return new Layer.MaxPool2d(name, kernel[0], stride[0], padding[0]);
    }

    Layer adaptiveAvgPool(String name) {
      Object size =
          scripted() ? finalValue("output_size") : args(call("adaptive_avg_pool2d"), 2).get(1);
      return adaptiveAvgPool(name, size);
    }

    /** An adaptive average pool from its output size (also for the functional call). */
    Layer adaptiveAvgPool(String name, Object size) {
      if (size instanceof List<?> l && l.size() == 2 && (l.get(0) == null || l.get(1) == null)) {
        throw unsupported(archive, m, " with output_size " + size + " (None keeps an axis)");
      }
      int[] out = pair("output_size", size);
      return new Layer.AdaptiveAvgPool2d(name, out[0], out[1]);
    }

    Layer flatten(String name) {
      long start;
      long end;
      if (scripted()) {
        start = intFinal("start_dim");
        end = intFinal("end_dim");
      } else {
        List<Object> a = args(call("flatten"), 2);
        start = intArg("start_dim", a.get(1));
        end = a.size() > 2 ? intArg("end_dim", a.get(2)) : -1;
      }
      return flatten(name, start, end);
    }

    /** A flatten from its axes (also for the functional call). */
    Layer flatten(String name, long start, long end) {
      if (start != 1 || end != -1) {
        throw unsupported(archive, m, " with start_dim=" + start + ", end_dim=" + end);
      }
      return new Layer.Flatten(name);
    }

    Layer dropout(String name) {
      double p;
      if (scripted()) {
        p = doubleArg("p", finalValue("p"));
      } else {
        if (calls.size() != 1
            || !(calls.get(0).name().equals("dropout") || calls.get(0).name().equals("dropout_"))) {
          throw unexpectedCalls("dropout");
        }
        p = doubleArg("p", args(calls.get(0), 3).get(1));
      }
      return new Layer.Dropout(name, (float) p);
    }

    // ---- values -----------------------------------------------------------------------------

    private boolean scripted() {
      return m.code().scripted();
    }

    /** "FILE: layer PATH (TYPE)", the start of every message about one layer. */
    String where() {
      return archive.file + ": layer " + m.path() + " (" + m.type() + ")";
    }

    private ScriptClass.TorchCall call(String name) {
      if (calls.size() != 1 || !calls.get(0).name().equals(name)) {
        throw unexpectedCalls(name);
      }
      return calls.get(0);
    }

    private List<Object> args(ScriptClass.TorchCall c, int atLeast) {
      if (c.args().size() < atLeast) {
        throw new IllegalArgumentException(
            where()
                + ": its traced call torch."
                + c.name()
                + " has "
                + c.args().size()
                + " arguments, expected at least "
                + atLeast
                + ". Save the model with"
                + " torch.jit.script instead of torch.jit.trace");
      }
      return c.args();
    }

    private IllegalArgumentException unexpectedCalls(String expected) {
      List<String> names = calls.stream().map(c -> "torch." + c.name()).toList();
      return new IllegalArgumentException(
          where()
              + " computes "
              + names
              + " in its traced code where LocSpec expects one call"
              + " to torch."
              + expected
              + "; it has a setting LocSpec does not import. Supported"
              + " layer types: "
              + SUPPORTED);
    }

    private Object finalValue(String key) {
      String v = m.code().finals().get(key);
      if (v == null) {
        throw new IllegalArgumentException(
            where()
                + " has no constant '"
                + key
                + "' in its scripted code; save the model again"
                + " with torch.jit.script");
      }
      try {
        return ScriptCode.literal(ScriptCode.expression(v));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where() + ": cannot read constant " + key + " = " + v + " (" + e.getMessage() + ")", e);
      }
    }

    private int intFinal(String key) {
      return intArg(key, finalValue(key));
    }

    int intArg(String what, Object v) {
      if (v instanceof Long l) {
        return Math.toIntExact(l);
      }
      throw badValue(what, v, "an int");
    }

    private double doubleArg(String what, Object v) {
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      throw badValue(what, v, "a number");
    }

    int[] pair(String what, Object v) {
      if (v instanceof Long l) {
        int i = Math.toIntExact(l);
        return new int[] {i, i};
      } else if (v instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Long a) {
        return new int[] {Math.toIntExact(a), Math.toIntExact(a)};
      } else if (v instanceof List<?> list
          && list.size() == 2
          && list.get(0) instanceof Long a
          && list.get(1) instanceof Long b) {
        return new int[] {Math.toIntExact(a), Math.toIntExact(b)};
      }
      throw badValue(what, v, "an int or a pair of ints");
    }

    private IllegalArgumentException badValue(String what, Object v, String expected) {
      return new IllegalArgumentException(
          where()
              + ": "
              + what
              + " is "
              + v
              + ", expected "
              + expected
              + "; supported layer"
              + " types: "
              + SUPPORTED);
    }

    private void expect(String what, int fromWeights, int declared) {
      if (fromWeights != declared) {
        throw new IllegalArgumentException(
            where()
                + " declares "
                + what
                + "="
                + declared
                + " but its weight gives "
                + fromWeights
                + "; the archive is inconsistent");
      }
    }

    // ---- tensors ----------------------------------------------------------------------------

    /** A float32 tensor read from the archive. */
    private record Tensor(long[] shape, float[] data) {}

    private Tensor tensor(String attr, int dims) {
      Object v = m.state().get(attr);
      if (!(v instanceof TorchPickle.TensorRef t)) {
        throw new IllegalArgumentException(
            where()
                + " has no tensor '"
                + attr
                + "' in data.pkl (found "
                + (v == null ? "None" : v.getClass().getSimpleName())
                + "); the archive is inconsistent: save the model again with torch.jit.save");
      }
      if (t.size().length != dims) {
        throw new IllegalArgumentException(
            where()
                + ": "
                + attr
                + " has shape "
                + Arrays.toString(t.size())
                + ", expected "
                + dims
                + " dimensions");
      }
      if (!t.storageType().equals("FloatStorage")) {
        throw new IllegalArgumentException(
            where()
                + ": "
                + attr
                + " is stored as "
                + t.storageType()
                + "; LocSpec reads float32"
                + " models: call model.float() before saving");
      }
      return new Tensor(t.size(), archive.floats(t, where() + ": " + attr));
    }

    private float[] vector(String attr, int n) {
      Tensor t = tensor(attr, 1);
      if (t.shape[0] != n) {
        throw new IllegalArgumentException(
            where() + ": " + attr + " has " + t.shape[0] + " values, expected " + n);
      }
      return t.data;
    }

    /** The vector {@code attr}, or {@code n} copies of {@code fill} when it is None. */
    private float[] optionalVector(String attr, int n, float fill) {
      if (m.state().get(attr) == null) {
        float[] out = new float[n];
        Arrays.fill(out, fill);
        return out;
      }
      return vector(attr, n);
    }
  }

  /**
   * A reader for the functional forms of layers (torch.max_pool2d, torch.flatten, ...) called in a
   * module's code: the same checks and messages, naming that module.
   *
   * @param archive the archive
   * @param m the module whose code makes the call
   * @return functions that build the layers
   */
  static Functional functional(TorchScriptArchive archive, Module m) {
    return new Functional(new Reader(archive, m, "forward"));
  }

  /** Builds layers from the arguments of functional calls. */
  static final class Functional {
    private final Reader r;

    private Functional(Reader r) {
      this.r = r;
    }

    Layer maxPool(String name, List<Object> a) {
      return r.maxPool(
          name,
          a.get(1),
          a.size() > 2 ? a.get(2) : null,
          a.size() > 3 ? a.get(3) : 0L,
          a.size() > 4 ? a.get(4) : 1L,
          a.size() > 5 ? a.get(5) : Boolean.FALSE);
    }

    Layer adaptiveAvgPool(String name, Object size) {
      return r.adaptiveAvgPool(name, size);
    }

    Layer flatten(String name, List<Object> a) {
      long start = a.size() > 1 ? r.intArg("start_dim", a.get(1)) : 0;
      long end = a.size() > 2 ? r.intArg("end_dim", a.get(2)) : -1;
      return r.flatten(name, start, end);
    }

    int intArg(String what, Object v) {
      return r.intArg(what, v);
    }
  }
}
