package org.locspec.coherence;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.model.Layer;
import org.locspec.model.LayerNames;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.stats.Seeds;
import org.locspec.stats.SequentialRounds;
import org.locspec.train.AdamUpdate;
import org.locspec.viz.Format;

/**
 * Coherence by feature visualization: optimize an input image to maximize {@code Σ_u |spatial mean
 * of the pre-activation of u|} over a unit set (for dense units {@code Σ_u |pre-activation|}), with
 * Adam from small seeded noise, and score the result by its final objective (high = coherent) and
 * by the entropy of the network's softmax on it (low = coherent), against random same-size unit
 * sets of the same layer.
 *
 * <p>Optimization is batched: every unit set (a sub-cluster or one of its random sets, of any
 * layers) is one entry of a batch with its own unit mask in the objective, so a sub-cluster and its
 * random sets are optimized in one pass. Entries do not interact (inference mode), so batched and
 * one-at-a-time optimization give the same images. A sub-cluster and its random sets start from the
 * same noise (common random numbers), so they differ only in their units.
 *
 * <p>Each sub-cluster is decided by the options' test on both measures ({@link
 * CoherenceOptions#test()}; by default sequential, at most 999 random sets): the sub-clusters and
 * their first random sets (at least the papers' 19) are optimized in one batched run, then the next
 * random sets of every still undecided sub-cluster in one batched run per round, so a sub-cluster
 * whose objective is clearly like random sets' costs about as much as with the papers' 19 draws,
 * and only clear findings draw up to the budget.
 *
 * <pre>{@code
 * CoherenceResult r = FeatureVisualization.run(net, subClusters, CoherenceOptions.paper(),
 *     ProgressListener.none());
 * BufferedImage grid = r.visualizationGrid(r.subClusters().get(0));
 * }</pre>
 *
 * <p>References: Olah, Mordvintsev, Schubert, "Feature Visualization", Distill (2017); Hod et al.,
 * arXiv 2110.08058, §4.1 (Adam, lr 0.05, 64 steps, 19 random sets, sub-clusters of more than 2
 * units); Kingma &amp; Ba, "Adam" (2015).
 */
public final class FeatureVisualization {
  /** The smallest sub-cluster tested (the paper: size &gt; 2). */
  public static final int MIN_SIZE = 3;

  /** Standard deviation of the initial noise (Lucid's default). */
  public static final double INIT_SD = 0.01;

  /** Seeds of initial images are keyed apart from other uses of the options' seed. */
  private static final long IMAGE_PURPOSE = 2;

  /** A target's jitter stream is keyed apart from its initial noise. */
  private static final long JITTER_PURPOSE = 7;

  private FeatureVisualization() {}

  /**
   * One unit set to visualize.
   *
   * @param layer a unit layer of the network
   * @param units the units whose pre-activations are maximized (distinct, in range)
   * @param seed the seed of the initial noise and of the jitter
   */
  public record Target(String layer, int[] units, long seed) {
    /** Validates and copies the units. */
    public Target {
      Objects.requireNonNull(layer, "layer must not be null");
      Objects.requireNonNull(units, "units must not be null");
      if (units.length == 0) {
        throw new IllegalArgumentException("units must not be empty (layer " + layer + ")");
      }
      units = units.clone();
    }

    /** A copy of the units. */
    @Override
    public int[] units() {
      return units.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Target t
          && t.layer.equals(layer)
          && t.seed == seed
          && Arrays.equals(t.units, units);
    }

    @Override
    public int hashCode() {
      return Objects.hash(layer, seed, Arrays.hashCode(units));
    }

    @Override
    public String toString() {
      return "Target[" + layer + " " + Arrays.toString(units) + ", seed " + seed + "]";
    }
  }

  /**
   * Optimized images.
   *
   * @param imageShape {@code {C, H, W}}
   * @param images per target, {@code C·H·W} pixels in [0, 1]
   * @param objectives per target, the objective of the final image (without penalties or jitter)
   * @param entropies per target, the entropy (bits) of the network's softmax on the final image
   * @param history per target, the objective at each step before its update (with jitter, if any)
   */
  public record Rendering(
      long[] imageShape,
      float[][] images,
      double[] objectives,
      double[] entropies,
      double[][] history) {}

