package org.locspec.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.BenjaminiHochberg;
import org.locspec.stats.EffectFactors;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.stats.SequentialMonteCarlo;
import org.locspec.viz.Format;

/**
 * The importance (lesion) test of sub-clusters: is a sub-cluster more important to the network's
 * accuracy, and more class-specific, than random same-size sets of units of its layer?
 *
 * <p>For each sub-cluster the test lesions it (its units output 0, see {@link Network}) and {@code
 * n} random same-size sets of units from the same layer (drawn by {@link RandomUnitSets}, the
 * sampler coherence uses too), and measures per-class test accuracy after each. Per sub-cluster it
 * reports the paper's "mean" statistic (the lower-tail Monte-Carlo p-value of the true lesion's
 * accuracy among the random ones), the "range" statistic ((max − min) / |mean| of the per-class
 * accuracy changes) with its upper-tail percentile and p-value, LocSpec's effect factor and the
 * papers' two effect ratios ({@link EffectFactors}). Across the network's sub-clusters it combines
 * the mid-rank corrected p-values with Fisher's method and flags sub-clusters significant under
 * Benjamini–Hochberg. {@link ImportanceResult#combineAcrossNets} combines several networks with the
 * Bates distribution.
 *
 * <p>All masks of one layer are evaluated by one {@link LesionEngine}: the layer's prefix runs
 * once, and many lesions share one batched suffix pass.
 *
 * <p>Reference: S. Hod, D. Filan, S. Casper, A. Critch, S. Russell, "Quantifying Local
 * Specialization in Deep Neural Networks", arXiv 2110.08058, §3 (lesion experiments).
 */
public final class ImportanceTest {
  /** A mean accuracy change smaller than this is 0 (per-class accuracies differ by rounding). */
  public static final double ZERO_CHANGE = 1e-12;

  private ImportanceTest() {}

  /**
   * Runs the importance test with the paper's options ({@link ImportanceOptions#paper()}) and no
   * progress reports.
   */
  public static ImportanceResult run(
      Network network, ImageDataset test, List<SubCluster> subClusters) {
    return run(network, test, subClusters, ImportanceOptions.paper(), ProgressListener.none());
  }

  /**
   * Runs the importance test.
   *
   * @param network the network (not modified)
   * @param test the test images with labels
   * @param subClusters the sub-clusters to test, each from a unit layer of the network and smaller
   *     than its layer
   * @param options the number and kind of random lesions, seed, batch size, sequential test, FDR
   * @param progress receives one step per sub-cluster
   * @return per sub-cluster statistics and the network's combined p-values
   * @throws IllegalArgumentException if a sub-cluster does not fit the network
   */
  public static ImportanceResult run(
      Network network,
      ImageDataset test,
      List<SubCluster> subClusters,
      ImportanceOptions options,
      ProgressListener progress) {
    SubClusters.requireFit(network, subClusters);
    Objects.requireNonNull(test, "test must not be null");
    Objects.requireNonNull(options, "options must not be null (e.g. ImportanceOptions.paper())");
    Objects.requireNonNull(progress, "progress must not be null (use ProgressListener.none())");
    Map<String, List<Integer>> byLayer = new LinkedHashMap<>();
    for (int i = 0; i < subClusters.size(); i++) {
      SubCluster s = subClusters.get(i);
      if (s.size() >= s.layerUnits()) {
        throw new IllegalArgumentException(
            s
                + " covers the whole layer; random same-size sets would equal it. Drop sub-clusters"
                + " larger than 99% of their layer");
      }
      byLayer.computeIfAbsent(s.layer(), k -> new ArrayList<>()).add(i);
    }
    progress.start(
        "importance of " + subClusters.size() + " sub-clusters of " + network.name(),
        subClusters.size());
    SubClusterImportance[] rows = new SubClusterImportance[subClusters.size()];
    double[] intact = null;
    double intactAccuracy = Double.NaN;
    int done = 0;
    for (var entry : byLayer.entrySet()) {
      try (LesionEngine engine =
          LesionEngine.open(
              network, test, entry.getKey(), options.batchSize(), options.cacheBudgetBytes())) {
        if (intact == null) {
          float[] keep = new float[engine.units()];
          Arrays.fill(keep, 1f);
          intact = engine.perClassAccuracy(List.of(keep))[0];
          intactAccuracy = overall(intact, engine.classCounts());
        }
        LayerRun layer = new LayerRun(engine, subClusters, entry.getValue(), options, intact);
        done = layer.test(rows, done, progress);
      }
    }
    ImportanceResult result =
        new ImportanceResult(
            Provenance.ofSubClusters(
                network.name(), Provenance.Data.of(test), subClusters, options, options.seed()),
            test.classNames(),
            intact,
            intactAccuracy,
            withBenjaminiHochberg(rows, options.fdr()));
    progress.finish(
        result.significantCount()
            + " of "
            + rows.length
            + " sub-clusters significant, combined p"
            + " (mean) "
            + Format.number(result.combinedP()));
    return result;
  }

