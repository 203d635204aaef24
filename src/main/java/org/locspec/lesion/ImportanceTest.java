package org.locspec.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.locspec.stats.SequentialRounds;

/**
 * The importance (lesion) test of sub-clusters: is a sub-cluster more important to the network's
 * accuracy, and more class-specific, than random same-size sets of units of its layer?
 *
 * <p>For each sub-cluster the test lesions it (its units output 0, see {@link Network}) and random
 * same-size sets of units from the same layer (drawn by {@link RandomUnitSets}, the sampler
 * coherence uses too), and measures per-class test accuracy after each. LocSpec decides each
 * sub-cluster with the Monte-Carlo test of {@link ImportanceOptions#test()} on the "mean" statistic
 * (is the true lesion's accuracy lower than the random ones'?): by default the sequential test of
 * Besag and Clifford ({@link SequentialMonteCarlo#defaults()}: random lesions are drawn until 10
 * are at least as harmful, at most 999), then Benjamini–Hochberg over the network's sub-clusters.
 * Beside it, from the first {@link ImportanceOptions#randomLesions()} (19) random lesions, it
 * reports the papers' statistics as their code names them: {@code mean_percentile}, the "range"
 * statistic ((max − min) / |mean| of the per-class accuracy changes) and its {@code
 * range_percentile}, {@code effect_factor_means} and {@code effect_factor_range}, and across
 * sub-clusters their Fisher combinations {@code combined_p_means} and {@code combined_p_ranges};
 * plus LocSpec's bounded effect factor ({@link EffectFactors}). {@link
 * ImportanceResult#combineAcrossNets} combines several networks with the Bates distribution.
 *
 * <p>All masks of one layer are evaluated by one {@link LesionEngine}: the layer's prefix runs
 * once, and many lesions share one batched suffix pass; the random lesions of all undecided
 * sub-clusters of a layer are evaluated together, round by round ({@link SequentialRounds}).
 *
 * <p>Reference: S. Hod, D. Filan, S. Casper, A. Critch, S. Russell, "Quantifying Local
 * Specialization in Deep Neural Networks", arXiv 2110.08058, §3 (lesion experiments).
 */
public final class ImportanceTest {
  /** A mean accuracy change smaller than this is 0 (per-class accuracies differ by rounding). */
  public static final double ZERO_CHANGE = 1e-12;

  private ImportanceTest() {}

  /**
   * Runs the importance test with LocSpec's options ({@link ImportanceOptions#defaults()}: the
   * sequential test, the papers' 19-draw statistics beside it) and no progress reports.
   */
  public static ImportanceResult run(
      Network network, ImageDataset test, List<SubCluster> subClusters) {
    return run(network, test, subClusters, ImportanceOptions.defaults(), ProgressListener.none());
  }