  /**
   * Whether a sub-cluster can be visualized against random sets of its layer: at least {@link
   * #MIN_SIZE} units and fewer than its layer's (a whole layer has no other same-size set).
   *
   * @param subCluster the sub-cluster
   * @return true if {@link #run} tests it, false if it lists it as skipped
   */
  public static boolean visualizable(SubCluster subCluster) {
    return subCluster.size() >= MIN_SIZE && subCluster.size() < subCluster.layerUnits();
  }

  /**
   * Runs the analysis on sub-clusters: each with more than 2 units (and fewer than its layer's) is
   * visualized together with random same-size sets of its layer, as many as its tests need (at
   * least {@code options.randomSets()}).
   *
   * @param network the network
   * @param subClusters the sub-clusters; smaller ones are listed in {@link
   *     CoherenceResult#skipped()}
   * @param options steps, learning rate, parametrization, jitter, penalties, the test, random sets,
   *     seed and batch (unit sets optimized together) are used
   * @param progress receives one update per optimization step (one task per round)
   * @return the result, with measures {@link Measure#VIS_SCORE} and {@link Measure#VIS_ENTROPY}
   */
  public static CoherenceResult run(
      Network network,
      List<SubCluster> subClusters,
      CoherenceOptions options,
      ProgressListener progress) {
    SubClusters.requireFit(network, subClusters);
    Objects.requireNonNull(options, "options must not be null (e.g. CoherenceOptions.defaults())");
    Objects.requireNonNull(progress, "progress must not be null (use ProgressListener.none())");
    Map<SubCluster, String> skipped = new LinkedHashMap<>();
    List<SubCluster> tested = new ArrayList<>();
    for (SubCluster sc : subClusters) {
      if (visualizable(sc)) {
        tested.add(sc);
      } else if (sc.size() < MIN_SIZE) {
        skipped.put(sc, "fewer than " + MIN_SIZE + " units");
      } else if (sc.size() >= sc.layerUnits()) {
        skipped.put(sc, "the whole layer: no random set differs from it");
      }
    }
    List<CoherenceResult.Entry> entries =
        tested.isEmpty() ? List.of() : new Rounds(network, tested, options, progress).entries();
    Provenance.Data none = Provenance.Data.none("optimized inputs");
    CoherenceResult result =
        new CoherenceResult(
            CoherenceResult.Analysis.FEATURE_VISUALIZATION,
            Provenance.ofSubClusters(network.name(), none, subClusters, options, options.seed()),
            null,
            network.inputShape(),
            List.of(Measure.VIS_SCORE, Measure.VIS_ENTROPY),
            entries,
            skipped);
    if (!entries.isEmpty()) {
      progress.finish(
          result.discoveries(Measure.VIS_SCORE).sentence("sub-clusters", "coherent by objective"));
    }
    return result;
  }

  /**
   * The rounds of a feature-visualization run: the sub-clusters and their first random sets are
   * optimized in one batched run, then the undecided sub-clusters' next blocks of random sets
   * ({@link SequentialRounds}), each round in one batched run, until every test has decided. A
   * sub-cluster and all its random sets start from the same noise. Images are kept for the
   * sub-cluster and its first {@code randomSets} random sets.
   */
  private static final class Rounds {
    private final Network network;
    private final List<SubCluster> tested;
    private final CoherenceOptions o;
    private final ProgressListener progress;
    private final long[] seeds;
    private final List<List<int[]>> sets = new ArrayList<>();
    private final List<List<float[]>> images = new ArrayList<>();
    private final double[][] observed;

    Rounds(
        Network network, List<SubCluster> tested, CoherenceOptions o, ProgressListener progress) {
      this.network = network;
      this.tested = tested;
      this.o = o;
      this.progress = progress;
      this.seeds = new long[tested.size()];
      this.observed = new double[tested.size()][];
      for (int j = 0; j < seeds.length; j++) {
        SubCluster sc = tested.get(j);
        seeds[j] = Seeds.mix(o.seed(), IMAGE_PURPOSE, sc.layer().hashCode(), sc.cluster());
        sets.add(new ArrayList<>());
        images.add(new ArrayList<>());
      }
    }

