package org.locspec.sweep;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SubCluster;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.CoherenceScore;
import org.locspec.coherence.Measure;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.SubClusterImportance;
import org.locspec.model.Network;
import org.locspec.model.TorchEngine;
import org.locspec.progress.ProgressListener;
import org.locspec.report.ModelAnalysis;
import org.locspec.stats.BaselineStats;
import org.locspec.stats.Discoveries;
import org.locspec.train.TrainedNetwork;
import org.locspec.zoo.ModelZoo;
import org.locspec.zoo.ZooEntry;
import org.locspec.zoo.ZooGrid;
import org.locspec.zoo.ZooModel;
import org.locspec.zoo.ZooOutcome;

/**
 * The work of a sweep's tasks, without Spark: train or load one model, run one analysis unit. Every
 * random step is seeded from the cell (the model's seed; shuffled sample {@code i} from {@code
 * Seeds.derive(seed, i)}), so a unit gives the same result on any executor, in any task.
 */
public final class SweepWork {
  /** Data sets read by this JVM, by name, split and number of images. */
  private static final Map<String, ImageDataset> DATA = new ConcurrentHashMap<>();

  private static final long BUSY_WAIT_MILLIS = 500;

  /**
   * DJL's PyTorch engine lets one gradient collector run per JVM at a time, so an executor with
   * several task slots (and {@code local[N]}) trains or visualizes for one model at a time; the
   * other analyses run in parallel.
   */
  private static final Object GRADIENTS = new Object();

  private SweepWork() {}

  /**
   * Sets PyTorch's intra-op threads to one for this JVM, once and for good. The setting is global
   * to the process and changes floating-point sums, so tasks that ran side by side with different
   * settings (a training scope of one thread, a feature visualization with the default) would give
   * results that depend on what else ran at the time; with one thread each, tasks are independent
   * and Spark's task slots use the cores.
   */
  private static synchronized void oneTorchThread() {
    TorchEngine.get();
    if (JniUtils.getNumThreads() != 1) {
      JniUtils.setNumThreads(1);
    }
  }

  /**
   * The analysis units of one model: the true n-cut, the shuffled networks in batches of {@link
   * SweepOptions#shufflesPerTask()}, and each sub-cluster analysis switched on.
   *
   * @param cell the model
   * @param o the options
   * @return the units, in a fixed order
   */
  public static List<AnalysisUnit> units(ModelCell cell, SweepOptions o) {
    List<AnalysisUnit> out = new ArrayList<>();
    out.add(AnalysisUnit.of(cell, AnalysisUnit.Kind.NCUT));
    for (int from = 0; from < o.shuffles(); from += o.shufflesPerTask()) {
      int to = Math.min(o.shuffles(), from + o.shufflesPerTask());
      out.add(new AnalysisUnit(cell, AnalysisUnit.Kind.SHUFFLES, from, to));
    }
    if (o.importance()) {
      out.add(AnalysisUnit.of(cell, AnalysisUnit.Kind.IMPORTANCE));
    }
    if (o.coherence()) {
      out.add(AnalysisUnit.of(cell, AnalysisUnit.Kind.COHERENCE));
    }
    if (o.visualization()) {
      out.add(AnalysisUnit.of(cell, AnalysisUnit.Kind.VISUALIZATION));
    }
    return out;
  }

  /**
   * Trains one model into the zoo ({@link ModelZoo#train}: a hidden folder renamed into place, a
   * lock per model) or finds it stored there; waits while another task holds the model.
   *
   * @param zoo the zoo folder every executor sees
   * @param grid the grid (its epochs)
   * @param cell the model
   * @param o the options (the number of training and test images)
   * @return the stored model's entry
   * @throws IllegalStateException if the zoo holds the model trained on other images
   */
  public static ZooEntry trainOrLoad(Path zoo, ZooGrid grid, ModelCell cell, SweepOptions o) {
    oneTorchThread();
    ZooModel m = cell.model(grid);
    ImageDataset train = data(m.dataset(), Split.TRAIN, o.trainImages());
    ImageDataset test = data(m.dataset(), Split.TEST, o.testImages());
    while (true) {
      ZooOutcome out;
      synchronized (GRADIENTS) {
        out = ModelZoo.train(zoo, m, train, test, ProgressListener.none());
      }
      if (out.status() != ZooOutcome.Status.BUSY) {
        ZooEntry e = out.entry();
        if (e.trainImages() != train.size()) {
          throw new IllegalStateException(
              "the zoo "
                  + zoo
                  + " holds "
                  + cell
                  + " trained on "
                  + e.trainImages()
                  + " images, the sweep asks for "
                  + train.size()
                  + "; give the sweep another zoo folder (--zoo) or the same --train-images");
        }
        return e;
      }
      sleep();
    }
  }