  /**
   * Runs the importance test.
   *
   * @param network the network (not modified)
   * @param test the test images with labels
   * @param subClusters the sub-clusters to test, each from a unit layer of the network and smaller
   *     than its layer
   * @param options the test, the papers' draws, kind of random lesions, seed, batch size, FDR
   * @param progress receives one step per decided sub-cluster
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
    Objects.requireNonNull(options, "options must not be null (e.g. ImportanceOptions.defaults())");
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
        List<SubCluster> members = entry.getValue().stream().map(subClusters::get).toList();
        SubClusterImportance[] tested =
            new LayerRun(engine, members, options, intact).test(done, progress);
        for (int j = 0; j < tested.length; j++) {
          rows[entry.getValue().get(j)] = tested[j];
        }
        done += tested.length;
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
    progress.finish(result.discoveries().sentence("sub-clusters", "important"));
    return result;
  }

  /** The rows with their Benjamini–Hochberg q-values and decisions on the "mean" p-values. */
  private static List<SubClusterImportance> withBenjaminiHochberg(
      SubClusterImportance[] rows, double q) {
    double[] pMean = Arrays.stream(rows).mapToDouble(SubClusterImportance::pMean).toArray();
    double[] adjusted = BenjaminiHochberg.adjust(pMean);
    boolean[] rejected = BenjaminiHochberg.reject(pMean, q);
    List<SubClusterImportance> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(rows[i].withBenjaminiHochberg(adjusted[i], rejected[i]));
    }
    return out;
  }

  /**
   * The sub-clusters of one layer, tested with one engine: their true lesions in one call, then
   * rounds of random lesions ({@link SequentialRounds}) in which every undecided sub-cluster's next
   * block is evaluated in one batch, until each test has decided and the papers' draws are made.
   */
  private record LayerRun(
      LesionEngine engine, List<SubCluster> members, ImportanceOptions options, double[] intact) {

    /** The rows of the members, in their order; progress counts decided sub-clusters. */
    SubClusterImportance[] test(int doneBefore, ProgressListener progress) {
      int[] counts = engine.classCounts();
      List<float[]> trueMasks = new ArrayList<>();
      members.forEach(s -> trueMasks.add(engine.maskOf(s.units())));
      double[][] truePc = engine.perClassAccuracy(trueMasks);
      double[][] observed = new double[members.size()][];
      for (int j = 0; j < observed.length; j++) {
        observed[j] = new double[] {overall(truePc[j], counts)};
      }
      SequentialRounds rounds =
          new SequentialRounds(
              options.test(), options.randomLesions(), observed, MonteCarloPValue.Tail.LOWER);
      List<List<double[]>> randomPc = new ArrayList<>();
      members.forEach(s -> randomPc.add(new ArrayList<>()));
      RandomUnitSets draws = options.unitSets();
      int round = 0;
      long decided = 0;
      for (int[] blocks = rounds.nextBlocks(); !rounds.done(); blocks = rounds.nextBlocks()) {
        round++;
        List<float[]> masks = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int j = 0; j < blocks.length; j++) {
          for (int r = rounds.drawn(j); r < rounds.drawn(j) + blocks[j]; r++) {
            masks.add(engine.maskOf(draws.draw(members.get(j), r)));
            owners.add(j);
          }
        }
        double[][] pc = evaluate(masks, doneBefore + decided, round, progress);
        for (int i = 0; i < pc.length; i++) {
          randomPc.get(owners.get(i)).add(pc[i]);
          rounds.add(owners.get(i), overall(pc[i], counts));
        }
        decided = Arrays.stream(rounds.nextBlocks()).filter(b -> b == 0).count();
        progress.update(
            doneBefore + decided,
            engine.layer()
                + ": "
                + decided
                + " of "
                + members.size()
                + " decided after round "
                + round);
      }
      SubClusterImportance[] rows = new SubClusterImportance[members.size()];
      for (int j = 0; j < rows.length; j++) {
        int keep = rounds.kept(j);
        rows[j] =
            row(
                members.get(j),
                truePc[j],
                observed[j][0],
                randomPc.get(j).subList(0, keep).toArray(new double[0][]),
                rounds.values(j, 0),
                rounds.outcome(j, 0),
                options.randomLesions(),
                intact,
                counts);
      }
      return rows;
    }

    /**
     * Per-class accuracies under the masks of one round, in one engine call; progress moves with
     * the images the round's masks have been evaluated on, its count is the sub-clusters decided.
     */
    private double[][] evaluate(
        List<float[]> masks, long decided, int round, ProgressListener progress) {
      String prefix =
          engine.layer() + ": round " + round + ", " + masks.size() + " random lesions on ";
      String of = " of " + String.format(Locale.ROOT, "%,d", engine.size()) + " images";
      return engine.perClassAccuracy(
          masks,
          images ->
              progress.update(decided, prefix + String.format(Locale.ROOT, "%,d", images) + of));
    }
  }

  private static SubClusterImportance row(
      SubCluster s,
      double[] truePc,
      double trueAcc,
      double[][] randomPc,
      double[] randomAcc,
      SequentialMonteCarlo.Outcome outcome,
      int papersDraws,
      double[] intact,
      int[] counts) {
    double trueRange = range(intact, truePc);
    double[] randomRanges = new double[randomPc.length];
    for (int r = 0; r < randomPc.length; r++) {
      randomRanges[r] = range(intact, randomPc[r]);
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
        outcome,
        papersDraws,
        trueRange,
        randomRanges,
        effect,
        Double.NaN,
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
