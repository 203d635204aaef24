package org.locspec.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.locspec.cluster.SubCluster;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.lesion.LesionEngine;
import org.locspec.lesion.SubClusterImportance;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.modelfile.TorchScriptImporter;
import org.locspec.progress.ProgressListener;

/**
 * Benchmark (not a test): LocSpec's importance test on the paper MLP (784-4×256-10) against a plain
 * PyTorch loop that runs one full forward pass per lesion, with the same weights and masks, each
 * with 1 and with 2 intra-op threads (interleaved). Prints whether the per-class accuracies agree
 * (how many masks differ, and for those whether LocSpec's engine equals a plain DJL forward pass),
 * the FLOPs the engine computed by its own count ({@link LesionEngine#multiplyAdds()}: the cached
 * prefixes, the low-rank updates and the layers after them) against the plain loop's, the achieved
 * GFLOP/s beside the float32 matmul peak measured at LocSpec's best thread count in the same run,
 * peak heap and resident memory, the speed-up against the target (12×), then the headline:
 * LocSpec's best seconds against PyTorch's best, with the times per thread count below it.
 *
 * <p>Run: {@code environment/bench.sh ImportanceBench} ({@code BENCH_ARGS_ImportanceBench=MODEL.pt}
 * for a given model). Without an argument the MLP is trained for 2 epochs by {@code
 * environment/bench/importance_torch.py} (once; kept in {@code target/bench/importance-mlp.pt}).
 * Sub-clusters: a seeded random partition of each hidden layer into 16 equal groups (fixed-size
 * work for both sides); 19 random lesions each; the 10,000-image Fashion-MNIST test set.
 */
public final class ImportanceBench {
  private static final String SCRIPT = "importance_torch.py";
  private static final int K = 16;

  private ImportanceBench() {}

  /**
   * Runs the benchmark and prints whether the accuracies agree, the achieved FLOP/s and the
   * headline.
   *
   * @param args optionally the path of a TorchScript file of the MLP
   */
  public static void main(String[] args) throws Exception {
    System.out.println(Bench.loadAverage() + " (before)");
    Path work = Bench.workDir();
    String dataParent = Bench.peerDataDir().toString();
    Path model = args.length > 0 ? Paths.get(args[0]) : trainedMlp();
    Engine.getEngine("PyTorch");
    System.out.printf(
        "PyTorch (DJL) threads: intra-op %d, inter-op %d; cores %d%n",
        JniUtils.getNumThreads(),
        JniUtils.getNumInteropThreads(),
        Runtime.getRuntime().availableProcessors());
    ImageDataset test = Datasets.load(Datasets.FASHION_MNIST, Split.TEST);
    try (Network net = TorchScriptImporter.load(model)) {
      System.out.println(net);
      List<Layer.UnitLayer> units = net.unitLayers();
      List<SubCluster> subs = new ArrayList<>();
      SplittableRandom rng = new SplittableRandom(2024);
      for (Layer.UnitLayer l : units.subList(0, units.size() - 1)) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < K; c++) {
          groups.add(new ArrayList<>());
        }
        for (int u = 0; u < l.units(); u++) {
          groups.get(rng.nextInt(K)).add(u);
        }
        for (int c = 0; c < K; c++) {
          if (!groups.get(c).isEmpty()) {
            subs.add(
                new SubCluster(
                    l.name(),
                    c,
                    groups.get(c).stream().mapToInt(Integer::intValue).toArray(),
                    l.units()));
          }
        }
      }
      System.out.printf(
          "%d sub-clusters (seeded random partition of each hidden layer into %d equal groups),"
              + " 19 random lesions each, %d test images%n",
          subs.size(), K, test.size());
      ImportanceOptions options = ImportanceOptions.paper();

      // Warm-up on one sub-cluster (native libraries, allocator), then the timed runs.
      ImportanceTest.run(
          net, test.slice(0, 1000), subs.subList(0, 1), options, ProgressListener.none());
      ImportanceResult[] last = new ImportanceResult[1];
      List<Lesioned> lesions = new ArrayList<>();
      Path maskFile = work.resolve("importance-masks.txt");
      Path countFile = work.resolve("importance-counts.txt");
      String batch = System.getProperty("torch.batch", "10000");
      Bench.Comparison c =
          Bench.compare(
              "PyTorch",
              threads ->
                  Bench.torchSeconds(
                      threads,
                      () ->
                          last[0] =
                              ImportanceTest.run(
                                  net, test, subs, options, ProgressListener.none())),
              threads -> {
                if (lesions.isEmpty()) { // LocSpec ran first: its lesions become PyTorch's masks
                  lesions.addAll(Lesioned.all(last[0], options));
                  writeMasks(maskFile, lesions, units);
                }
                String out =
                    Bench.peer(
                        threads,
                        SCRIPT,
                        "lesion",
                        model.toString(),
                        dataParent,
                        maskFile.toString(),
                        countFile.toString(),
                        batch);
                return Bench.number(out, "torch_seconds");
              });
      ImportanceResult result = last[0];
      double locspec = c.bestLocspec();
      double torch = c.bestPeer();

