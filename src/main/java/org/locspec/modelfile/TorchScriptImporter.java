package org.locspec.modelfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.locspec.model.Layer;
import org.locspec.model.LayerNames;
import org.locspec.model.Network;

/**
 * Imports a PyTorch TorchScript file (written by {@code torch.jit.save}) of a sequential MLP or CNN
 * as a {@link Network} that computes the same outputs.
 *
 * <p>The model must be a {@code torch.nn.Sequential} (nested {@code Sequential}s are flattened) of
 * these layers:
 *
 * <ul>
 *   <li>{@code Linear} (with or without bias) → {@link Layer.Dense} {@code dense1, dense2, ..};
 *   <li>{@code Conv2d} with {@code groups=1}, {@code dilation=1}, {@code padding_mode="zeros"}, the
 *       same stride and the same padding in both directions (kernels may be rectangular; {@code
 *       padding="same"/"valid"} are resolved) → {@link Layer.Conv2d} {@code conv1, ..};
 *   <li>{@code BatchNorm1d}, {@code BatchNorm2d} with running statistics (inference mode) → {@link
 *       Layer.BatchNorm} {@code bn1, ..};
 *   <li>{@code ReLU} → {@code relu1, ..}; {@code MaxPool2d} with a square window, padding 0,
 *       dilation 1 and {@code ceil_mode=False} → {@code pool1, ..}; {@code Flatten} with {@code
 *       start_dim=1, end_dim=-1} → {@code flatten1, ..}; {@code Dropout} → {@code dropout1, ..}.
 * </ul>
 *
 * <p>Both {@code torch.jit.script} and {@code torch.jit.trace} outputs are read. Layer order comes
 * from the Sequential's class file ({@code code/__torch__/torch/nn/modules/container*.py}), layer
 * hyper-parameters from each layer's class file (the {@code Final} constants of a scripted module,
 * the literal arguments of the traced {@code torch.*} call), and weights, biases and running
 * statistics from {@code data.pkl} and the raw little-endian storages {@code data/<key>}. No Python
 * code is run. Every other layer type or setting fails with an {@link IllegalArgumentException}
 * that names the layer's index (PyTorch's module path, e.g. {@code 3} or {@code 1.0}), its type and
 * the supported types.
 *
 * <p>The imported network always computes in inference mode, whatever the saved module's {@code
 * training} flag: dropout is the identity and batch norm uses its running statistics.
 *
 * <pre>{@code
 * try (Network net = TorchScriptImporter.load(Path.of("cnn.pt"), new long[] {1, 28, 28})) {
 *   int[] predicted = net.predict(testSet, Map.of(), 500);
 * }
 * }</pre>
 */
public final class TorchScriptImporter {
  private static final String SUPPORTED =
      "Linear, Conv2d (groups=1, dilation=1, padding_mode='zeros', the same stride and padding in"
          + " both directions), BatchNorm1d, BatchNorm2d (with running statistics), ReLU,"
          + " MaxPool2d (square window, padding=0, dilation=1, ceil_mode=False), Flatten"
          + " (start_dim=1, end_dim=-1), Dropout and nested Sequential";

  private static final String TORCH_MODULES = "__torch__.torch.nn.modules.";
  private static final Pattern MANGLE = Pattern.compile("\\.___torch_mangle_\\d+");
  private static final Pattern FINAL =
      Pattern.compile("^\\s+(\\w+)\\s*:\\s*Final\\[.*\\]\\s*=\\s*(.+?)\\s*$");
  private static final Pattern CHILD =
      Pattern.compile("^\\s+__annotations__\\[\"([^\"]+)\"\\]\\s*=\\s*(\\S+)\\s*$");
  private static final Pattern TORCH_CALL = Pattern.compile("(?<![\\w.])torch\\.(\\w+)\\(");

  private TorchScriptImporter() {}

  /**
   * Imports a TorchScript file, deriving the input shape from the first layer. This works only for
   * an MLP (its first weighted layer is a {@code Linear} with {@code n} inputs): a square {@code n
   * = s²} gives {@code {1, s, s}} (e.g. 784 → 1×28×28), {@code n = 3·s²} gives {@code {3, s, s}}.
   * For a CNN, or any other {@code n}, use {@link #load(Path, long[])}.
   *
   * @param file a file written by {@code torch.jit.save}
   * @return the network, named after the file (close it when done)
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not a TorchScript archive, holds an unsupported
   *     layer, or its input shape cannot be derived
   */
  public static Network load(Path file) {
    return load(file, null);
  }

