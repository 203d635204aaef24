package org.locspec.coherence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.SequentialRounds;

/**
 * Coherence by dataset examples: rank the inputs by how strongly a sub-cluster responds to them
 * ({@code Σ |pre-activation|} over its units; a convolution channel's value is the L1 norm of its
 * pre-activation map), take the top k, and measure the entropy of their true labels (and of the
 * network's predicted labels). Low entropy means the sub-cluster responds to one kind of input. The
 * baseline is random same-size unit sets from the same layer, drawn until the options' test decides
 * both measures ({@link CoherenceOptions#test()}; by default sequential, at most 999 random sets,
 * and at least the papers' 19).
 *
 * <pre>{@code
 * CoherenceResult r = DatasetExamples.run(net, test, subClusters, CoherenceOptions.defaults(),
 *     ProgressListener.none());
 * System.out.println(r);                      // BH counts and what they mean, the papers' p
 * BufferedImage grid = r.topExamplesGrid(r.subClusters().get(0));
 * }</pre>
 *
 * <p>Reference: Hod et al., arXiv 2110.08058, §4.2 (dataset examples: top 10, 19 random sets).
 */
public final class DatasetExamples {
  /** The smallest sub-cluster tested (the paper's rule for dataset examples). */
  public static final int MIN_SIZE = 5;

  /** The largest fraction of its layer a tested sub-cluster may cover. */
  public static final double MAX_FRACTION = 0.75;

  private DatasetExamples() {}

  /**
   * Runs the analysis.
   *
   * @param network the network
   * @param data the inputs to rank (e.g. the test set); more than {@code options.topK()} images
   * @param subClusters the sub-clusters; those with fewer than {@link #MIN_SIZE} units or more than
   *     {@link #MAX_FRACTION} of their layer are skipped and listed in {@link
   *     CoherenceResult#skipped()}
   * @param options top k, the test, the papers' random sets, seed and batch size are used
   * @param progress receives one update per sub-cluster
   * @return the result, with measures {@link Measure#LABEL_ENTROPY} and {@link
   *     Measure#PREDICTION_ENTROPY}
   */
  public static CoherenceResult run(
      Network network,
      ImageDataset data,
      List<SubCluster> subClusters,
      CoherenceOptions options,
      ProgressListener progress) {
    SubClusters.requireFit(network, subClusters);
    Objects.requireNonNull(data, "data must not be null");
    Objects.requireNonNull(options, "options must not be null (e.g. CoherenceOptions.defaults())");
    Objects.requireNonNull(progress, "progress must not be null (use ProgressListener.none())");
    if (data.size() <= options.topK()) {
      throw new IllegalArgumentException(
          "data "
              + data.name()
              + " has "
              + data.size()
              + " images; ranking needs more than topK = "
              + options.topK()
              + " (use more data or a smaller topK)");
    }
    Map<SubCluster, String> skipped = new LinkedHashMap<>();
    Map<String, List<SubCluster>> byLayer = new LinkedHashMap<>();
    for (SubCluster sc : subClusters) {
      if (sc.size() < MIN_SIZE) {
        skipped.put(sc, "fewer than " + MIN_SIZE + " units");
      } else if (sc.fraction() > MAX_FRACTION) {
        skipped.put(sc, "more than " + (int) (MAX_FRACTION * 100) + "% of its layer");
      } else {
        byLayer.computeIfAbsent(sc.layer(), l -> new ArrayList<>()).add(sc);
      }
    }
    int tested = subClusters.size() - skipped.size();
    progress.start("dataset examples of " + tested + " sub-clusters", tested);
    int[] labels = data.labels();
    int[] predicted = tested == 0 ? new int[0] : network.predict(data, Map.of(), options.batch());
    int classes = Math.max(data.numClasses(), network.numClasses());
    Map<SubCluster, CoherenceResult.Entry> entries = new LinkedHashMap<>();
    int done = 0;
    for (var layer : byLayer.entrySet()) {
      float[][] acts =
          network
              .capture(data, List.of(layer.getKey()), Network.Reduction.L1_NORM, options.batch())
              .get(layer.getKey());
      float[][] byUnit = absTransposed(acts);
      acts = null;
      for (SubCluster sc : layer.getValue()) {
        entries.put(sc, entry(sc, byUnit, labels, predicted, classes, options));
        progress.update(++done, sc.toString());
      }
    }
    List<CoherenceResult.Entry> ordered = new ArrayList<>();
    for (SubCluster sc : subClusters) {
      if (entries.containsKey(sc)) {
        ordered.add(entries.get(sc));
      }
    }
    CoherenceResult result =
        new CoherenceResult(
            CoherenceResult.Analysis.DATASET_EXAMPLES,
            Provenance.ofSubClusters(
                network.name(), Provenance.Data.of(data), subClusters, options, options.seed()),
            data,
            network.inputShape(),
            List.of(Measure.LABEL_ENTROPY, Measure.PREDICTION_ENTROPY),
            ordered,
            skipped);
    progress.finish(
        result.discoveries(Measure.LABEL_ENTROPY).sentence("sub-clusters", "coherent by labels"));
    return result;
  }

