package org.locspec.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.BenjaminiHochberg;
import org.locspec.stats.CombinedTests;
import org.locspec.stats.MonteCarloPValue;
import org.locspec.stats.SequentialMonteCarlo;

/**
 * The importance (lesion) test of sub-clusters: is a sub-cluster more important to the network's
 * accuracy, and more class-specific, than random same-size sets of units of its layer?
 *
 * <p>For each sub-cluster the test lesions it (its units output 0, see {@link Network}) and
 * {@code n} random same-size sets of units from the same layer, and measures per-class test
 * accuracy after each. Per sub-cluster it reports the paper's "mean" statistic (the lower-tail
 * Monte-Carlo p-value of the true lesion's accuracy among the random ones), the "range" statistic
 * ((max − min) / mean of the per-class accuracy drops) with its upper-tail percentile and
 * p-value, and the effect factor. Across the network's sub-clusters it combines the mid-rank
 * corrected p-values with Fisher's method and flags sub-clusters significant under
 * Benjamini–Hochberg. {@link ImportanceResult#combineAcrossNets} combines several networks with
 * the Bates distribution.
 *
 * <p>All masks of one layer are evaluated by one {@link LesionEngine}: the layer's prefix runs
 * once, and many lesions share one batched suffix pass.
 *
 * <p>Reference: S. Hod, D. Filan, S. Casper, A. Critch, S. Russell, "Quantifying Local
 * Specialization in Deep Neural Networks", arXiv 2110.08058, §3 (lesion experiments).
 */
public final class ImportanceTest {
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
   * @param subClusters the sub-clusters to test, each from a unit layer of the network and
   *     smaller than its layer
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
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    if (subClusters.isEmpty()) {
      throw new IllegalArgumentException(
          "no sub-clusters to test; pass the sub-clusters of a clustering (SubCluster list)");
    }
    Map<String, List<Integer>> byLayer = new LinkedHashMap<>();
    for (int i = 0; i < subClusters.size(); i++) {
      SubCluster s = subClusters.get(i);
      int units = network.unitLayer(s.layer()).units();
      if (s.layerUnits() != units) {
        throw new IllegalArgumentException(
            s + " says layer " + s.layer() + " has " + s.layerUnits() + " units, but in network "
                + network.name() + " it has " + units + "; use sub-clusters of this network");
      }
      if (s.size() >= units) {
        throw new IllegalArgumentException(
            s + " covers the whole layer; random same-size sets would equal it. Drop sub-clusters"
                + " larger than 99% of their layer");
      }
      byLayer.computeIfAbsent(s.layer(), k -> new ArrayList<>()).add(i);
    }

    progress.start(
        "importance of " + subClusters.size() + " sub-clusters of " + network.name(),
        subClusters.size());
    SubClusterImportance[] rows = new SubClusterImportance[subClusters.size()];
    double[] intactPerClass = null;
    double intactAccuracy = Double.NaN;
    int done = 0;
    for (var entry : byLayer.entrySet()) {
      String layer = entry.getKey();
      List<Integer> members = entry.getValue();
      try (LesionEngine engine =
          LesionEngine.open(
              network, test, layer, options.batchSize(), options.cacheBudgetBytes())) {
        float[] keep = new float[engine.units()];
        Arrays.fill(keep, 1f);
        if (intactPerClass == null) {
          intactPerClass = engine.perClassAccuracy(List.of(keep))[0];
          intactAccuracy = overall(intactPerClass, engine.classCounts());
        }
        Draws draws = new Draws(options, layer, engine.units());
        List<SubClusterImportance> layerRows;
        if (options.sequential() == null && !engine.fullyCached()) {
          // Chunked engine: each call recomputes the prefix, so evaluate the layer in one call.
          layerRows = fixedLayer(engine, subClusters, members, draws, options, intactPerClass);
          done += members.size();
          progress.update(done, layer);
        } else if (options.sequential() == null) {
          // Fully cached: as many sub-clusters per call as one suffix pass takes masks.
          int block = Math.max(1, engine.masksPerPass() / (options.randomLesions() + 1));
          layerRows = new ArrayList<>();
          for (int from = 0; from < members.size(); from += block) {
            List<Integer> part = members.subList(from, Math.min(members.size(), from + block));
            layerRows.addAll(fixedLayer(engine, subClusters, part, draws, options, intactPerClass));
            done += part.size();
            progress.update(done, layer + " #" + subClusters.get(part.get(part.size() - 1)).cluster());
          }
        } else {
          layerRows = new ArrayList<>();
          for (int i : members) {
            layerRows.add(sequential(engine, subClusters.get(i), draws, options, intactPerClass));
            progress.update(++done, layer + " #" + subClusters.get(i).cluster());
          }
        }
        for (int j = 0; j < members.size(); j++) {
          rows[members.get(j)] = layerRows.get(j);
        }
      }
    }

