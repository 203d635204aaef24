package org.locspec.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.locspec.lesion.SubClusterImportance;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.modelfile.TorchScriptImporter;
import org.locspec.progress.ProgressListener;

/**
 * Benchmark (not a test): LocSpec's importance test on the paper MLP (784-4×256-10) against a plain
 * PyTorch loop that runs one full forward pass per lesion, with the same weights and masks.
 *
 * <p>Run: {@code mvn -q -B -o -Pbench -pl src test-compile exec:java
 * -Dexec.mainClass=org.locspec.bench.ImportanceBench [-Dexec.args=MODEL.pt]}. Without an argument
 * the MLP is trained for 2 epochs by {@code environment/bench/importance_torch.py} (once; kept in
 * {@code target/bench/importance-mlp.pt}). Sub-clusters: a seeded random partition of each hidden
 * layer into 16 equal groups (fixed-size work for both sides); 19 random lesions each;
 * the 10,000-image Fashion-MNIST test set.
 */
public final class ImportanceBench {
  private static final String PYTHON = "/usr/bin/python3";
  private static final int K = 16;

  private ImportanceBench() {}

  /**
   * Runs the benchmark and prints times, the speed-up, whether the accuracies agree and the
   * achieved FLOP/s.
   *
   * @param args optionally the path of a TorchScript file of the MLP
   */
  public static void main(String[] args) throws Exception {
    Path root = projectRoot();
    Path script = root.resolve("environment/bench/importance_torch.py");
    Path work = root.resolve("target/bench");
    Files.createDirectories(work);
    Path dataParent = dataParent(root);
    Path model = args.length > 0 ? Paths.get(args[0]) : trainedMlp(root);
    Engine.getEngine("PyTorch");
    System.out.printf(
        "PyTorch (DJL) threads: intra-op %d, inter-op %d; cores %d%n",
        JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
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
                    l.name(), c, groups.get(c).stream().mapToInt(Integer::intValue).toArray(), l.units()));
          }
        }
      }
      System.out.printf(
          "%d sub-clusters (seeded random partition of each hidden layer into %d equal groups),"
              + " 19 random lesions each, %d test images%n",
          subs.size(), K, test.size());
      ImportanceOptions options = ImportanceOptions.paper();

      // Warm-up on one sub-cluster (native libraries, allocator), then the timed run.
      ImportanceTest.run(net, test.slice(0, 1000), subs.subList(0, 1), options, ProgressListener.none());
      long t0 = System.nanoTime();
      ImportanceResult result = ImportanceTest.run(net, test, subs, options, ProgressListener.none());
      double locspec = (System.nanoTime() - t0) / 1e9;

      // The same masks for PyTorch: per sub-cluster the true lesion, then the 19 random ones.
      StringBuilder masks = new StringBuilder();
      List<double[]> ours = new ArrayList<>();
      List<String> layerOf = new ArrayList<>();
      List<int[]> setOf = new ArrayList<>();
      for (SubClusterImportance row : result.rows()) {
        SubCluster s = row.subCluster();
        int layerIndex = unitIndex(units, s.layer());
        masks.append(line(layerIndex, s.units(), s.layerUnits()));
        ours.add(row.truePerClass());
        layerOf.add(s.layer());
        setOf.add(s.units());
        double[][] random = row.randomPerClass();
        int[][] sets = options.unitSets().draws(s, row.draws());
        for (int r = 0; r < row.draws(); r++) {
          masks.append(line(layerIndex, sets[r], s.layerUnits()));
          ours.add(random[r]);
          layerOf.add(s.layer());
          setOf.add(sets[r]);
        }
      }
      Path maskFile = work.resolve("importance-masks.txt");
      Path countFile = work.resolve("importance-counts.txt");
      writeAtomically(maskFile, masks.toString());
      String batch = System.getProperty("torch.batch", "10000");
      String torchOut =
          python(script, "lesion", model.toString(), dataParent.toString(), maskFile.toString(),
              countFile.toString(), batch);
      System.out.println("PyTorch: " + torchOut.trim());
      double torch = Double.parseDouble(torchOut.replaceAll("(?s).*torch_seconds=([0-9.]+).*", "$1"));

      List<String> lines = Files.readAllLines(countFile);
      int[] classCounts = test.classCounts();
      double maxDiff = 0;
      int differing = 0;
      for (int m = 0; m < ours.size(); m++) {
        String[] c = lines.get(m).trim().split(" ");
        boolean same = true;
        for (int k = 0; k < classCounts.length; k++) {
          double theirs = Double.parseDouble(c[k]) / classCounts[k];
          double diff = Math.abs(theirs - ours.get(m)[k]);
          maxDiff = Math.max(maxDiff, diff);
          same &= diff == 0;
        }
        differing += same ? 0 : 1;
        if (!same) {
          // Is the difference LocSpec's engine, or DJL's libtorch against Python's torch?
          try (var lesion = net.lesion(Map.of(layerOf.get(m), setOf.get(m)))) {
            int[] plainDjl = lesion.predict(test, 1000);
            int[] correct = new int[classCounts.length];
            for (int i = 0; i < plainDjl.length; i++) {
              correct[test.label(i)] += plainDjl[i] == test.label(i) ? 1 : 0;
            }
            boolean engineEqualsDjl = true;
            for (int k = 0; k < classCounts.length; k++) {
              engineEqualsDjl &= (double) correct[k] / classCounts[k] == ours.get(m)[k];
            }
            System.out.printf(
                "mask %d (%s): PyTorch counts %s; LocSpec engine %s the plain DJL forward%n",
                m, layerOf.get(m), lines.get(m).trim(), engineEqualsDjl ? "EQUALS" : "DIFFERS FROM");
          }
        }
      }

      long n = test.size();
      double[] flops = new double[units.size()];
      for (int i = 0; i < units.size(); i++) {
        flops[i] = 2.0 * units.get(i).inputs() * units.get(i).units();
      }
      double total = 0;
      double plain = 0;
      double all = java.util.Arrays.stream(flops).sum();
      Map<String, Integer> perLayer = new java.util.LinkedHashMap<>();
      for (SubClusterImportance row : result.rows()) {
        perLayer.merge(row.subCluster().layer(), row.draws() + 1, Integer::sum);
      }
      for (var e : perLayer.entrySet()) {
        int k = unitIndex(units, e.getKey());
        double prefix = 0;
        double suffix = 0;
        for (int i = 0; i < units.size(); i++) {
          if (i <= k) {
            prefix += flops[i];
          } else {
            suffix += flops[i];
          }
        }
        total += n * prefix + (double) e.getValue() * n * suffix;
        plain += (double) e.getValue() * n * all;
      }
      total += n * all; // the intact evaluation
      double peak = matmulPeak();
      System.out.printf(Locale.ROOT, "lesions evaluated: %d (x %d images)%n", ours.size(), n);
      System.out.printf(Locale.ROOT, "LocSpec ImportanceTest.run: %.2f s (whole analysis incl. statistics)%n", locspec);
      System.out.printf(Locale.ROOT, "PyTorch plain loop:        %.2f s (one full forward per lesion, batch %s)%n", torch, batch);
      System.out.printf(Locale.ROOT, "speed-up: %.2fx%n", torch / locspec);
      System.out.printf(
          Locale.ROOT,
          "per-class accuracies: %s (masks differing: %d of %d, max abs difference %.2e)%n",
          differing == 0 ? "identical" : "NOT identical", differing, ours.size(), maxDiff);
      System.out.printf(
          Locale.ROOT,
          "FLOPs: LocSpec %.3g (plain loop %.3g, ratio %.2f); LocSpec achieved %.1f GFLOP/s,"
              + " plain PyTorch %.1f GFLOP/s; DJL float32 matmul peak %.1f GFLOP/s (LocSpec at %.0f%%)%n",
          total, plain, plain / total, total / locspec / 1e9, plain / torch / 1e9, peak / 1e9,
          100 * total / locspec / peak);
      System.out.printf(
          Locale.ROOT, "intact accuracy %.4f; combined_p_means %.3g, %d important after BH%n",
          result.intactAccuracy(), result.combinedPMeans(), result.significantCount());
    }
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

  /** The best of 3 float32 2048×2048 matrix products with DJL, in FLOP/s. */
  private static double matmulPeak() {
    int size = 2048;
    double best = 0;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray a = m.randomUniform(-1, 1, new Shape(size, size));
      NDArray b = m.randomUniform(-1, 1, new Shape(size, size));
      a.matMul(b).close();
      for (int i = 0; i < 3; i++) {
        long t = System.nanoTime();
        NDArray c = a.matMul(b);
        c.toFloatArray(); // wait for the result
        double s = (System.nanoTime() - t) / 1e9;
        c.close();
        best = Math.max(best, 2.0 * size * size * size / s);
      }
    }
    return best;
  }

  /** The folder holding {@code fashion-mnist/}: the checkout's data, else Debian's. */
  private static Path dataParent(Path root) {
    return Files.isDirectory(root.resolve("datasets/data/fashion-mnist"))
        ? root.resolve("datasets/data")
        : Datasets.DEBIAN_FASHION_MNIST.getParent();
  }

  /**
   * The papers' MLP trained for 2 epochs by {@code environment/bench/importance_torch.py}, as a
   * TorchScript file kept in {@code target/bench/importance-mlp.pt} (trained once).
   *
   * @param root the checkout
   * @return the TorchScript file
   */
  static Path trainedMlp(Path root) throws IOException, InterruptedException {
    Path work = root.resolve("target/bench");
    Files.createDirectories(work);
    Path model = work.resolve("importance-mlp.pt");
    if (!Files.exists(model)) {
      System.out.println("training the MLP for 2 epochs in PyTorch ...");
      Path script = root.resolve("environment/bench/importance_torch.py");
      System.out.println(
          python(script, "train", model.toString(), dataParent(root).toString(), "2"));
    }
    return model;
  }

  private static String python(Path script, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, script.getFileName().toString()));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd).directory(script.getParent().toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    }
    return out;
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The checkout: the first folder upwards with {@code environment/bench}. */
  static Path projectRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("environment/bench"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "run from inside the LocSpec checkout (no environment/bench above "
              + Paths.get("").toAbsolutePath() + ")");
    }
    return p;
  }
}
