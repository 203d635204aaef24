package org.locspec.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.NCut;
import org.locspec.cluster.Partition;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.model.LayerGraph;
import org.locspec.modelfile.TorchScriptImporter;
import org.locspec.progress.TerminalProgressBar;

/**
 * Benchmark (not a test): spectral clustering at ImageNet scale. The channel graph of torchvision's
 * ResNet-50 (random weights, written by {@code src/test/python/make_torchvision.py} into {@code
 * models/torchvision}; about 22,700 channels and 28 million edges) is clustered with the second
 * paper's k = 32 and the papers' 100 k-means restarts, by LocSpec and by scikit-learn ({@code
 * environment/bench/spectral_sklearn.py}, CSR input, {@code eigen_solver="arpack"}, 2 threads) on
 * the same adjacency; both n-cuts are computed by LocSpec's {@link NCut}. Then the shuffled
 * baseline (each conv's kernel-norm matrix permuted, the graph rebuilt and clustered). Prints wall
 * and CPU seconds, peak resident memory of each side, the n-cut ratio (target ≤ 1.01) and the time
 * ratio (target: LocSpec faster), and the machine's load average.
 *
 * <p>Options: {@code --model FILE} (default models/torchvision/resnet50_scripted.pt), {@code --k N}
 * (32), {@code --samples N} (50; 0 skips the baseline), {@code --no-sklearn}, {@code
 * --sklearn-timeout MINUTES} (180), {@code --python PATH}.
 */
public final class ImageNetClusteringBench {
  private ImageNetClusteringBench() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Path model = Path.of("models/torchvision/resnet50_scripted.pt");
    int k = 32;
    int samples = 50;
    boolean sklearn = true;
    int timeout = 180;
    String python = "/usr/bin/python3";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model" -> model = Path.of(args[++i]);
        case "--k" -> k = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--no-sklearn" -> sklearn = false;
        case "--sklearn-timeout" -> timeout = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; options: --model FILE --k N --samples N --no-sklearn"
                    + " --sklearn-timeout MINUTES --python PATH");
      }
    }
    Path root = root();
    model = root.resolve(model);
    if (!Files.isRegularFile(model)) {
      run(
          List.of(
              python,
              root.resolve("src/test/python/make_torchvision.py").toString(),
              root.resolve("models/torchvision").toString()),
          1800);
    }
    System.out.printf(
        Locale.ROOT,
        "cores %d, max heap %d MiB, load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());
    long c0 = cpu();
    long t0 = System.nanoTime();
    LayerGraph net = TorchScriptImporter.graph(model);
    LayerWeights weights = NetworkGraphs.weights(net, Norm.L1);
    NeuronGraph graph = NeuronGraph.fromWeights(weights);
    System.out.printf(
        Locale.ROOT,
        "%s -> %s; import and graph %.1f s (cpu %.1f s)%n",
        net,
        graph,
        (System.nanoTime() - t0) / 1e9,
        (cpu() - c0) / 1e9);
    SpectralOptions options = SpectralOptions.paper(k);
    c0 = cpu();
    t0 = System.nanoTime();
    Partition p = SpectralClustering.fit(graph, options);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpu() - c0) / 1e9;
    double ncut = p.ncut(graph);
    System.out.printf(
        Locale.ROOT,
        "locspec: k=%d, %d restarts: %.1f s (cpu %.1f s), n-cut %.4f, peak resident %d MiB%n",
        k,
        options.restartsFor(graph.nodeCount()),
        wall,
        cpu,
        ncut,
        peakResidentMiB());
    if (sklearn) {
      sklearn(python, graph, options, timeout, wall, cpu, ncut);
    }
    if (samples > 0) {
      baseline(weights, options, samples);
    }
    System.out.println("load average after: " + loadAverage());
  }

  private static void sklearn(
      String python,
      NeuronGraph graph,
      SpectralOptions options,
      int timeout,
      double wall,
      double cpu,
      double ncut)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("locspec-bench");
    Path adj = dir.resolve("adjacency.bin");
    Path labels = dir.resolve("labels.i32");
    try {
      SpectralClusteringBench.writeAdjacency(graph, adj);
      String out =
          run(
              List.of(
                  python,
                  Bench.script("spectral_sklearn.py").toString(),
                  adj.toString(),
                  labels.toString(),
                  "--k",
                  "" + options.k(),
                  "--n-init",
                  "" + options.restartsFor(graph.nodeCount()),
                  "--seed",
                  "" + options.seed(),
                  "--sparse"),
              timeout * 60);
      if (out == null) {
        System.out.printf(
            Locale.ROOT,
            "sklearn: did not finish within %d minutes (stopped); LocSpec took %.1f s%n",
            timeout,
            wall);
        return;
      }
      double skWall = Bench.number(out, "fit_seconds");
      double skCpu = Bench.number(out, "fit_cpu_seconds");
      double skNcut = NCut.of(graph, SpectralClusteringBench.readLabels(labels, graph.nodeCount()));
      System.out.printf(
          Locale.ROOT,
          "sklearn (CSR, arpack): %.1f s (cpu %.1f s), n-cut %.4f, peak resident %.0f MiB%n",
          skWall,
          skCpu,
          skNcut,
          Bench.number(out, "peak_rss_mb"));
      System.out.printf(
          Locale.ROOT,
          "ratio: sklearn/locspec time %.1fx (cpu %.1fx); locspec/sklearn n-cut %.4f (target <="
              + " 1.01)%n",
          skWall / wall,
          skCpu / cpu,
          ncut / skNcut);
    } finally {
      Files.deleteIfExists(adj);
      Files.deleteIfExists(labels);
      Files.deleteIfExists(dir);
    }
  }

  private static void baseline(LayerWeights weights, SpectralOptions options, int samples) {
    long c0 = cpu();
    long t0 = System.nanoTime();
    ClusterabilityResult r =
        ShuffledBaseline.run(
            weights,
            options,
            ShuffleOptions.paper().withSamples(samples),
            new TerminalProgressBar());
    double wall = (System.nanoTime() - t0) / 1e9;
    System.out.println(r);
    System.out.printf(
        Locale.ROOT,
        "shuffled baseline, %d samples: %.1f min (cpu %.1f min), peak resident %d MiB%n",
        samples,
        wall / 60,
        (cpu() - c0) / 60e9,
        peakResidentMiB());
  }

  /**
   * Runs a command; its output (read with {@link Bench#number}), or null if it did not finish
   * within the limit.
   */
  private static String run(List<String> cmd, int seconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "2");
    pb.environment().put("OPENBLAS_NUM_THREADS", "2");
    Process proc = pb.start();
    List<String> lines = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.start();
    if (!proc.waitFor(seconds, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      return null;
    }
    reader.join();
    if (proc.exitValue() != 0) {
      throw new IllegalStateException(
          cmd + " failed (exit " + proc.exitValue() + "):\n" + String.join("\n", lines));
    }
    return String.join("\n", lines);
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The process's peak resident memory (VmHWM), in MiB. */
  static long peakResidentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("environment/bench"))) {
        return p;
      }
    }
    throw new IllegalStateException("run inside the LocSpec repository");
  }
}