  /**
   * Imports a TorchScript file with a given input shape.
   *
   * @param file a file written by {@code torch.jit.save}
   * @param inputShape the shape of one input image, {@code {channels, height, width}}; {@code null}
   *     to derive it as {@link #load(Path)} does
   * @return the network, named after the file (close it when done)
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not a TorchScript archive, holds an unsupported
   *     layer, or the layers do not fit the input shape
   */
  public static Network load(Path file, long[] inputShape) {
    Objects.requireNonNull(file, "file");
    if (inputShape != null
        && (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(v -> v < 1))) {
      throw new IllegalArgumentException(
          "inputShape must be {channels, height, width} with positive entries, got "
              + Arrays.toString(inputShape));
    }
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(
          "TorchScript file "
              + file.toAbsolutePath()
              + " does not exist or is not a file; give the path of a model saved with"
              + " torch.jit.save(torch.jit.script(model), path)",
          new NoSuchFileException(file.toString()));
    }
    List<Layer> layers;
    try (Archive archive = Archive.open(file)) {
      layers = new Importer(archive).importAll();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read TorchScript file " + file + ": " + e.getMessage(), e);
    }
    long[] shape = inputShape != null ? inputShape : deriveInputShape(file, layers);
    String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    return Network.of(name, shape, layers);
  }

  private static long[] deriveInputShape(Path file, List<Layer> layers) {
    for (Layer l : layers) {
      if (l instanceof Layer.Dense d) {
        long n = d.inputs();
        long s = Math.round(Math.sqrt(n));
        if (s * s == n) {
          return new long[] {1, s, s};
        }
        long t = Math.round(Math.sqrt(n / 3.0));
        if (3 * t * t == n) {
          return new long[] {3, t, t};
        }
        throw new IllegalArgumentException(
            file
                + ": the first layer "
                + d.name()
                + " takes "
                + n
                + " inputs, which is neither s²"
                + " (1×s×s) nor 3·s² (3×s×s); give the input shape: TorchScriptImporter.load(file,"
                + " new long[] {channels, height, width})");
      } else if (!(l instanceof Layer.Flatten
          || l instanceof Layer.Dropout
          || l instanceof Layer.Relu)) {
        String channels = l instanceof Layer.Conv2d c ? String.valueOf(c.inputs()) : "C";
        throw new IllegalArgumentException(
            file
                + ": the input shape of a network starting with "
                + l
                + " cannot be derived;"
                + " give it: TorchScriptImporter.load(file, new long[] {"
                + channels
                + ", height, width}), e.g. {1, 28, 28} for MNIST");
      }
    }
    throw new IllegalArgumentException(file + " has no Linear or Conv2d layer; nothing to import");
  }

  /** The zip archive and its folder prefix ({@code <archive>/}). */
  private static final class Archive implements AutoCloseable {
    final Path file;
    final ZipFile zip;
    final String prefix;

    private Archive(Path file, ZipFile zip, String prefix) {
      this.file = file;
      this.zip = zip;
      this.prefix = prefix;
    }

    static Archive open(Path file) throws IOException {
      ZipFile zip;
      try {
        zip = new ZipFile(file.toFile());
      } catch (ZipException e) {
        throw new IllegalArgumentException(
            file
                + " is not a readable zip archive ("
                + e.getMessage()
                + "): it is truncated,"
                + " damaged or not a TorchScript file. Save the model again with"
                + " torch.jit.save(torch.jit.script(model), path) and copy the whole file",
            e);
      }
      try {
        String prefix = null;
        boolean code = false;
        for (var en = zip.entries(); en.hasMoreElements(); ) {
          String n = en.nextElement().getName();
          if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
            prefix = n.substring(0, n.length() - "data.pkl".length());
          }
        }
        if (prefix != null) {
          code = zip.getEntry(prefix + "code/") != null || hasEntryUnder(zip, prefix + "code/");
        }
        if (prefix == null) {
          throw new IllegalArgumentException(
              file
                  + " is a zip archive without <archive>/data.pkl, so not a PyTorch model;"
                  + " save the model with torch.jit.save(torch.jit.script(model), path)");
        }
        if (!code) {
          throw new IllegalArgumentException(
              file
                  + " holds no code/ folder: it is a torch.save checkpoint (e.g. a state_dict),"
                  + " not TorchScript; in Python, load the model and save it with"
                  + " torch.jit.save(torch.jit.script(model), path)");
        }
        return new Archive(file, zip, prefix);
      } catch (RuntimeException e) {
        zip.close();
        throw e;
      }
    }

    private static boolean hasEntryUnder(ZipFile zip, String folder) {
      for (var en = zip.entries(); en.hasMoreElements(); ) {
        if (en.nextElement().getName().startsWith(folder)) {
          return true;
        }
      }
      return false;
    }

    byte[] bytes(String relative) {
      ZipEntry e = zip.getEntry(prefix + relative);
      if (e == null) {
        throw new IllegalArgumentException(
            file
                + " has no entry "
                + prefix
                + relative
                + ": the archive is incomplete; save the"
                + " model again with torch.jit.save");
      }
      try (InputStream in = zip.getInputStream(e)) {
        return in.readAllBytes();
      } catch (IOException ex) {
        throw new IllegalArgumentException(
            file
                + ": cannot read entry "
                + prefix
                + relative
                + " ("
                + ex.getMessage()
                + "); the"
                + " file is damaged: save the model again with torch.jit.save",
            ex);
      }
    }

    String text(String relative) {
      return new String(bytes(relative), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }

  /** One module of the tree: where it is, what it is, its state and its class source. */
  private record Module(
      String path, String className, String type, Map<String, Object> state, ClassSource source) {
    /** True for a scripted module (its class file states its hyper-parameters as Finals). */
    boolean scripted() {
      return !source.finals().isEmpty();
    }
  }

  /** A class's code: its Final constants, its children, and (for traced code) its torch calls. */
  private record ClassSource(
      String text, Map<String, String> finals, Map<String, String> children, List<Call> calls) {}

  /** A call {@code torch.name(args)} in a class's code, with its argument text. */
  private record Call(String name, String args) {}

  /** Converts the module tree of one archive to layers. */
  private static final class Importer {
    private final Archive archive;
    private final Map<String, ClassSource> sources = new HashMap<>();
    private final Map<String, ByteBuffer> storages = new HashMap<>();
    private final Map<Class<? extends Layer>, Integer> ordinals = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();

    Importer(Archive archive) {
      this.archive = archive;
    }

    List<Layer> importAll() {
      Object root =
          TorchPickle.load(
              archive.bytes("data.pkl"), archive.file + "!" + archive.prefix + "data.pkl");
      if (!(root instanceof TorchPickle.ModuleObject m)) {
        throw new IllegalArgumentException(
            archive.file
                + ": data.pkl holds no TorchScript module; save the model with torch.jit.save");
      }
      String type = typeOf(m.className());
      if (!type.equals("Sequential")) {
        throw new IllegalArgumentException(
            archive.file
                + ": the top module is "
                + readable(m.className())
                + ", not a"
                + " torch.nn.Sequential; LocSpec imports a Sequential of "
                + SUPPORTED
                + ". Rebuild the model as nn.Sequential(...) before torch.jit.script or trace");
      }
      addChildren(module("", m));
      return layers;
    }

    private Module module(String path, TorchPickle.ModuleObject m) {
      return new Module(
          path, m.className(), typeOf(m.className()), m.state(), source(m.className()));
    }

    private void addChildren(Module seq) {
      for (var e : seq.source().children().entrySet()) {
        String path = seq.path().isEmpty() ? e.getKey() : seq.path() + "." + e.getKey();
        Object child = seq.state().get(e.getKey());
        if (!(child instanceof TorchPickle.ModuleObject c) || !c.className().equals(e.getValue())) {
          throw new IllegalArgumentException(
              archive.file
                  + ": layer "
                  + path
                  + " is declared as "
                  + e.getValue()
                  + " but data.pkl holds "
                  + (child instanceof TorchPickle.ModuleObject c2 ? c2.className() : "no module")
                  + "; the archive is inconsistent: save the model again with torch.jit.save");
        }
        Module m = module(path, c);
        switch (m.type()) {
          case "Sequential" -> addChildren(m);
          case "Linear" -> add(Layer.Dense.class, name -> linear(m, name));
          case "Conv2d" -> add(Layer.Conv2d.class, name -> conv2d(m, name));
          case "BatchNorm1d", "BatchNorm2d" ->
              add(Layer.BatchNorm.class, name -> batchNorm(m, name));
          case "ReLU" -> add(Layer.Relu.class, name -> relu(m, name));
          case "MaxPool2d" -> add(Layer.MaxPool2d.class, name -> maxPool(m, name));
          case "Flatten" -> add(Layer.Flatten.class, name -> flatten(m, name));
          case "Dropout" -> add(Layer.Dropout.class, name -> dropout(m, name));
          default -> throw unsupported(m, "");
        }
      }
    }

    private void add(Class<? extends Layer> kind, Function<String, Layer> make) {
      int ordinal = ordinals.merge(kind, 1, Integer::sum);
      layers.add(make.apply(LayerNames.of(LayerNames.kindOf(kind), ordinal)));
    }

    private Layer linear(Module m, String name) {
      if (!m.scripted()) {
        call(m, "linear");
      }
      Tensor w = tensor(m, "weight", 2);
      int out = (int) w.shape[0];
      int in = (int) w.shape[1];
      if (m.scripted()) {
        expect(m, "in_features", in, intFinal(m, "in_features"));
        expect(m, "out_features", out, intFinal(m, "out_features"));
      }
      float[] bias = optionalVector(m, "bias", out, 0f);
      return new Layer.Dense(name, in, out, w.data, bias);
    }

    private Layer conv2d(Module m, String name) {
      Tensor w = tensor(m, "weight", 4);
      int out = (int) w.shape[0];
      int kh = (int) w.shape[2];
      int kw = (int) w.shape[3];
      int[] stride;
      int[] dilation;
      Object padding;
      int groups;
      if (m.scripted()) {
        stride = pair(m, "stride", final_(m, "stride"));
        dilation = pair(m, "dilation", final_(m, "dilation"));
        padding = final_(m, "padding");
        groups = intFinal(m, "groups");
        Object mode = final_(m, "padding_mode");
        if (!"zeros".equals(mode)) {
          throw unsupported(m, " with padding_mode='" + mode + "'");
        }
      } else {
        Call c = m.source().calls().size() == 1 ? m.source().calls().get(0) : null;
        if (c != null && c.name().equals("_convolution")) {
          List<Object> a = args(m, c, 9);
          if (!Boolean.FALSE.equals(a.get(6))) {
            throw unsupported(m, " that is transposed");
          }
          stride = pair(m, "stride", a.get(3));
          padding = a.get(4);
          dilation = pair(m, "dilation", a.get(5));
          groups = intArg(m, "groups", a.get(8));
        } else if (c != null && c.name().equals("_convolution_mode")) {
          List<Object> a = args(m, c, 7);
          stride = pair(m, "stride", a.get(3));
          padding = a.get(4);
          dilation = pair(m, "dilation", a.get(5));
          groups = intArg(m, "groups", a.get(6));
        } else {
          throw unexpectedCalls(m, "_convolution");
        }
      }
      if (groups != 1) {
        throw unsupported(m, " with groups=" + groups);
      }
      if (dilation[0] != 1 || dilation[1] != 1) {
        throw unsupported(m, " with dilation=" + Arrays.toString(dilation));
      }
      int[] pad = padding(m, padding, stride, kh, kw);
      if (stride[0] != stride[1]) {
        throw unsupported(m, " with stride=" + Arrays.toString(stride) + " (unequal directions)");
      }
      if (pad[0] != pad[1]) {
        throw unsupported(m, " with padding=" + Arrays.toString(pad) + " (unequal directions)");
      }
      int in = (int) w.shape[1];
      if (m.scripted()) {
        expect(m, "in_channels", in, intFinal(m, "in_channels"));
        expect(m, "out_channels", out, intFinal(m, "out_channels"));
      }
      float[] bias = optionalVector(m, "bias", out, 0f);
      return new Layer.Conv2d(name, in, out, kh, kw, stride[0], pad[0], w.data, bias);
    }

    private int[] padding(Module m, Object padding, int[] stride, int kh, int kw) {
      if ("valid".equals(padding)) {
        return new int[] {0, 0};
      } else if ("same".equals(padding)) {
        if (stride[0] != 1 || stride[1] != 1 || kh % 2 == 0 || kw % 2 == 0) {
          throw unsupported(
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
      return pair(m, "padding", padding);
    }

    private Layer batchNorm(Module m, String name) {
      double eps;
      if (m.scripted()) {
        eps = doubleFinal(m, "eps");
        if (!Boolean.TRUE.equals(final_(m, "track_running_stats"))) {
          throw unsupported(
              m, " with track_running_stats=False (it normalizes with batch statistics)");
        }
      } else {
        List<String> names = m.source().calls().stream().map(Call::name).toList();
        boolean trainingMode =
            names.contains("batch_norm") && names.contains("add_") && names.size() == 2;
        List<Object> a = trainingMode ? null : args(m, call(m, "batch_norm"), 9);
        if (trainingMode || !Boolean.FALSE.equals(a.get(5))) {
          throw new IllegalArgumentException(
              where(m)
                  + " was traced in training"
                  + " mode and uses batch statistics; call model.eval() before torch.jit.trace");
        }
        eps = doubleArg(m, "eps", a.get(7));
      }
      if (m.state().get("running_mean") == null || m.state().get("running_var") == null) {
        throw unsupported(m, " without running statistics (track_running_stats=False)");
      }
      float[] mean = tensor(m, "running_mean", 1).data;
      int n = mean.length;
      float[] var = vector(m, "running_var", n);
      float[] gamma = optionalVector(m, "weight", n, 1f);
      float[] beta = optionalVector(m, "bias", n, 0f);
      return new Layer.BatchNorm(name, gamma, beta, mean, var, (float) eps);
    }

    private Layer relu(Module m, String name) {
      if (!m.scripted()) {
        List<Call> calls = m.source().calls();
        if (calls.size() != 1
            || !(calls.get(0).name().equals("relu") || calls.get(0).name().equals("relu_"))) {
          throw unexpectedCalls(m, "relu");
        }
      }
      return new Layer.Relu(name);
    }

    private Layer maxPool(Module m, String name) {
      int[] kernel;
      int[] stride;
      int[] padding;
      int[] dilation;
      boolean ceil;
      if (m.scripted()) {
        kernel = pair(m, "kernel_size", final_(m, "kernel_size"));
        stride = pair(m, "stride", final_(m, "stride"));
        padding = pair(m, "padding", final_(m, "padding"));
        dilation = pair(m, "dilation", final_(m, "dilation"));
        ceil = Boolean.TRUE.equals(final_(m, "ceil_mode"));
        if (Boolean.TRUE.equals(final_(m, "return_indices"))) {
          throw unsupported(m, " with return_indices=True");
        }
      } else {
        List<Object> a = args(m, call(m, "max_pool2d"), 5);
        kernel = pair(m, "kernel_size", a.get(1));
        stride = pair(m, "stride", a.get(2));
        padding = pair(m, "padding", a.get(3));
        dilation = pair(m, "dilation", a.get(4));
        ceil = a.size() > 5 && Boolean.TRUE.equals(a.get(5));
      }
      if (kernel[0] != kernel[1] || stride[0] != stride[1]) {
        throw unsupported(
            m,
            " with kernel_size="
                + Arrays.toString(kernel)
                + ", stride="
                + Arrays.toString(stride)
                + " (not square)");
      }
      if (padding[0] != 0 || padding[1] != 0) {
        throw unsupported(m, " with padding=" + Arrays.toString(padding));
      }
      if (dilation[0] != 1 || dilation[1] != 1) {
        throw unsupported(m, " with dilation=" + Arrays.toString(dilation));
      }
      if (ceil) {
        throw unsupported(m, " with ceil_mode=True");
      }
      return new Layer.MaxPool2d(name, kernel[0], stride[0]);
    }

    private Layer flatten(Module m, String name) {
      long start;
      long end;
      if (m.scripted()) {
        start = intFinal(m, "start_dim");
        end = intFinal(m, "end_dim");
      } else {
        List<Object> a = args(m, call(m, "flatten"), 2);
        start = intArg(m, "start_dim", a.get(1));
        end = a.size() > 2 ? intArg(m, "end_dim", a.get(2)) : -1;
      }
      if (start != 1 || end != -1) {
        throw unsupported(m, " with start_dim=" + start + ", end_dim=" + end);
      }
      return new Layer.Flatten(name);
    }

    private Layer dropout(Module m, String name) {
      double p;
      if (m.scripted()) {
        p = doubleFinal(m, "p");
      } else {
        List<Call> calls = m.source().calls();
        if (calls.size() != 1
            || !(calls.get(0).name().equals("dropout") || calls.get(0).name().equals("dropout_"))) {
          throw unexpectedCalls(m, "dropout");
        }
        p = doubleArg(m, "p", args(m, calls.get(0), 3).get(1));
      }
      return new Layer.Dropout(name, (float) p);
    }

    // ---- class sources ----------------------------------------------------------------------

    private ClassSource source(String className) {
      return sources.computeIfAbsent(className, this::readSource);
    }

    private ClassSource readSource(String className) {
      int dot = className.lastIndexOf('.');
      String file = "code/" + className.substring(0, dot).replace('.', '/') + ".py";
      String simple = className.substring(dot + 1);
      String[] lines = archive.text(file).split("\n", -1);
      int start = -1;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith("class " + simple + "(")) {
          start = i;
          break;
        }
      }
      if (start < 0) {
        throw new IllegalArgumentException(
            archive.file
                + ": "
                + archive.prefix
                + file
                + " does not define class "
                + simple
                + "; the archive is inconsistent: save the model again with torch.jit.save");
      }
      StringBuilder text = new StringBuilder(lines[start]).append('\n');
      Map<String, String> finals = new LinkedHashMap<>();
      Map<String, String> children = new LinkedHashMap<>();
      for (int i = start + 1; i < lines.length; i++) {
        String line = lines[i];
        if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
          break;
        }
        text.append(line).append('\n');
        Matcher f = FINAL.matcher(line);
        if (f.matches()) {
          finals.put(f.group(1), f.group(2));
        }
        Matcher c = CHILD.matcher(line);
        if (c.matches()) {
          children.put(c.group(1), c.group(2));
        }
      }
      List<Call> calls = new ArrayList<>();
      Matcher call = TORCH_CALL.matcher(text);
      while (call.find()) {
        int open = call.end() - 1;
        int close = closingParen(text, open);
        calls.add(new Call(call.group(1), close < 0 ? null : text.substring(open + 1, close)));
      }
      return new ClassSource(text.toString(), finals, children, calls);
    }

    private static int closingParen(CharSequence s, int open) {
      int depth = 0;
      char quote = 0;
      for (int i = open; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (quote != 0) {
          if (ch == '\\') {
            i++;
          } else if (ch == quote) {
            quote = 0;
          }
        } else if (ch == '"' || ch == '\'') {
          quote = ch;
        } else if (ch == '(' || ch == '[') {
          depth++;
        } else if (ch == ')' || ch == ']') {
          if (--depth == 0) {
            return i;
          }
        }
      }
      return -1;
    }

    /** The single traced call of a module, which must be {@code torch.<name>}. */
    private Call call(Module m, String name) {
      List<Call> calls = m.source().calls();
      if (calls.size() != 1 || !calls.get(0).name().equals(name)) {
        throw unexpectedCalls(m, name);
      }
      return calls.get(0);
    }

    private List<Object> args(Module m, Call c, int atLeast) {
      List<Object> a;
      try {
        a = c.args() == null ? null : Literals.parseArgs(c.args());
      } catch (IllegalArgumentException e) {
        a = null;
      }
      if (a == null || a.size() < atLeast) {
        throw new IllegalArgumentException(
            where(m)
                + ": cannot read the"
                + " arguments of its traced call torch."
                + c.name()
                + "("
                + c.args()
                + "); expected"
                + " at least "
                + atLeast
                + " literal arguments. Save the model with"
                + " torch.jit.script instead of torch.jit.trace");
      }
      return a;
    }

    /** "FILE: layer PATH (TYPE)", the start of every message about one layer. */
    private String where(Module m) {
      return archive.file + ": layer " + m.path() + " (" + m.type() + ")";
    }

    private IllegalArgumentException unexpectedCalls(Module m, String expected) {
      List<String> names = m.source().calls().stream().map(c -> "torch." + c.name()).toList();
      return new IllegalArgumentException(
          where(m)
              + " computes "
              + names
              + " in its traced code where LocSpec expects one call to torch."
              + expected
              + "; it has a setting LocSpec does not import. Supported layer types: "
              + SUPPORTED);
    }

    // ---- values -----------------------------------------------------------------------------

    private Object final_(Module m, String key) {
      String v = m.source().finals().get(key);
      if (v == null) {
        throw new IllegalArgumentException(
            where(m)
                + " has no constant '"
                + key
                + "' in its scripted code; save the model again with torch.jit.script");
      }
      try {
        return Literals.parse(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where(m) + ": cannot read constant " + key + " = " + v + " (" + e.getMessage() + ")",
            e);
      }
    }

    private int intFinal(Module m, String key) {
      return intArg(m, key, final_(m, key));
    }

    private double doubleFinal(Module m, String key) {
      return doubleArg(m, key, final_(m, key));
    }

    private int intArg(Module m, String what, Object v) {
      if (v instanceof Long l) {
        return Math.toIntExact(l);
      }
      throw badValue(m, what, v, "an int");
    }

    private double doubleArg(Module m, String what, Object v) {
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      throw badValue(m, what, v, "a number");
    }

    private int[] pair(Module m, String what, Object v) {
      if (v instanceof Long l) {
        int i = Math.toIntExact(l);
        return new int[] {i, i};
      } else if (v instanceof List<?> list
          && list.size() == 2
          && list.get(0) instanceof Long a
          && list.get(1) instanceof Long b) {
        return new int[] {Math.toIntExact(a), Math.toIntExact(b)};
      }
      throw badValue(m, what, v, "an int or a pair of ints");
    }

    private IllegalArgumentException badValue(Module m, String what, Object v, String expected) {
      return new IllegalArgumentException(
          where(m)
              + ": "
              + what
              + " is "
              + v
              + ", expected "
              + expected
              + "; supported layer types: "
              + SUPPORTED);
    }

    private void expect(Module m, String what, int fromWeights, int declared) {
      if (fromWeights != declared) {
        throw new IllegalArgumentException(
            where(m)
                + " declares "
                + what
                + "="
                + declared
                + " but its weight gives "
                + fromWeights
                + "; the archive is inconsistent");
      }
    }

    private IllegalArgumentException unsupported(Module m, String detail) {
      return new IllegalArgumentException(
          archive.file
              + ": layer "
              + m.path()
              + " is "
              + m.type()
              + (detail.isEmpty() ? " (" + readable(m.className()) + ")" : detail)
              + ", which LocSpec cannot import; supported layer types: "
              + SUPPORTED
              + ". Replace it in the PyTorch model, or import only the supported part");
    }

    // ---- tensors ----------------------------------------------------------------------------

    /** A float32 tensor read from the archive. */
    private record Tensor(long[] shape, float[] data) {}

    private Tensor tensor(Module m, String attr, int dims) {
      Object v = m.state().get(attr);
      if (!(v instanceof TorchPickle.TensorRef t)) {
        throw new IllegalArgumentException(
            where(m)
                + " has no tensor '"
                + attr
                + "' in data.pkl (found "
                + (v == null ? "None" : v.getClass().getSimpleName())
                + "); the archive is inconsistent: save the model again with torch.jit.save");
      }
      if (t.size().length != dims) {
        throw new IllegalArgumentException(
            where(m)
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
            where(m)
                + ": "
                + attr
                + " is stored as "
                + t.storageType()
                + "; LocSpec reads float32 models: call model.float() before saving");
      }
      return new Tensor(t.size(), read(m, attr, t));
    }

    private float[] vector(Module m, String attr, int n) {
      Tensor t = tensor(m, attr, 1);
      if (t.shape[0] != n) {
        throw new IllegalArgumentException(
            where(m) + ": " + attr + " has " + t.shape[0] + " values, expected " + n);
      }
      return t.data;
    }

    /** The vector {@code attr}, or {@code n} copies of {@code fill} when it is None. */
    private float[] optionalVector(Module m, String attr, int n, float fill) {
      if (m.state().get(attr) == null) {
        float[] out = new float[n];
        Arrays.fill(out, fill);
        return out;
      }
      return vector(m, attr, n);
    }

    private float[] read(Module m, String attr, TorchPickle.TensorRef t) {
      ByteBuffer storage =
          storages.computeIfAbsent(
              t.key(),
              k -> ByteBuffer.wrap(archive.bytes("data/" + k)).order(ByteOrder.LITTLE_ENDIAN));
      long numel = t.numel();
      if (numel > Integer.MAX_VALUE || storage.capacity() < t.storageNumel() * 4L) {
        throw new IllegalArgumentException(
            where(m)
                + ": storage data/"
                + t.key()
                + " holds "
                + storage.capacity()
                + " bytes, expected "
                + t.storageNumel() * 4L
                + "; the archive is damaged: save the model again with torch.jit.save");
      }
      float[] out = new float[(int) numel];
      int dims = t.size().length;
      long[] index = new long[dims];
      for (int i = 0; i < out.length; i++) {
        long at = t.offset();
        for (int d = 0; d < dims; d++) {
          at += index[d] * t.stride()[d];
        }
        if (at < 0 || at >= t.storageNumel()) {
          throw new IllegalArgumentException(
              archive.file
                  + ": layer "
                  + m.path()
                  + ": "
                  + attr
                  + " reads element "
                  + at
                  + " outside its storage of "
                  + t.storageNumel()
                  + "; the archive is damaged");
        }
        out[i] = storage.getFloat((int) (at * 4));
        for (int d = dims - 1; d >= 0; d--) {
          if (++index[d] < t.size()[d]) {
            break;
          }
          index[d] = 0;
        }
      }
      return out;
    }
  }

  /** The layer type of a TorchScript class: "Conv2d" for a torch.nn class, else the full name. */
  private static String typeOf(String className) {
    String plain = MANGLE.matcher(className).replaceAll("");
    if (plain.startsWith(TORCH_MODULES)) {
      return plain.substring(plain.lastIndexOf('.') + 1);
    }
    return plain.startsWith("__torch__.") ? plain.substring("__torch__.".length()) : plain;
  }

  private static String readable(String className) {
    String plain = MANGLE.matcher(className).replaceAll("");
    return plain.startsWith("__torch__.") ? plain.substring("__torch__.".length()) : plain;
  }

  /** Parses the Python literals of TorchScript code: ints, floats, bools, None, strings, lists. */
  private static final class Literals {
    private final String s;
    private int pos;

    private Literals(String s) {
      this.s = s;
    }

    /** One literal, e.g. {@code (1, 1)} → [1, 1]. */
    static Object parse(String text) {
      Literals p = new Literals(text);
      Object v = p.value();
      p.skipSpace();
      if (p.pos != text.length()) {
        throw new IllegalArgumentException("unexpected '" + text.substring(p.pos) + "'");
      }
      return v;
    }

    /** A call's comma-separated arguments; names (e.g. {@code input}) become {@link Name}s. */
    static List<Object> parseArgs(String text) {
      Literals p = new Literals(text + ")");
      return p.sequence(')');
    }

    /** A variable name in code. @param name the name */
    record Name(String name) {}

    private Object value() {
      skipSpace();
      if (pos >= s.length()) {
        throw new IllegalArgumentException("a value is missing");
      }
      char c = s.charAt(pos);
      if (c == '[') {
        pos++;
        return sequence(']');
      } else if (c == '(') {
        pos++;
        return sequence(')');
      } else if (c == '"' || c == '\'') {
        int end = s.indexOf(c, pos + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string");
        }
        String str = s.substring(pos + 1, end);
        pos = end + 1;
        return str;
      }
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || "_.-+".indexOf(s.charAt(pos)) >= 0)) {
        pos++;
      }
      String tok = s.substring(start, pos);
      switch (tok) {
        case "True":
          return Boolean.TRUE;
        case "False":
          return Boolean.FALSE;
        case "None":
          return null;
        case "inf":
          return Double.POSITIVE_INFINITY;
        case "-inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
      if (tok.matches("-?\\d+")) {
        return Long.parseLong(tok);
      } else if (tok.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
        return Double.parseDouble(tok);
      } else if (tok.matches("[A-Za-z_][\\w.]*")) {
        return new Name(tok);
      }
      throw new IllegalArgumentException("cannot read '" + s.substring(start) + "'");
    }

    private List<Object> sequence(char close) {
      List<Object> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == close) {
          pos++;
          return items;
        }
        items.add(value());
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else if (pos < s.length() && s.charAt(pos) == close) {
          pos++;
          return items;
        } else {
          throw new IllegalArgumentException(
              "expected ',' or '"
                  + close
                  + "' at '"
                  + s.substring(Math.min(pos, s.length()))
                  + "'");
        }
      }
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