  /** The rows with their Benjamini–Hochberg decisions on the "mean" p-values at rate {@code q}. */
  private static List<SubClusterImportance> withBenjaminiHochberg(
      SubClusterImportance[] rows, double q) {
    double[] pMean = Arrays.stream(rows).mapToDouble(SubClusterImportance::pMean).toArray();
    boolean[] significant = BenjaminiHochberg.reject(pMean, q);
    List<SubClusterImportance> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(rows[i].withSignificant(significant[i]));
    }
    return out;
  }

  /** The sub-clusters of one layer, tested with one engine in as few suffix passes as it takes. */
  private record LayerRun(
      LesionEngine engine,
      List<SubCluster> subClusters,
      List<Integer> members,
      ImportanceOptions options,
      double[] intact) {

    /** Tests every member, stores its row at its index, and returns the updated done count. */
    int test(SubClusterImportance[] rows, int done, ProgressListener progress) {
      for (List<Integer> part : parts()) {
        List<SubClusterImportance> tested =
            options.sequential() != null
                ? List.of(sequential(engine, subClusters.get(part.get(0)), options, intact))
                : fixed(engine, subClusters, part, options, intact);
        for (int j = 0; j < part.size(); j++) {
          rows[part.get(j)] = tested.get(j);
        }
        done += part.size();
        SubCluster last = subClusters.get(part.get(part.size() - 1));
        progress.update(done, last.layer() + " #" + last.cluster());
      }
      return done;
    }

    /** The members in groups evaluated by one engine call each. */
    private List<List<Integer>> parts() {
      List<List<Integer>> parts = new ArrayList<>();
      if (options.sequential() != null) {
        members.forEach(i -> parts.add(List.of(i)));
      } else if (!engine.fullyCached()) {
        // Chunked engine: each call recomputes the prefix, so evaluate the layer in one call.
        parts.add(members);
      } else {
        // Fully cached: as many sub-clusters per call as one suffix pass takes masks.
        int block = Math.max(1, engine.masksPerPass() / (options.randomLesions() + 1));
        for (int from = 0; from < members.size(); from += block) {
          parts.add(members.subList(from, Math.min(members.size(), from + block)));
        }
      }
      return parts;
    }
  }

  /** A fixed number of random lesions for the given sub-clusters, evaluated in one engine call. */
  private static List<SubClusterImportance> fixed(
      LesionEngine engine,
      List<SubCluster> subClusters,
      List<Integer> members,
      ImportanceOptions options,
      double[] intact) {
    int n = options.randomLesions();
    RandomUnitSets draws = options.unitSets();
    List<float[]> masks = new ArrayList<>();
    for (int i : members) {
      SubCluster s = subClusters.get(i);
      masks.add(engine.maskOf(s.units()));
      for (int r = 0; r < n; r++) {
        masks.add(engine.maskOf(draws.draw(s, r)));
      }
    }
    double[][] perClass = engine.perClassAccuracy(masks);
    int[] counts = engine.classCounts();
    List<SubClusterImportance> rows = new ArrayList<>();
    for (int j = 0; j < members.size(); j++) {
      int base = j * (n + 1);
      double[] truePc = perClass[base];
      double[][] randomPc = Arrays.copyOfRange(perClass, base + 1, base + 1 + n);
      double trueAcc = overall(truePc, counts);
      double[] randomAcc = new double[n];
      for (int r = 0; r < n; r++) {
        randomAcc[r] = overall(randomPc[r], counts);
      }
      double p = MonteCarloPValue.of(trueAcc, randomAcc, MonteCarloPValue.Tail.LOWER);
      SubCluster s = subClusters.get(members.get(j));
      rows.add(row(s, truePc, trueAcc, randomPc, randomAcc, p, intact, counts));
    }
    return rows;
  }

  /** Random lesions drawn until the sequential test decides, in growing blocks. */
  private static SubClusterImportance sequential(
      LesionEngine engine, SubCluster s, ImportanceOptions options, double[] intact) {
    SequentialMonteCarlo smc = options.sequential();
    RandomUnitSets draws = options.unitSets();
    int[] counts = engine.classCounts();
    double[] truePc = engine.perClassAccuracy(List.of(engine.maskOf(s.units())))[0];
    double trueAcc = overall(truePc, counts);
    List<double[]> randomPc = new ArrayList<>();
    int[] block = {Math.min(options.randomLesions(), smc.maxDraws())};
    SequentialMonteCarlo.Outcome outcome =
        smc.test(
            trueAcc,
            MonteCarloPValue.Tail.LOWER,
            i -> {
              while (i >= randomPc.size()) {
                int from = randomPc.size();
                int to = Math.min(smc.maxDraws(), from + block[0]);
                List<float[]> masks = new ArrayList<>();
                for (int r = from; r < to; r++) {
                  masks.add(engine.maskOf(draws.draw(s, r)));
                }
                randomPc.addAll(Arrays.asList(engine.perClassAccuracy(masks)));
                block[0] = Math.min(2 * block[0], 1024);
              }
              return overall(randomPc.get(i), counts);
            });
    double[][] used = randomPc.subList(0, outcome.draws()).toArray(new double[0][]);
    return row(s, truePc, trueAcc, used, outcome.nulls(), outcome.pValue(), intact, counts);
  }

  private static SubClusterImportance row(
      SubCluster s,
      double[] truePc,
      double trueAcc,
      double[][] randomPc,
      double[] randomAcc,
      double pMean,
      double[] intact,
      int[] counts) {
    double trueRange = range(intact, truePc);
    double[] randomRanges = new double[randomPc.length];
    for (int r = 0; r < randomPc.length; r++) {
      randomRanges[r] = range(intact, randomPc[r]);
    }
    double[] defined = Arrays.stream(randomRanges).filter(Double::isFinite).toArray();
    double pRange = Double.NaN;
    double percentile = Double.NaN;
    if (Double.isFinite(trueRange) && defined.length > 0) {
      pRange = MonteCarloPValue.of(trueRange, defined, MonteCarloPValue.Tail.UPPER);
      percentile = MonteCarloPValue.percentile(trueRange, defined);
    }
    double intactAcc = overall(intact, counts);
    double meanRandomDrop = 0;
    for (double a : randomAcc) {
      meanRandomDrop += intactAcc - a;
    }
    meanRandomDrop /= randomAcc.length;
    double effect = EffectFactors.lesion(intactAcc - trueAcc, meanRandomDrop);
    return new SubClusterImportance(
        s,
        trueAcc,
        truePc,
        randomAcc,
        randomPc,
        pMean,
        trueRange,
        randomRanges,
        pRange,
        percentile,
        effect,
        false);
  }

  /**
   * The paper's "range" statistic of a lesion: with {@code Δc = intact − lesioned} accuracy of
   * class c (over classes with test images), {@code (max Δ − min Δ) / |mean Δ|}, as the papers'
   * code computes it ({@code np.ptp(changes / np.mean(changes))} in {@code
   * src/lesion/experimentation.py} of {@code github.com/dfilan/clusterability_in_neural_networks}).
   * Its range is {@code [0, ∞)}: 0 when every class changes alike, large when the change falls on
   * few classes (class-specific). Undefined (NaN) when the mean change is 0 (below {@value
   * #ZERO_CHANGE}, which absorbs rounding): the lesion changed no class on average, so there is
   * nothing to normalize by.
   *
   * @param intactPerClass per-class accuracy of the intact network
   * @param lesionedPerClass per-class accuracy after the lesion
   * @return the statistic, or NaN
   */
  public static double range(double[] intactPerClass, double[] lesionedPerClass) {
    if (intactPerClass.length != lesionedPerClass.length) {
      throw new IllegalArgumentException(
          "per-class accuracies differ in length: intact "
              + intactPerClass.length
              + ", lesioned "
              + lesionedPerClass.length);
    }
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double sum = 0;
    int n = 0;
    for (int c = 0; c < intactPerClass.length; c++) {
      double d = intactPerClass[c] - lesionedPerClass[c];
      if (Double.isNaN(d)) {
        continue;
      }
      max = Math.max(max, d);
      min = Math.min(min, d);
      sum += d;
      n++;
    }
    double mean = n == 0 ? 0 : sum / n;
    if (Math.abs(mean) < ZERO_CHANGE) {
      return Double.NaN;
    }
    return (max - min) / Math.abs(mean);
  }

  /** The overall accuracy from per-class accuracies weighted by the class counts. */
  static double overall(double[] perClass, int[] counts) {
    long correct = 0;
    long total = 0;
    for (int c = 0; c < perClass.length; c++) {
      if (counts[c] > 0) {
        correct += Math.round(perClass[c] * counts[c]);
        total += counts[c];
      }
    }
    return (double) correct / total;
  }
}
