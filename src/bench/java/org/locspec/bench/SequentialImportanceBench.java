package org.locspec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locspec.cluster.Partition;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.lesion.SubClusterImportance;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.modelfile.TorchScriptImporter;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TrainedNetwork;
import org.locspec.zoo.ModelZoo;

/**
 * Benchmark (not a test): the cost of LocSpec's default per-sub-cluster importance test (the
 * sequential Monte-Carlo test, h = 10, at most 999 random lesions) against the papers' 19 draws,
 * measured in the same run on the papers' MLP (784-4×256-10) with the sub-clusters of its k = 16
 * weight-graph partition and the full Fashion-MNIST test set (10,000 images). Prints, for both, the
 * time, sub-clusters decided per second, random lesions per second and the suffix GFLOP/s, the
 * ratios, and where the sequential test's time goes: random lesions and suffix FLOPs by layer and
 * by how each test ended (ran to the budget, stopped early, papers' draws beyond the stop).
 *
 * <p>Model: the zoo's {@code fashion-mnist/mlp/plain/seed0} ({@code environment/zoo.sh}) from
 * {@code zoo/} of the checkout or the zoo folder given as argument; without a zoo, the MLP trained
 * for 2 epochs by {@code environment/bench/importance_torch.py} (as {@link ImportanceBench}).
 *
 * <p>Run: {@code environment/bench.sh SequentialImportanceBench} (arguments: {@code
 * BENCH_ARGS_SequentialImportanceBench="/work/zoo [IMAGES]"}; IMAGES, a stratified sample of the
 * test set for a quick check, defaults to all 10,000).
 */
public final class SequentialImportanceBench {
  private SequentialImportanceBench() {}

  /** One timed run. */
  private record Run(String name, ImportanceResult result, double seconds) {
    long lesions() {
      return result.lesionsDrawn();
    }

