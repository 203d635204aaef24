package org.locspec.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.Partition;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.DatasetExamples;
import org.locspec.coherence.FeatureVisualization;
import org.locspec.coherence.Measure;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.zoo.ModelZoo;
import org.locspec.model.Network;
import org.locspec.train.TrainedMlp;
import org.locspec.zoo.ZooEntry;
import org.locspec.progress.ProgressListener;
import org.locspec.progress.TerminalProgressBar;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The papers' per-network numbers for every model of the zoo ({@code environment/zoo.sh}):
 * clusterability (true n-cut, shuffled mean ± sd, percentile, z; k = 12, paper shuffles), importance
 * (k = 16 sub-clusters, 19 random lesions, BH at q = 0.05, Fisher combined p, mean effect factor)
 * and coherence by dataset examples (sub-clusters coherent after BH, Fisher p) and by feature
 * visualization (coherent after BH by final objective and by softmax entropy).
 *
 * <p>Run: {@code environment/zoo-report.sh [--zoo DIR] [--shuffles N] [--datasets a,b]
 * [--regimes a,b] [--seeds 0,1] [--no-importance] [--no-coherence] [--no-visualization]}. Writes {@code
 * <zoo>/report.csv} (temp file, then rename) and prints the table.
 */
public final class ZooReport {
  private ZooReport() {}