    /** Runs the rounds and returns one entry per tested sub-cluster. */
    List<CoherenceResult.Entry> entries() {
      int[] blocks = new int[tested.size()];
      Arrays.fill(blocks, Math.max(o.randomSets(), o.test().nextBlock(0, 0)));
      List<double[]> first = optimizeBlocks(blocks, true);
      SequentialRounds rounds =
          new SequentialRounds(
              o.test(),
              o.randomSets(),
              observed,
              MonteCarloPValue.Tail.UPPER,
              MonteCarloPValue.Tail.LOWER);
      absorb(first, blocks, rounds);
      while (!rounds.done()) {
        blocks = rounds.nextBlocks();
        absorb(optimizeBlocks(blocks, false), blocks, rounds);
      }
      List<CoherenceResult.Entry> entries = new ArrayList<>();
      for (int j = 0; j < tested.size(); j++) {
        int keep = rounds.kept(j);
        Map<Measure, Double> obs = new EnumMap<>(Measure.class);
        Map<Measure, double[]> randoms = new EnumMap<>(Measure.class);
        obs.put(Measure.VIS_SCORE, observed[j][0]);
        obs.put(Measure.VIS_ENTROPY, observed[j][1]);
        randoms.put(Measure.VIS_SCORE, rounds.values(j, 0));
        randoms.put(Measure.VIS_ENTROPY, rounds.values(j, 1));
        entries.add(
            new CoherenceResult.Entry(
                tested.get(j),
                sets.get(j).subList(0, keep).toArray(new int[0][]),
                obs,
                randoms,
                null,
                null,
                images.get(j).toArray(new float[0][])));
      }
      return entries;
    }

    /**
     * Optimizes, in one batched run, the next {@code blocks[j]} random sets of each sub-cluster
     * (and first the sub-clusters themselves when {@code withOwn}); records the sets and the images
     * to keep, and returns each random set's (objective, entropy) in order.
     */
    private List<double[]> optimizeBlocks(int[] blocks, boolean withOwn) {
      List<Target> targets = new ArrayList<>();
      for (int j = 0; j < blocks.length; j++) {
        SubCluster sc = tested.get(j);
        if (withOwn) {
          targets.add(new Target(sc.layer(), sc.units(), seeds[j]));
        }
        for (int r = sets.get(j).size(); r < sets.get(j).size() + blocks[j]; r++) {
          targets.add(new Target(sc.layer(), o.unitSets().draw(sc, r), seeds[j]));
        }
      }
      Rendering rendering = optimize(network, targets, o, progress);
      List<double[]> values = new ArrayList<>();
      int i = 0;
      for (int j = 0; j < blocks.length; j++) {
        if (withOwn) {
          observed[j] = new double[] {rendering.objectives()[i], rendering.entropies()[i]};
          images.get(j).add(rendering.images()[i++]);
        }
        for (int k = 0; k < blocks[j]; k++, i++) {
          int[] set = targets.get(i).units();
          if (sets.get(j).size() < o.randomSets()) {
            images.get(j).add(rendering.images()[i]);
          }
          sets.get(j).add(set);
          values.add(new double[] {rendering.objectives()[i], rendering.entropies()[i]});
        }
      }
      return values;
    }

    /** Adds the values of one round to the tests, in sub-cluster and draw order. */
    private void absorb(List<double[]> values, int[] blocks, SequentialRounds rounds) {
      int i = 0;
      for (int j = 0; j < blocks.length; j++) {
        for (int k = 0; k < blocks[j]; k++) {
          rounds.add(j, values.get(i++));
        }
      }
    }
  }

  /** {@link #optimize(Network, List, CoherenceOptions, ProgressListener)} without progress. */
  public static Rendering optimize(
      Network network, List<Target> targets, CoherenceOptions options) {
    return optimize(network, targets, options, ProgressListener.none());
  }