      List<String> lines = Files.readAllLines(countFile);
      int[] classCounts = test.classCounts();
      double maxDiff = 0;
      int differing = 0;
      for (int m = 0; m < lesions.size(); m++) {
        Lesioned lesion = lesions.get(m);
        String[] counts = lines.get(m).trim().split(" ");
        boolean same = true;
        for (int k = 0; k < classCounts.length; k++) {
          double theirs = Double.parseDouble(counts[k]) / classCounts[k];
          double diff = Math.abs(theirs - lesion.perClass()[k]);
          maxDiff = Math.max(maxDiff, diff);
          same &= diff == 0;
        }
        differing += same ? 0 : 1;
        if (!same) {
          // Is the difference LocSpec's engine, or DJL's libtorch against Python's torch?
          try (var scoped = net.lesion(Map.of(lesion.layer(), lesion.units()))) {
            int[] plainDjl = scoped.predict(test, 1000);
            int[] correct = new int[classCounts.length];
            for (int i = 0; i < plainDjl.length; i++) {
              correct[test.label(i)] += plainDjl[i] == test.label(i) ? 1 : 0;
            }
            boolean engineEqualsDjl = true;
            for (int k = 0; k < classCounts.length; k++) {
              engineEqualsDjl &= (double) correct[k] / classCounts[k] == lesion.perClass()[k];
            }
            System.out.printf(
                "mask %d (%s): PyTorch counts %s; LocSpec engine %s the plain DJL forward%n",
                m,
                lesion.layer(),
                lines.get(m).trim(),
                engineEqualsDjl ? "EQUALS" : "DIFFERS FROM");
          }
        }
      }