  /**
   * One sub-cluster's top examples and its random sets' label entropies, drawn until the options'
   * test has decided both measures (and at least the papers' {@code randomSets} are drawn).
   */
  private static CoherenceResult.Entry entry(
      SubCluster sc,
      float[][] byUnit,
      int[] labels,
      int[] predicted,
      int classes,
      CoherenceOptions options) {
    int[] top = topK(byUnit, sc.units(), options.topK());
    int[] topPred = pick(predicted, top);
    Map<Measure, Double> observed = new EnumMap<>(Measure.class);
    observed.put(Measure.LABEL_ENTROPY, Entropy.ofLabels(pick(labels, top), classes));
    observed.put(Measure.PREDICTION_ENTROPY, Entropy.ofLabels(topPred, classes));
    SequentialRounds rounds =
        new SequentialRounds(
            options.test(),
            options.randomSets(),
            new double[][] {
              {observed.get(Measure.LABEL_ENTROPY), observed.get(Measure.PREDICTION_ENTROPY)}
            },
            Measure.LABEL_ENTROPY.tail(),
            Measure.PREDICTION_ENTROPY.tail());
    List<int[]> sets = new ArrayList<>();
    for (int block = rounds.nextBlocks()[0]; block > 0; block = rounds.nextBlocks()[0]) {
      for (int k = 0; k < block; k++) {
        int[] set = options.unitSets().draw(sc, sets.size());
        int[] t = topK(byUnit, set, options.topK());
        sets.add(set);
        rounds.add(
            0,
            Entropy.ofLabels(pick(labels, t), classes),
            Entropy.ofLabels(pick(predicted, t), classes));
      }
    }
    Map<Measure, double[]> randoms = new EnumMap<>(Measure.class);
    randoms.put(Measure.LABEL_ENTROPY, rounds.values(0, 0));
    randoms.put(Measure.PREDICTION_ENTROPY, rounds.values(0, 1));
    int[][] kept = sets.subList(0, rounds.kept(0)).toArray(new int[0][]);
    return new CoherenceResult.Entry(sc, kept, observed, randoms, top, topPred, null);
  }

  /** {@code [units][images]} of absolute values, so that a unit set's score sums whole rows. */
  static float[][] absTransposed(float[][] acts) {
    int n = acts.length;
    int units = acts[0].length;
    float[][] out = new float[units][n];
    for (int i = 0; i < n; i++) {
      float[] row = acts[i];
      for (int u = 0; u < units; u++) {
        out[u][i] = Math.abs(row[u]);
      }
    }
    return out;
  }

  /**
   * The indices of the {@code k} inputs with the largest {@code Σ_u byUnit[u][i]}, largest first;
   * ties go to the smaller index.
   */
  static int[] topK(float[][] byUnit, int[] units, int k) {
    int n = byUnit[0].length;
    double[] score = new double[n];
    for (int u : units) {
      float[] row = byUnit[u];
      for (int i = 0; i < n; i++) {
        score[i] += row[i];
      }
    }
    // Keep the k best in a small sorted array (k is ~10).
    int[] best = new int[k];
    int filled = 0;
    for (int i = 0; i < n; i++) {
      double v = score[i];
      if (filled == k && !(v > score[best[k - 1]])) {
        continue;
      }
      int pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && v > score[best[pos - 1]]) {
        best[pos] = best[pos - 1];
        pos--;
      }
      best[pos] = i;
    }
    return best;
  }

  private static int[] pick(int[] values, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = values[idx[i]];
    }
    return out;
  }
}