  /**
   * What a unit's result depends on: the model (its description and training images), the unit, the
   * options of its analysis and the test images.
   *
   * @param unit the unit
   * @param entry the model's zoo entry
   * @param o the options
   * @return the key stored with the unit's result
   */
  public static String key(AnalysisUnit unit, ZooEntry entry, SweepOptions o) {
    return entry.description()
        + "; trained on "
        + entry.trainImages()
        + " images; "
        + unit.id()
        + ": "
        + options(unit.kind(), unit.cell().seed(), o)
        + "; test images "
        + (o.testImages() == 0 ? "all" : String.valueOf(o.testImages()));
  }

  /**
   * Runs one analysis unit on a stored model.
   *
   * @param zoo the zoo folder
   * @param unit the unit
   * @param entry the model's zoo entry
   * @param o the options
   * @return the unit's rows or shuffled n-cuts
   */
  public static UnitResult run(Path zoo, AnalysisUnit unit, ZooEntry entry, SweepOptions o) {
    long t0 = System.nanoTime();
    oneTorchThread();
    long seed = unit.cell().seed();
    Rows rows = new Rows(entry, options(unit.kind(), seed, o), o);
    double[] samples = new double[0];
    try (TrainedNetwork trained = ModelZoo.load(zoo, entry);
        Network net = trained.network()) {
      switch (unit.kind()) {
        case NCUT -> {
          NeuronGraph g = NeuronGraph.fromWeights(NetworkGraphs.weights(net, Norm.L1));
          double ncut = SpectralClustering.fit(g, o.spectral(seed)).ncut(g);
          rows.network(
              "clusterability",
              "n-cut (k = 12)",
              0,
              ncut,
              Double.NaN,
              Double.NaN,
              o.shuffles(),
              -1);
        }
        case SHUFFLES -> {
          LayerWeights w = NetworkGraphs.weights(net, Norm.L1);
          samples = new double[unit.to() - unit.from()];
          for (int i = unit.from(); i < unit.to(); i++) {
            samples[i - unit.from()] =
                ShuffledBaseline.sampleNcut(w, o.spectral(seed), o.shuffle(seed), i);
          }
        }
        case IMPORTANCE -> {
          importance(analysis(net, entry, o).importance(o.importanceOptions(seed)), rows);
        }
        case COHERENCE -> {
          coherence(
              "coherence",
              analysis(net, entry, o).coherence(o.coherenceOptions(seed)),
              List.of(Measure.LABEL_ENTROPY, Measure.PREDICTION_ENTROPY),
              rows);
        }
        case VISUALIZATION -> {
          ModelAnalysis m = analysis(net, entry, o);
          Optional<CoherenceResult> r;
          synchronized (GRADIENTS) {
            r = m.visualization(o.coherenceOptions(seed));
          }
          coherence("visualization", r, List.of(Measure.VIS_SCORE, Measure.VIS_ENTROPY), rows);
        }
      }
    }
    return new UnitResult(
        unit, key(unit, entry, o), rows.list, samples, (System.nanoTime() - t0) / 1e9);
  }

  private static ModelAnalysis analysis(Network net, ZooEntry e, SweepOptions o) {
    ImageDataset test = data(e.dataset(), Split.TEST, o.testImages());
    return ModelAnalysis.of(net, test, e.seed(), ProgressListener.none());
  }

  /**
   * The importance rows of a network: one per sub-cluster and two for the network; with no
   * sub-cluster that qualifies, the network's rows alone, with zero tests and undefined statistics.
   */
  private static void importance(Optional<ImportanceResult> result, Rows rows) {
    if (result.isEmpty()) {
      for (String measure : List.of("mean", "range")) {
        rows.network("importance", measure, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0);
      }
      return;
    }
    ImportanceResult r = result.get();
    for (SubClusterImportance s : r.rows()) {
      double z = (s.trueAccuracy() - s.randomMean()) / s.randomSd();
      rows.subCluster(
          "importance",
          "accuracy",
          s.subCluster(),
          new double[] {s.trueAccuracy(), s.randomMean(), s.randomSd(), s.pMean(), z},
          s.effectFactor(),
          s.qValue(),
          s.significant(),
          s.draws());
    }
    Discoveries d = r.discoveries();
    rows.network(
        "importance",
        "mean",
        d.tests(),
        r.intactAccuracy(),
        r.combinedPMeans(),
        r.effectFactorMeans(),
        d.draws(),
        d.rejected());
    rows.network(
        "importance",
        "range",
        d.tests(),
        r.intactAccuracy(),
        r.combinedPRanges(),
        r.effectFactorRange(),
        d.draws(),
        d.rejected());
  }