    void print(double flops) {
      int n = result.rows().size();
      System.out.printf(
          Locale.ROOT,
          "%-34s %7.1f s: %d sub-clusters decided, %.3f per s; %d random lesions, %.1f per s,"
              + " %.1f GFLOP/s in suffixes%n   %s%n",
          name,
          seconds,
          n,
          n / seconds,
          lesions(),
          lesions() / seconds,
          flops / seconds / 1e9,
          result.discoveries().sentence("sub-clusters", "important"));
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param args optionally a zoo folder holding {@code fashion-mnist/mlp/plain/seed0}, then the
   *     number of test images (a stratified sample; default: the whole test set)
   */
  public static void main(String[] args) throws Exception {
    Path root = Bench.repoRoot();
    Path zoo = args.length > 0 ? Path.of(args[0]) : root.resolve("zoo");
    ImageDataset all = Datasets.load(Datasets.FASHION_MNIST, Split.TEST);
    ImageDataset test = args.length > 1 ? all.stratifiedSample(Integer.parseInt(args[1]), 0) : all;
    boolean fromZoo = Files.isDirectory(zoo.resolve("fashion-mnist/mlp/plain/seed0"));
    try (TrainedNetwork trained =
            fromZoo ? ModelZoo.load(zoo, "fashion-mnist", "mlp", "plain", 0) : null;
        Network net =
            fromZoo ? trained.network() : TorchScriptImporter.load(ImportanceBench.trainedMlp())) {
      Partition p16 =
          SpectralClustering.fit(
              NeuronGraph.fromWeights(NetworkGraphs.weights(net, Norm.L1)),
              SpectralOptions.paper(16));
      List<Layer.UnitLayer> units = net.unitLayers();
      List<SubCluster> subs =
          SubClusters.forImportance(p16, List.of("input", units.get(units.size() - 1).name()));
      System.out.printf(
          "model %s (%s); %d sub-clusters of the k = 16 partition; %d test images; load %s%n",
          net.name(),
          fromZoo ? zoo.resolve("fashion-mnist/mlp/plain/seed0") : "2 PyTorch epochs",
          subs.size(),
          test.size(),
          loadAverage());
      // Warm-up (native libraries, allocator), then the timed runs in the same process.
      ImportanceTest.run(
          net,
          test.slice(0, 1000),
          subs.subList(0, 1),
          ImportanceOptions.paper(),
          ProgressListener.none());
      Run paper = timed("the papers' 19 draws", net, test, subs, ImportanceOptions.paper());
      Run sequential =
          timed("sequential (h = 10, <= 999 draws)", net, test, subs, ImportanceOptions.defaults());
      double paperFlops = flops(paper.result(), units, test.size());
      double seqFlops = flops(sequential.result(), units, test.size());
      paper.print(paperFlops);
      sequential.print(seqFlops);
      System.out.printf(
          Locale.ROOT,
          "ratio sequential / papers: time %.2f (sub-clusters per second %.3f), random lesions"
              + " %.2f, suffix FLOPs %.2f, lesions per second %.2f%n",
          sequential.seconds() / paper.seconds(),
          paper.seconds() / sequential.seconds(),
          (double) sequential.lesions() / paper.lesions(),
          seqFlops / paperFlops,
          (sequential.lesions() / sequential.seconds()) / (paper.lesions() / paper.seconds()));
      whereTheTimeGoes(sequential.result(), units, test.size(), seqFlops);
      System.out.println("load average after: " + loadAverage());
    }
  }

  private static Run timed(
      String name, Network net, ImageDataset test, List<SubCluster> subs, ImportanceOptions o) {
    long t0 = System.nanoTime();
    ImportanceResult r = ImportanceTest.run(net, test, subs, o, ProgressListener.none());
    return new Run(name, r, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * FLOPs per image of one lesion of {@code k} units of a hidden dense layer, as {@code
   * LesionEngine} computes it: the rank-{@code k} update of the next dense layer's cached output
   * ({@code k × its units}), then the dense layers after that one.
   */
  private static double suffixFlops(List<Layer.UnitLayer> units, String layer, int k) {
    double f = 0;
    int at = -1;
    for (int i = 0; i < units.size(); i++) {
      Layer.UnitLayer u = units.get(i);
      if (at >= 0) {
        f += 2.0 * (i == at + 1 ? k : u.inputs()) * u.units();
      } else if (u.name().equals(layer)) {
        at = i;
      }
    }
    return f;
  }

  private static double flops(ImportanceResult r, List<Layer.UnitLayer> units, int images) {
    double f = 0;
    for (SubClusterImportance row : r.rows()) {
      SubCluster s = row.subCluster();
      f += (row.lesionsDrawn() + 1.0) * images * suffixFlops(units, s.layer(), s.size());
    }
    return f;
  }

  /** Random lesions and suffix FLOPs by layer and by how each sub-cluster's test ended. */
  private static void whereTheTimeGoes(
      ImportanceResult r, List<Layer.UnitLayer> units, int images, double total) {
    Map<String, double[]> byLayer = new LinkedHashMap<>();
    Map<String, double[]> byEnd = new LinkedHashMap<>();
    for (String k : List.of("ran to the budget", "stopped early", "papers' 19 past a stop")) {
      byEnd.put(k, new double[3]);
    }
    for (SubClusterImportance row : r.rows()) {
      String layer = row.subCluster().layer();
      double perLesion = images * suffixFlops(units, layer, row.subCluster().size());
      double[] l = byLayer.computeIfAbsent(layer, k -> new double[3]);
      l[0]++;
      l[1] += row.lesionsDrawn();
      l[2] += row.lesionsDrawn() * perLesion;
      double[] e = byEnd.get(row.test().stoppedEarly() ? "stopped early" : "ran to the budget");
      e[0]++;
      e[1] += row.draws();
      e[2] += row.draws() * perLesion;
      double[] extra = byEnd.get("papers' 19 past a stop");
      extra[1] += row.lesionsDrawn() - row.draws();
      extra[2] += (row.lesionsDrawn() - row.draws()) * perLesion;
    }
    System.out.println("where the sequential test's time goes (suffix FLOPs ~ time):");
    print(byLayer, total, "layer");
    print(byEnd, total, "tests");
  }

  private static void print(Map<String, double[]> parts, double total, String what) {
    for (var e : parts.entrySet()) {
      double[] v = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "  %-5s %-30s %3.0f sub-clusters, %6.0f random lesions, %5.1f%% of FLOPs%n",
          what,
          e.getKey(),
          v[0],
          v[1],
          100 * v[2] / total);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
