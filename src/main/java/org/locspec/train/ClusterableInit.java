package org.locspec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.architecture.VggSpec;
import org.locspec.model.LayerNames;
import org.locspec.stats.Seeds;

/**
 * Clusterable ("modular") initialization: the network starts modular, then trains as usual. Every
 * unit of the layers it touches is given one of {@code modules} modules at random; after the normal
 * initialization, a weight between two units of the same module is multiplied by {@code up = 1 + (1
 * − down) × (modules − 1)} and a weight between units of different modules by {@code down}. With
 * {@code m} modules of equal size the mean factor is {@code (up + (m − 1) down) / m = 1}: the
 * weights keep their scale, but most of it lies within modules.
 *
 * <p>As in the papers' code:
 *
 * <ul>
 *   <li>MLP: the hidden units get random modules; the output units get modules {@code 0, 1, …}
 *       (class {@code c} in module {@code c}) when there are at most {@code modules} classes, else
 *       random ones. The first dense layer is left as it is ("the pixels aren't always the same");
 *       every later dense layer is scaled, with {@code down = denseDown} (papers: 0.6).
 *   <li>Conv nets: the output channels of every convolution get random modules; every convolution
 *       but the first has its kernel slices {@code W[out, in, :, :]} scaled, with {@code down =
 *       convDown} (papers: 0.8). Dense layers are left as they are.
 * </ul>
 *
 * <p>The modules are drawn from a {@link SplittableRandom} seeded by {@link Seeds#mix} of the
 * training seed (the papers' code uses NumPy's unseeded global generator): the same seed gives the
 * same modules.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), the
 * "clusterable initialization" rows of its results table; their code, {@code
 * dfilan/clusterability_in_neural_networks}, {@code src/train_nn.py} ({@code create_model} with
 * {@code init_modules}), trained with {@code init_modules=10} in {@code shells/train_mlps.sh}.
 *
 * @param modules the number of modules, {@code >= 2} (papers: 10)
 * @param denseDown the factor of dense weights between units of different modules, in (0, 1]
 *     (papers: 0.6)
 * @param convDown the factor of convolution kernels between channels of different modules, in (0,
 *     1] (papers: 0.8)
 */
public record ClusterableInit(int modules, double denseDown, double convDown) {

  /** Seed purpose key of the module draws ("clus"). */
  private static final long PURPOSE = 0x636c7573L;

  /** Validates the fields. */
  public ClusterableInit {
    if (modules < 2) {
      throw new IllegalArgumentException("modules must be >= 2, got " + modules + " (papers: 10)");
    }
    if (!(denseDown > 0 && denseDown <= 1)) {
      throw new IllegalArgumentException(
          "denseDown must be in (0, 1], got " + denseDown + " (papers: 0.6)");
    }
    if (!(convDown > 0 && convDown <= 1)) {
      throw new IllegalArgumentException(
          "convDown must be in (0, 1], got " + convDown + " (papers: 0.8)");
    }
  }

  /** The papers' setting: 10 modules, dense weights × 0.6 between modules, conv kernels × 0.8. */
  public static ClusterableInit paper() {
    return new ClusterableInit(10, 0.6, 0.8);
  }

  /** This initialization with another number of modules. */
  public ClusterableInit withModules(int m) {
    return new ClusterableInit(m, denseDown, convDown);
  }

  /**
   * The factor of a weight within a module for a given factor between modules.
   *
   * @param down the factor between modules
   * @return {@code 1 + (1 − down) × (modules − 1)}
   */
  public double up(double down) {
    return 1 + (1 - down) * (modules - 1);
  }

  /**
   * The module of every unit of the layers this initialization touches: for an MLP, of the units
   * each dense layer outputs (the hidden layers, then the outputs); for a conv net, of the output
   * channels of each convolution.
   *
   * @param spec the architecture
   * @param seed the training seed
   * @return one array per layer, in order; the same for the same arguments
   */
  public List<int[]> modules(ArchitectureSpec spec, long seed) {
    Objects.requireNonNull(spec, "spec");
    List<Integer> widths = chainWidths(spec);
    boolean mlp = spec instanceof MlpSpec;
    SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, PURPOSE));
    List<int[]> out = new ArrayList<>(widths.size());
    for (int l = 0; l < widths.size(); l++) {
      int[] a = new int[widths.get(l)];
      boolean outputs = mlp && l == widths.size() - 1;
      for (int u = 0; u < a.length; u++) {
        a[u] = outputs && a.length <= modules ? u : rng.nextInt(modules);
      }
      out.add(a);
    }
    return out;
  }

  /**
   * Scales the freshly initialized weights of a block built from {@code spec}, in place and outside
   * autograd.
   *
   * @param spec the architecture the block was built from
   * @param block the initialized block
   * @param seed the training seed (draws the modules, {@link #modules})
   */
  public void apply(ArchitectureSpec spec, Block block, long seed) {
    Objects.requireNonNull(block, "block");
    List<int[]> assigned = modules(spec, seed);
    List<NDArray> chain = chain(spec, block);
    double down = spec instanceof MlpSpec ? denseDown : convDown;
    float up = (float) up(down);
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      for (int l = 1; l < chain.size(); l++) {
        NDArray w = chain.get(l);
        long[] shape = w.getShape().getShape();
        float[] factors = factors(shape, assigned.get(l - 1), assigned.get(l), up, (float) down);
        try (NDManager scratch = w.getManager().newSubManager()) {
          w.muli(scratch.create(factors, w.getShape()));
        }
      }
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  /** The factor of every entry of a weight array of shape {@code (out, in, ...)}. */
  private static float[] factors(long[] shape, int[] in, int[] out, float up, float down) {
    if (shape[0] != out.length || shape[1] != in.length) {
      throw new IllegalStateException(
          "weight shape "
              + Arrays.toString(shape)
              + " does not match "
              + out.length
              + " output and "
              + in.length
              + " input units; apply the initialization to a block built from its spec");
    }
    int per = 1;
    for (int d = 2; d < shape.length; d++) {
      per *= (int) shape[d];
    }
    float[] f = new float[out.length * in.length * per];
    for (int o = 0; o < out.length; o++) {
      for (int i = 0; i < in.length; i++) {
        float v = out[o] == in[i] ? up : down;
        int base = (o * in.length + i) * per;
        Arrays.fill(f, base, base + per, v);
      }
    }
    return f;
  }

  /** The weight arrays of the layers this initialization touches, in order. */
  private static List<NDArray> chain(ArchitectureSpec spec, Block block) {
    List<NDArray> out = new ArrayList<>();
    for (Map.Entry<String, Block> e : spec.weightLayers(block).entrySet()) {
      if (touches(spec, e.getKey())) {
        out.add(e.getValue().getParameters().get("weight").getArray());
      }
    }
    return out;
  }

  /** The output widths of the layers this initialization touches, in order. */
  private static List<Integer> chainWidths(ArchitectureSpec spec) {
    if (spec instanceof MlpSpec m) {
      return m.layerWidths().subList(1, m.layerWidths().size());
    }
    return spec instanceof CnnSpec c ? c.convChannels() : ((VggSpec) spec).convChannels();
  }

  private static boolean touches(ArchitectureSpec spec, String layer) {
    return spec instanceof MlpSpec || LayerNames.parse(layer).kind().equals("conv");
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "clusterable init (%d modules, dense ×%s/×%s, conv ×%s/×%s within/between)",
        modules,
        fmt(up(denseDown)),
        fmt(denseDown),
        fmt(up(convDown)),
        fmt(convDown));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+$", "");
  }
}