  /**
   * The coherence rows of a network, per measure: one per sub-cluster and one for the network; with
   * no sub-cluster that qualifies, the network's rows alone, with zero tests and undefined
   * statistics.
   */
  private static void coherence(
      String analysis, Optional<CoherenceResult> result, List<Measure> measures, Rows rows) {
    if (result.isEmpty()) {
      for (Measure measure : measures) {
        rows.network(analysis, measure.description(), 0, Double.NaN, Double.NaN, Double.NaN, 0, 0);
      }
      return;
    }
    CoherenceResult r = result.get();
    for (Measure measure : measures) {
      String name = measure.description();
      for (CoherenceScore s : r.scores(measure)) {
        double[] used = Arrays.copyOf(s.randoms(), s.draws());
        rows.subCluster(
            analysis,
            name,
            s.subCluster(),
            new double[] {
              s.observed(), s.randomMean(), BaselineStats.sd(used), s.pValue(), s.zScore()
            },
            s.effectFactor(),
            s.qValue(),
            s.significant(),
            s.draws());
      }
      Discoveries d = r.discoveries(measure);
      rows.network(
          analysis,
          name,
          d.tests(),
          Double.NaN,
          r.combinedP(measure),
          r.meanEffectFactor(measure),
          d.draws(),
          d.rejected());
    }
  }

  /** The options of one kind of analysis with a model's seed, as a string for provenance. */
  static String options(AnalysisUnit.Kind kind, long seed, SweepOptions o) {
    return switch (kind) {
      case NCUT -> o.spectral(seed).toString();
      case SHUFFLES -> o.spectral(seed) + "; " + o.shuffle(seed);
      case IMPORTANCE -> o.importanceOptions(seed).toString();
      case COHERENCE, VISUALIZATION -> o.coherenceOptions(seed).toString();
    };
  }

  /**
   * A data set split read once per JVM, cut to its first {@code limit} images (0: all).
   *
   * @param name the data set
   * @param split the split
   * @param limit the number of images, 0 for all
   * @return the images
   */
  static ImageDataset data(String name, Split split, int limit) {
    return DATA.computeIfAbsent(
        name + "/" + split + "/" + limit,
        k -> {
          ImageDataset all = Datasets.load(name, split);
          return limit == 0 || limit >= all.size() ? all : all.slice(0, limit);
        });
  }

  private static void sleep() {
    try {
      Thread.sleep(BUSY_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while another task trained the model", e);
    }
  }

  /** Collects the rows of one unit with the model's fields and the provenance filled in. */
  private static final class Rows {
    private final ZooEntry e;
    private final String options;
    private final SweepOptions o;
    private final List<SweepRow> list = new ArrayList<>();

    Rows(ZooEntry e, String options, SweepOptions o) {
      this.e = e;
      this.options = options;
      this.o = o;
    }

    /** A sub-cluster's row; {@code stats} = observed, random mean, random sd, p, z. */
    void subCluster(
        String analysis,
        String measure,
        SubCluster s,
        double[] stats,
        double effect,
        double q,
        boolean significant,
        long draws) {
      add(
          analysis,
          measure,
          s.layer(),
          s.cluster(),
          s.size(),
          stats,
          effect,
          q,
          significant,
          draws,
          -1);
    }

    /** A network's row: no random sd, z or q. */
    void network(
        String analysis,
        String measure,
        int units,
        double observed,
        double p,
        double effect,
        long draws,
        int rejected) {
      double nan = Double.NaN;
      add(
          analysis,
          measure,
          SweepRow.NETWORK,
          -1,
          units,
          new double[] {observed, nan, nan, p, nan},
          effect,
          nan,
          false,
          draws,
          rejected);
    }

    private void add(
        String analysis,
        String measure,
        String layer,
        int cluster,
        int units,
        double[] stats,
        double effect,
        double q,
        boolean significant,
        long draws,
        int rejected) {
      list.add(
          new SweepRow(
              e.dataset(),
              e.architecture(),
              e.regime(),
              e.seed(),
              e.testAccuracy(),
              analysis,
              measure,
              layer,
              cluster,
              units,
              stats[0],
              stats[1],
              stats[2],
              stats[3],
              stats[4],
              effect,
              q,
              significant,
              draws,
              rejected,
              options,
              e.description(),
              e.trainImages(),
              o.testImages() == 0 ? e.testImages() : o.testImages()));
    }
  }
}