  /**
   * Entry point.
   *
   * @param args options, see the class comment
   */
  public static void main(String[] args) {
    Path zoo = Path.of("zoo");
    int shuffles = ShuffleOptions.paper().samples();
    List<String> datasets = null;
    List<String> regimes = null;
    List<Long> seeds = null;
    boolean importance = true;
    boolean coherence = true;
    boolean visualize = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--zoo" -> zoo = Path.of(value(args, ++i, "--zoo"));
        case "--shuffles" -> shuffles = Integer.parseInt(value(args, ++i, "--shuffles"));
        case "--datasets" -> datasets = List.of(value(args, ++i, "--datasets").split(","));
        case "--regimes" -> regimes = List.of(value(args, ++i, "--regimes").split(","));
        case "--seeds" -> {
          seeds = new ArrayList<>();
          for (String s : value(args, ++i, "--seeds").split(",")) {
            seeds.add(Long.parseLong(s));
          }
        }
        case "--no-importance" -> importance = false;
        case "--no-coherence" -> coherence = false;
        case "--no-visualization" -> visualize = false;
        default -> throw new IllegalArgumentException(
            "unknown option '" + args[i] + "'; known: --zoo DIR, --shuffles N, --datasets a,b,"
                + " --regimes a,b, --seeds 0,1, --no-importance, --no-coherence, --no-visualization");
      }
    }
    List<ZooEntry> entries = ModelZoo.index(zoo).entries();
    StringColumn ds = StringColumn.create("dataset");
    StringColumn rg = StringColumn.create("regime");
    LongColumn sd = LongColumn.create("seed");
    DoubleColumn acc = DoubleColumn.create("test accuracy");
    DoubleColumn ncut = DoubleColumn.create("n-cut");
    DoubleColumn shMean = DoubleColumn.create("shuffled mean");
    DoubleColumn shSd = DoubleColumn.create("shuffled sd");
    DoubleColumn pct = DoubleColumn.create("percentile");
    DoubleColumn z = DoubleColumn.create("z");
    IntColumn nImp = IntColumn.create("importance sub-clusters");
    IntColumn sig = IntColumn.create("important after BH");
    DoubleColumn impP = DoubleColumn.create("importance Fisher p");
    DoubleColumn eff = DoubleColumn.create("mean effect factor");
    IntColumn nCoh = IntColumn.create("coherence sub-clusters");
    IntColumn coh = IntColumn.create("coherent after BH");
    DoubleColumn cohP = DoubleColumn.create("coherence Fisher p");
    IntColumn nVis = IntColumn.create("visualized sub-clusters");
    IntColumn visScore = IntColumn.create("coherent by vis score after BH");
    IntColumn visEntropy = IntColumn.create("coherent by vis entropy after BH");
    ProgressListener bar = new TerminalProgressBar();
    for (ZooEntry e : entries) {
      if ((datasets != null && !datasets.contains(e.dataset()))
          || (regimes != null && !regimes.contains(e.regime()))
          || (seeds != null && !seeds.contains(e.seed()))) {
        continue;
      }
      System.err.println("== " + e);
      ImageDataset test = Datasets.load(e.dataset(), Split.TEST);
      try (TrainedMlp mlp = ModelZoo.load(zoo, e.dataset(), e.regime(), e.seed());
          Network net = mlp.toNetwork()) {
        LayerWeights weights = NetworkGraphs.weights(net, Norm.L1);
        ClusterabilityResult c =
            ShuffledBaseline.run(
                weights,
                SpectralOptions.paper().withSeed(e.seed()),
                ShuffleOptions.paper().withSamples(shuffles).withSeed(e.seed()),
                bar);
        ds.append(e.dataset());
        rg.append(e.regime());
        sd.append(e.seed());
        acc.append(e.testAccuracy());
        ncut.append(c.trueNcut());
        shMean.append(c.shuffledMean());
        shSd.append(c.shuffledSd());
        pct.append(c.percentile());
        z.append(c.zScore());
        Partition p16 =
            SpectralClustering.fit(
                NeuronGraph.fromWeights(weights), SpectralOptions.paper(16).withSeed(e.seed()));
        List<String> excluded = List.of("input", net.unitLayers().get(net.unitLayers().size() - 1).name());
        if (importance) {
          List<SubCluster> subs = SubClusters.forImportance(p16, excluded);
          ImportanceResult r =
              ImportanceTest.run(net, test, subs, ImportanceOptions.paper().withSeed(e.seed()), bar);
          nImp.append(subs.size());
          sig.append(r.significantCount());
          impP.append(r.combinedP());
          eff.append(r.meanEffectFactor());
        } else {
          nImp.appendMissing();
          sig.appendMissing();
          impP.appendMissing();
          eff.appendMissing();
        }
        if (coherence) {
          List<SubCluster> subs = SubClusters.forCoherence(p16, excluded);
          CoherenceResult r =
              DatasetExamples.run(net, test, subs, CoherenceOptions.paper().withSeed(e.seed()), bar);
          nCoh.append(r.scores(r.measure()).size());
          coh.append(r.coherent(r.measure()).size());
          cohP.append(r.combinedP());
        } else {
          nCoh.appendMissing();
          coh.appendMissing();
          cohP.appendMissing();
        }
        if (visualize) {
          List<SubCluster> subs =
              SubClusters.forImportance(p16, excluded).stream()
                  .filter(s -> s.size() > 2 && s.size() < s.layerUnits())
                  .toList();
          CoherenceResult r =
              FeatureVisualization.run(net, subs, CoherenceOptions.paper().withSeed(e.seed()), bar);
          nVis.append(r.scores(Measure.VIS_SCORE).size());
          visScore.append(r.coherent(Measure.VIS_SCORE).size());
          visEntropy.append(r.coherent(Measure.VIS_ENTROPY).size());
        } else {
          nVis.appendMissing();
          visScore.appendMissing();
          visEntropy.appendMissing();
        }
      }
    }
    Table t =
        Table.create(
            "specialization of the model zoo",
            ds, rg, sd, acc, ncut, shMean, shSd, pct, z, nImp, sig, impP, eff, nCoh, coh, cohP,
            nVis, visScore, visEntropy);
    System.out.println(t.printAll());
    Path out = zoo.resolve("report.csv");
    try {
      Path tmp = Files.createTempFile(zoo, "report", ".csv.tmp");
      t.write().csv(tmp.toFile());
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UncheckedIOException("could not write " + out + ": " + ex.getMessage(), ex);
    }
    System.out.println("written to " + out);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