  /**
   * Optimizes one image per target, {@code options.batch()} targets per batched optimization.
   *
   * @param network the network
   * @param targets the unit sets to visualize, each with its seed
   * @param options steps, learning rate, parametrization, jitter, penalties and batch are used
   * @param progress receives one update per optimization step
   * @return the images, their objectives and softmax entropies, and the objective history
   */
  public static Rendering optimize(
      Network network, List<Target> targets, CoherenceOptions options, ProgressListener progress) {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(targets, "targets must not be null");
    Objects.requireNonNull(options, "options must not be null");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets is empty; give at least one unit set");
    }
    for (Target t : targets) {
      int units = network.unitLayer(t.layer()).units();
      Set<Integer> seen = new java.util.HashSet<>();
      for (int u : t.units) {
        if (u < 0 || u >= units || !seen.add(u)) {
          throw new IllegalArgumentException(
              t
                  + ": units must be distinct and in [0, "
                  + units
                  + ") for layer "
                  + t.layer()
                  + ", got unit "
                  + u);
        }
      }
    }
    int n = targets.size();
    int chunks = (n + options.batch() - 1) / options.batch();
    long[] shape = network.inputShape();
    float[][] images = new float[n][];
    double[] objectives = new double[n];
    double[] entropies = new double[n];
    double[][] history = new double[n][];
    progress.start(
        "feature visualization of "
            + n
            + " unit sets ("
            + chunks
            + " batches × "
            + options.steps()
            + " steps)",
        (long) chunks * options.steps());
    long done = 0;
    for (int from = 0; from < n; from += options.batch()) {
      int to = Math.min(n, from + options.batch());
      Chunk c = new Chunk(network, targets.subList(from, to), options);
      c.optimize(progress, done);
      done += options.steps();
      for (int i = from; i < to; i++) {
        images[i] = c.images[i - from];
        objectives[i] = c.objectives[i - from];
        entropies[i] = c.entropies[i - from];
        history[i] = c.history[i - from];
      }
    }
    return new Rendering(shape, images, objectives, entropies, history);
  }

  /**
   * The initial parameters of a target's image, a function of its seed only: {@code N(0, 0.01²)}
   * noise of length {@code C·H·W} ({@link Parametrization#PIXEL}) or {@code C·2H·(W/2+1)} (the half
   * spectrum, real rows then imaginary rows per channel, {@link Parametrization#FOURIER}).
   *
   * @param network the network (for the input shape)
   * @param target the target
   * @param parametrization the parametrization
   * @return the parameters
   */
  public static float[] initialParameters(
      Network network, Target target, Parametrization parametrization) {
    long[] s = network.inputShape();
    int size = parameterSize(s, parametrization);
    SplittableRandom r = new SplittableRandom(target.seed());
    float[] p = new float[size];
    for (int i = 0; i < size; i++) {
      p[i] = (float) (r.nextGaussian() * INIT_SD);
    }
    return p;
  }

  private static int parameterSize(long[] s, Parametrization parametrization) {
    int c = (int) s[0];
    int h = (int) s[1];
    int w = (int) s[2];
    return parametrization == Parametrization.PIXEL ? c * h * w : c * 2 * h * (w / 2 + 1);
  }

  /** One batched optimization. */
  private static final class Chunk {
    private final Network network;
    private final List<Target> targets;
    private final CoherenceOptions o;
    private final int b;
    private final int c;
    private final int h;
    private final int w;
    private final List<String> layers;
    float[][] images;
    double[] objectives;
    double[] entropies;
    double[][] history;

    Chunk(Network network, List<Target> targets, CoherenceOptions o) {
      this.network = network;
      this.targets = targets;
      this.o = o;
      this.b = targets.size();
      long[] s = network.inputShape();
      this.c = (int) s[0];
      this.h = (int) s[1];
      this.w = (int) s[2];
      Set<String> ls = new LinkedHashSet<>();
      targets.forEach(t -> ls.add(t.layer()));
      this.layers = List.copyOf(ls);
    }

    void optimize(ProgressListener progress, long doneBefore) {
      history = new double[b][o.steps()];
      SplittableRandom[] jitter = new SplittableRandom[b];
      float[] init = initialBatch(jitter);
      Shape pShape =
          o.parametrization() == Parametrization.PIXEL
              ? new Shape(b, c, h, w)
              : new Shape(b, c, 2L * h, w / 2 + 1);
      Network prefix = truncated(network, layers);
      try (NDManager base = NDManager.newBaseManager("PyTorch");
          Closer owned =
              () -> {
                if (prefix != network) {
                  prefix.close();
                }
              };
          FourierBasis fourier =
              o.parametrization() == Parametrization.FOURIER
                  ? new FourierBasis(base, h, w)
                  : null) {
        Map<String, NDArray> masks = unitMasks(base);
        NDArray p = base.create(init, pShape);
        p.setRequiresGradient(true);
        AdamUpdate adam = new AdamUpdate(List.of(p), (float) o.learningRate());
        for (int step = 1; step <= o.steps(); step++) {
          // the step's intermediates live in a sub-manager closed once the gradient is in; p stays
          try (NDManager cur = base.newSubManager()) {
            p.tempAttach(cur);
            gradient(step, p, prefix, fourier, masks, jitter, cur);
          }
          adam.step(); // in place on p's storage, from its gradient, which it then zeroes
          progress.update(
              doneBefore + step, "mean objective " + Format.number(mean(history, step - 1)));
        }
        try (NDManager last = base.newSubManager()) {
          p.tempAttach(last);
          finish(image(p, fourier), masks);
        }
      }
    }

    /** The initial parameters of every target, and each target's jitter generator. */
    private float[] initialBatch(SplittableRandom[] jitter) {
      int per = parameterSize(network.inputShape(), o.parametrization());
      float[] init = new float[b * per];
      for (int i = 0; i < b; i++) {
        Target t = targets.get(i);
        System.arraycopy(initialParameters(network, t, o.parametrization()), 0, init, i * per, per);
        jitter[i] = new SplittableRandom(Seeds.mix(t.seed(), JITTER_PURPOSE));
      }
      return init;
    }

    /**
     * Per layer, a {@code [b, units]} mask of each target's units (0 for other layers' targets).
     */
    private Map<String, NDArray> unitMasks(NDManager base) {
      Map<String, NDArray> masks = new HashMap<>();
      for (String layer : layers) {
        int units = network.unitLayer(layer).units();
        float[] m = new float[b * units];
        for (int i = 0; i < b; i++) {
          if (targets.get(i).layer().equals(layer)) {
            for (int u : targets.get(i).units) {
              m[i * units + u] = 1f;
            }
          }
        }
        masks.put(layer, base.create(m, new Shape(b, units)));
      }
      return masks;
    }

    /**
     * Accumulates the gradient of the penalized objective at one step into p's gradient; records
     * the objectives in history.
     */
    private void gradient(
        int step,
        NDArray p,
        Network prefix,
        FourierBasis fourier,
        Map<String, NDArray> masks,
        SplittableRandom[] jitter,
        NDManager cur) {
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray img = image(p, fourier);
        NDArray x = o.jitter() > 0 ? jitter(img, jitter, cur) : img;
        Map<String, NDArray> captured = new HashMap<>();
        prefix.forward(x, Map.of(), Set.copyOf(layers), captured);
        NDArray obj = objective(captured, masks);
        NDArray total = obj;
        if (o.l2() > 0) {
          total = total.sub(img.sub(0.5f).square().sum(new int[] {1, 2, 3}).mul(o.l2()));
        }
        if (o.tv() > 0) {
          total = total.sub(totalVariation(img).mul(o.tv()));
        }
        gc.backward(total.sum().neg());
        float[] objs = obj.toFloatArray();
        for (int i = 0; i < b; i++) {
          history[i][step - 1] = objs[i];
        }
      }
    }

    /** The final images, their objectives and the softmax entropies of the whole network. */
    private void finish(NDArray img, Map<String, NDArray> masks) {
      Map<String, NDArray> captured = new HashMap<>();
      NDArray logits = network.forward(img, Map.of(), Set.copyOf(layers), captured);
      float[] objs = objective(captured, masks).toFloatArray();
      float[] lg = logits.toFloatArray();
      float[] px = img.toFloatArray();
      int k = (int) logits.getShape().get(1);
      int size = c * h * w;
      images = new float[b][];
      objectives = new double[b];
      entropies = new double[b];
      for (int i = 0; i < b; i++) {
        images[i] = Arrays.copyOfRange(px, i * size, (i + 1) * size);
        objectives[i] = objs[i];
        entropies[i] = Entropy.ofSoftmax(lg, i * k, k);
      }
    }

    /** Closes without checked exceptions. */
    private interface Closer extends AutoCloseable {
      @Override
      void close();
    }

    /**
     * The network up to the output point of the deepest target layer (plus a Flatten so that it
     * ends in a vector): the layers after it do not affect the objective, so optimization skips
     * them, as a graph-pruning framework would. The network itself when nothing can be cut.
     */
    private static Network truncated(Network network, List<String> targetLayers) {
      List<Layer> all = network.layers();
      int deepest = 0;
      for (int i = 0; i < all.size(); i++) {
        if (targetLayers.contains(all.get(i).name())) {
          deepest = i;
        }
      }
      int end = deepest;
      if (end + 2 < all.size()
          && all.get(end + 1) instanceof Layer.BatchNorm
          && all.get(end + 2) instanceof Layer.Relu) {
        end += 2;
      } else if (end + 1 < all.size() && all.get(end + 1) instanceof Layer.Relu) {
        end += 1;
      }
      if (end >= all.size() - 1) {
        return network;
      }
      List<Layer> prefix = new ArrayList<>(all.subList(0, end + 1));
      java.util.Set<String> names = new java.util.HashSet<>();
      all.forEach(l -> names.add(l.name()));
      int k = 1;
      while (names.contains(LayerNames.of("flatten", k))) {
        k++;
      }
      prefix.add(new Layer.Flatten(LayerNames.of("flatten", k)));
      return Network.of(
          network.name() + "[..." + all.get(end).name() + "]", network.inputShape(), prefix);
    }

    private static double mean(double[][] history, int step) {
      double s = 0;
      for (double[] row : history) {
        s += row[step];
      }
      return s / history.length;
    }

    private NDArray image(NDArray p, FourierBasis fourier) {
      return Activation.sigmoid(fourier == null ? p : fourier.image(p));
    }

    /** Per entry, {@code Σ_layers Σ_u mask[u] · |spatial mean of pre-activation u|}. */
    private NDArray objective(Map<String, NDArray> captured, Map<String, NDArray> masks) {
      NDArray sum = null;
      for (String layer : layers) {
        NDArray a = captured.get(layer);
        if (a.getShape().dimension() == 4) {
          long hw = a.getShape().get(2) * a.getShape().get(3);
          a = a.sum(new int[] {2, 3}).div(hw);
        }
        NDArray term = a.abs().mul(masks.get(layer)).sum(new int[] {1});
        sum = sum == null ? term : sum.add(term);
      }
      return sum;
    }

    private static NDArray totalVariation(NDArray img) {
      NDArray dy =
          img.get(":, :, 1:, :").sub(img.get(":, :, :-1, :")).abs().sum(new int[] {1, 2, 3});
      NDArray dx =
          img.get(":, :, :, 1:").sub(img.get(":, :, :, :-1")).abs().sum(new int[] {1, 2, 3});
      return dy.add(dx);
    }

    /** Circular shifts by up to {@code jitter} pixels, drawn per entry, as permutation products. */
    private NDArray jitter(NDArray img, SplittableRandom[] rngs, NDManager m) {
      int j = o.jitter();
      float[] ph = new float[b * h * h];
      float[] pw = new float[b * w * w];
      for (int i = 0; i < b; i++) {
        int dy = rngs[i].nextInt(2 * j + 1) - j;
        int dx = rngs[i].nextInt(2 * j + 1) - j;
        for (int y = 0; y < h; y++) {
          ph[i * h * h + y * h + Math.floorMod(y - dy, h)] = 1f;
        }
        for (int x = 0; x < w; x++) {
          pw[i * w * w + Math.floorMod(x - dx, w) * w + x] = 1f;
        }
      }
      NDArray rows = m.create(ph, new Shape(b, 1, h, h));
      NDArray cols = m.create(pw, new Shape(b, 1, w, w));
      return rows.matMul(img).matMul(cols);
    }
  }
}