      long n = test.size();
      double plain = 0;
      for (long macs : net.multiplyAdds()) {
        plain += 2.0 * macs * n * lesions.size();
      }
      double computed = 2.0 * engineMultiplyAdds(net, test, lesions, options);
      int best = bestThreads(c.locspec());
      double peak = matmulPeak(best);
      double achieved = computed / locspec;
      System.out.printf(Locale.ROOT, "lesions evaluated: %d (x %d images)%n", lesions.size(), n);
      System.out.printf(
          Locale.ROOT,
          "per-class accuracies: %s (masks differing: %d of %d, max abs difference %.2e)%n",
          differing == 0 ? "identical" : "NOT identical",
          differing,
          lesions.size(),
          maxDiff);
      System.out.printf(
          Locale.ROOT,
          "FLOPs (2 x multiply-adds of matrix products) computed: LocSpec engine %.3g, plain loop"
              + " %.3g (%.2fx more)%n",
          computed,
          plain,
          plain / computed);
      System.out.printf(
          Locale.ROOT,
          "achieved: LocSpec %.1f GFLOP/s (%d threads), plain PyTorch %.1f GFLOP/s; DJL float32"
              + " matmul peak %.1f GFLOP/s at %d threads, this run (LocSpec at %.0f%% of it)%s%n",
          achieved / 1e9,
          best,
          plain / torch / 1e9,
          peak / 1e9,
          best,
          100 * achieved / peak,
          achieved > peak ? " -- ABOVE THE PEAK: the count or the timing is wrong" : "");
      System.out.println(peakMemory());
      System.out.printf(
          Locale.ROOT,
          "intact accuracy %.4f; combined_p_means %.3g, %d important after BH%n",
          result.intactAccuracy(),
          result.combinedPMeans(),
          result.significantCount());
      System.out.printf(
          Locale.ROOT,
          "speed-up over the plain PyTorch loop: %.1fx (target >= 12x)%n",
          torch / locspec);
      c.print(
          "seconds of the importance test of "
              + subs.size()
              + " sub-clusters (LocSpec: ImportanceTest.run, whole analysis incl. statistics;"
              + " PyTorch: one full forward per lesion, batch "
              + batch
              + ")");
    }
    System.out.println(Bench.loadAverage() + " (after)");
  }

  /**
   * One lesion of the benchmark, in the order of the masks file: per sub-cluster the true lesion,
   * then its random ones.
   *
   * @param layer the unit layer
   * @param units the lesioned units
   * @param perClass LocSpec's per-class accuracy with the lesion
   */
  private record Lesioned(String layer, int[] units, double[] perClass) {
    static List<Lesioned> all(ImportanceResult result, ImportanceOptions options) {
      List<Lesioned> all = new ArrayList<>();
      for (SubClusterImportance row : result.rows()) {
        SubCluster s = row.subCluster();
        all.add(new Lesioned(s.layer(), s.units(), row.truePerClass()));
        double[][] random = row.randomPerClass();
        int[][] sets = options.unitSets().draws(s, row.draws());
        for (int r = 0; r < row.draws(); r++) {
          all.add(new Lesioned(s.layer(), sets[r], random[r]));
        }
      }
      return all;
    }
  }

  /** Writes the masks file of importance_torch.py: one "layer-index bits" line per lesion. */
  private static void writeMasks(Path file, List<Lesioned> lesions, List<Layer.UnitLayer> units)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (Lesioned l : lesions) {
      int layer = unitIndex(units, l.layer());
      text.append(line(layer, l.units(), units.get(layer).units()));
    }
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The papers' MLP trained for 2 epochs by {@code environment/bench/importance_torch.py} (one
   * thread, untimed), as a TorchScript file kept in the benchmarks' work folder (trained once).
   *
   * @return the TorchScript file
   */
  static Path trainedMlp() throws Exception {
    Path model = Bench.workDir().resolve("importance-mlp.pt");
    if (!Files.exists(model)) {
      System.out.println("training the MLP for 2 epochs in PyTorch ...");
      Bench.peer(1, SCRIPT, "train", model.toString(), Bench.peerDataDir().toString(), "2");
    }
    return model;
  }

  private static int unitIndex(List<Layer.UnitLayer> units, String name) {
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no unit layer " + name);
  }

  private static String line(int layer, int[] lesioned, int units) {
    char[] bits = new char[units];
    java.util.Arrays.fill(bits, '1');
    for (int u : lesioned) {
      bits[u] = '0';
    }
    return layer + " " + new String(bits) + "\n";
  }

  /**
   * The multiply-adds LocSpec's engine computes for these lesions, counted by the engine itself
   * ({@link LesionEngine#multiplyAdds()}): each layer's engine as {@link ImportanceTest} opens it
   * (prefix cached once), the intact network once, then the layer's lesions. Untimed.
   */
  private static double engineMultiplyAdds(
      Network net, ImageDataset test, List<Lesioned> lesions, ImportanceOptions options) {
    Map<String, List<float[]>> byLayer = new java.util.LinkedHashMap<>();
    for (Lesioned l : lesions) {
      byLayer.computeIfAbsent(l.layer(), k -> new ArrayList<>()).add(null);
    }
    double total = 0;
    boolean intact = true;
    for (String layer : byLayer.keySet()) {
      try (LesionEngine engine =
          LesionEngine.open(net, test, layer, options.batchSize(), options.cacheBudgetBytes())) {
        List<float[]> masks = new ArrayList<>();
        if (intact) {
          engine.perClassAccuracy(List.of(engine.maskOf(new int[0])));
          intact = false;
        }
        for (Lesioned l : lesions) {
          if (l.layer().equals(layer)) {
            masks.add(engine.maskOf(l.units()));
          }
        }
        engine.perClassAccuracy(masks);
        total += engine.multiplyAdds();
      }
    }
    return total;
  }

  /** The thread count of the fastest time. */
  private static int bestThreads(java.util.SortedMap<Integer, Double> seconds) {
    return seconds.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /**
   * The JVM's peak heap (the sum of the heap pools' peaks) and the process's peak resident memory
   * (VmHWM: heap plus native tensors), as one line.
   */
  static String peakMemory() {
    long heap = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    String rss = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          rss = line.substring(6).trim();
        }
      }
    } catch (IOException e) {
      rss = "unknown (" + e.getMessage() + ")";
    }
    return String.format(
        Locale.ROOT,
        "peak memory: JVM heap %.0f MiB (max heap %.0f MiB), process resident %s (this JVM also"
            + " runs Maven)",
        heap / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        rss);
  }

  /**
   * The best of 5 float32 2048×2048 matrix products with DJL at the given intra-op thread count, in
   * FLOP/s.
   */
  private static double matmulPeak(int threads) throws Exception {
    int size = 2048;
    double[] best = {0};
    Bench.torchSeconds(
        threads,
        () -> {
          try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.randomUniform(-1, 1, new Shape(size, size));
            NDArray b = m.randomUniform(-1, 1, new Shape(size, size));
            a.matMul(b).close();
            for (int i = 0; i < 5; i++) {
              long t = System.nanoTime();
              NDArray c = a.matMul(b);
              c.toFloatArray(); // wait for the result
              double s = (System.nanoTime() - t) / 1e9;
              c.close();
              best[0] = Math.max(best[0], 2.0 * size * size * size / s);
            }
          }
          return null;
        });
    return best[0];
  }
}