    double[] pMean = Arrays.stream(rows).mapToDouble(SubClusterImportance::pMean).toArray();
    boolean[] significant = BenjaminiHochberg.reject(pMean, options.fdr());
    List<SubClusterImportance> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      SubClusterImportance r = rows[i];
      out.add(
          new SubClusterImportance(
              r.subCluster(),
              r.trueAccuracy(),
              r.truePerClass(),
              r.randomAccuracies(),
              r.randomPerClass(),
              r.pMean(),
              r.trueRange(),
              r.randomRanges(),
              r.pRange(),
              r.rangePercentile(),
              r.effectFactor(),
              significant[i]));
    }
    ImportanceResult result =
        new ImportanceResult(
            network.name(),
            test.name(),
            options,
            test.classNames(),
            intactPerClass,
            intactAccuracy,
            out);
    progress.finish(
        String.format(
            java.util.Locale.ROOT,
            "%d of %d sub-clusters significant, combined p (mean) %.3g",
            result.significantCount(),
            out.size(),
            result.combinedP()));
    return result;
  }

  /**
   * The units of a random lesion exactly as {@link #run} draws it: the {@code draw}-th random
   * same-size set for a sub-cluster under the given options (draw mode and seed). Use it to
   * inspect or reproduce a baseline lesion outside the test.
   *
   * @param subCluster the sub-cluster
   * @param draw the draw's index, {@code >= 0}
   * @param options the options of the run (draw mode and seed are used)
   * @return the lesioned units, sorted
   */
  public static int[] randomSet(SubCluster subCluster, int draw, ImportanceOptions options) {
    if (draw < 0) {
      throw new IllegalArgumentException("draw must be >= 0, got " + draw);
    }
    return new Draws(options, subCluster.layer(), subCluster.layerUnits()).random(subCluster, draw);
  }

  /** A fixed number of random lesions for the given sub-clusters, evaluated in one engine call. */
  private static List<SubClusterImportance> fixedLayer(
      LesionEngine engine,
      List<SubCluster> subClusters,
      List<Integer> members,
      Draws draws,
      ImportanceOptions options,
      double[] intact) {
    int n = options.randomLesions();
    List<float[]> masks = new ArrayList<>();
    for (int i : members) {
      SubCluster s = subClusters.get(i);
      masks.add(engine.maskOf(s.units()));
      for (int r = 0; r < n; r++) {
        masks.add(engine.maskOf(draws.random(s, r)));
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
      rows.add(row(subClusters.get(members.get(j)), truePc, trueAcc, randomPc, randomAcc, p, intact, counts));
    }
    return rows;
  }

  /** Random lesions drawn until the sequential test decides, in growing blocks. */
  private static SubClusterImportance sequential(
      LesionEngine engine,
      SubCluster s,
      Draws draws,
      ImportanceOptions options,
      double[] intact) {
    SequentialMonteCarlo smc = options.sequential();
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
                  masks.add(engine.maskOf(draws.random(s, r)));
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
    double effect = CombinedTests.effectFactor(intactAcc - trueAcc, meanRandomDrop);
    return new SubClusterImportance(
        s, trueAcc, truePc, randomAcc, randomPc, pMean, trueRange, randomRanges, pRange,
        percentile, effect, false);
  }

  /**
   * The paper's "range" statistic of a lesion: with {@code Δc = intact − lesioned} accuracy of
   * class c (over classes with test images), {@code (max Δ − min Δ) / mean Δ}; NaN when the mean
   * drop is not positive (the lesion did not hurt on average, so the ratio has no meaning).
   *
   * @param intactPerClass per-class accuracy of the intact network
   * @param lesionedPerClass per-class accuracy after the lesion
   * @return the statistic, or NaN
   */
  public static double range(double[] intactPerClass, double[] lesionedPerClass) {
    if (intactPerClass.length != lesionedPerClass.length) {
      throw new IllegalArgumentException(
          "per-class accuracies differ in length: intact " + intactPerClass.length
              + ", lesioned " + lesionedPerClass.length);
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
    if (n == 0 || !(sum / n > 0)) {
      return Double.NaN;
    }
    return (max - min) / (sum / n);
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

  /**
   * The random same-size unit sets of one layer; draw {@code r} of a sub-cluster is a function of
   * the seed, the layer, (for {@code UNIFORM}) the sub-cluster, and {@code r} only.
   */
  static final class Draws {
    private final ImportanceOptions.DrawMode mode;
    private final long seed;
    private final String layer;
    private final int units;

    Draws(ImportanceOptions options, String layer, int units) {
      this.mode = options.drawMode();
      this.seed = options.seed();
      this.layer = layer;
      this.units = units;
    }

    /** The units of random lesion {@code r} for sub-cluster {@code s}, sorted. */
    int[] random(SubCluster s, int r) {
      int[] members = s.units();
      int[] out = new int[members.length];
      if (mode == ImportanceOptions.DrawMode.PERMUTE_LABELS) {
        int[] perm = permutation(units, new SplittableRandom(mix(seed, layer.hashCode(), r)));
        for (int i = 0; i < members.length; i++) {
          out[i] = perm[members[i]];
        }
      } else {
        SplittableRandom rng =
            new SplittableRandom(
                mix(mix(seed, layer.hashCode(), r), s.cluster(), Arrays.hashCode(members)));
        int[] pool = new int[units];
        for (int i = 0; i < units; i++) {
          pool[i] = i;
        }
        for (int i = 0; i < members.length; i++) {
          int j = i + rng.nextInt(units - i);
          int t = pool[i];
          pool[i] = pool[j];
          pool[j] = t;
          out[i] = pool[i];
        }
      }
      Arrays.sort(out);
      return out;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p;
    }

    /** SplitMix64-style mixing of a seed with two more values. */
    private static long mix(long seed, long a, long b) {
      long h = seed;
      h = fmix(h ^ fmix(a + 0x9E3779B97F4A7C15L));
      h = fmix(h ^ fmix(b + 0xC2B2AE3D27D4EB4FL));
      return h;
    }

    private static long fmix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
