package org.locspec.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locspec.cluster.SubCluster;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.FeatureVisualization;
import org.locspec.coherence.Parametrization;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.modelfile.TorchScriptImporter;

/**
 * Benchmark (not a test): feature visualization of every sub-cluster of the paper MLP
 * (784-4×256-10) with 19 random same-size sets each, 64 Adam steps, Fourier parametrization, in
 * LocSpec (DJL) and in PyTorch ({@code environment/bench/featurevis_torch.py}) on the same targets
 * and initial parameters; prints both times, the ratio and the largest difference of the final
 * objectives.
 *
 * <p>Sub-clusters: each hidden layer is partitioned into 16 groups of 16 units by a seeded random
 * permutation, so that both sides get the same, fixed-size work whatever a clustering would give.
 *
 * <p>Run: {@code mvn -q -B -o -Pbench -pl src test-compile exec:java
 * -Dexec.mainClass=org.locspec.bench.FeatureVisualizationBench [-Dexec.args=MODEL.pt]}. Without a
 * model, the Python script trains one for 1 epoch on Fashion-MNIST.
 */
public final class FeatureVisualizationBench {
  private static final String PYTHON = "/usr/bin/python3";

  private FeatureVisualizationBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optionally the path of a TorchScript MLP 784-4×256-10
   */
  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("environment/bench"))) {
      root = root.getParent();
    }
    Path script = root.resolve("environment/bench/featurevis_torch.py");
    Path work = root.resolve("target/bench");
    Files.createDirectories(work);
    Path model;
    if (args.length > 0) {
      model = Path.of(args[0]).toAbsolutePath();
    } else {
      model = work.resolve("featurevis_mlp.pt");
      Path dataDir = Files.isDirectory(root.resolve("datasets/data/fashion-mnist"))
          ? root.resolve("datasets/data")
          : Path.of("/usr/share/datasets");
      exec(List.of(PYTHON, script.toString(), "train", dataDir.toString(), model.toString()), script.getParent());
    }
    CoherenceOptions o = CoherenceOptions.paper();
    try (Network net = TorchScriptImporter.load(model)) {
      System.out.println(net);
      List<Layer.UnitLayer> units = net.unitLayers();
      List<String> hidden = new ArrayList<>();
      for (int i = 0; i < units.size() - 1; i++) {
        hidden.add(units.get(i).name());
      }
      List<SubCluster> subClusters = new ArrayList<>();
      SplittableRandom rnd = new SplittableRandom(0);
      for (String layer : hidden) {
        int n = net.unitLayer(layer).units();
        int[] perm = ImageDataset.permutation(n, rnd.nextLong());
        int per = n / 16;
        for (int c = 0; c < 16; c++) {
          int[] u = new int[per];
          System.arraycopy(perm, c * per, u, 0, per);
          subClusters.add(new SubCluster(layer, c, u, n));
        }
      }
      List<FeatureVisualization.Target> targets = new ArrayList<>();
      for (SubCluster sc : subClusters) {
        long seed = rnd.nextLong();
        targets.add(new FeatureVisualization.Target(sc.layer(), sc.units(), seed));
        for (int r = 0; r < o.randomSets(); r++) {
          int[] perm = ImageDataset.permutation(sc.layerUnits(), rnd.nextLong());
          targets.add(new FeatureVisualization.Target(sc.layer(), java.util.Arrays.copyOf(perm, sc.size()), seed));
        }
      }
      System.out.printf(
          "%d sub-clusters (seeded random partition into equal groups) × %d sets = %d"
              + " images, %d steps, %s, batch %d%n",
          subClusters.size(), o.randomSets() + 1, targets.size(), o.steps(), o.parametrization(), o.batch());
      Path spec = work.resolve("featurevis_spec.bin");
      writeSpec(spec, net, targets, o, hidden);

      FeatureVisualization.optimize(net, targets.subList(0, Math.min(targets.size(), o.batch())), o.withSteps(1));
      long t0 = System.nanoTime();
      FeatureVisualization.Rendering r = FeatureVisualization.optimize(net, targets, o);
      double locspec = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "locspec_seconds=%.3f%n", locspec);

      Path out = work.resolve("featurevis_torch_objectives.bin");
      String line = exec(List.of(PYTHON, script.toString(), "run", model.toString(), spec.toString(), out.toString()), script.getParent());
      double torch = Double.parseDouble(line.replaceAll("(?s).*torch_seconds=([0-9.]+).*", "$1"));
      ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
      double maxRel = 0;
      double meanJ = 0;
      double meanT = 0;
      for (int i = 0; i < targets.size(); i++) {
        double t = bb.getFloat();
        double j = r.objectives()[i];
        meanJ += j / targets.size();
        meanT += t / targets.size();
        maxRel = Math.max(maxRel, Math.abs(t - j) / Math.max(1e-6, Math.abs(t)));
      }
      System.out.printf(Locale.ROOT,
          "LocSpec %.3f s, PyTorch %.3f s, ratio LocSpec/PyTorch = %.2f; mean final objective"
              + " LocSpec %.4g vs PyTorch %.4g, largest relative difference %.2g%n",
          locspec, torch, locspec / torch, meanJ, meanT, maxRel);
    }
  }

  private static void writeSpec(
      Path spec, Network net, List<FeatureVisualization.Target> targets, CoherenceOptions o,
      List<String> hidden) throws IOException {
    long[] s = net.inputShape();
    int units = net.unitLayer(hidden.get(0)).units();
    int per = FeatureVisualization.initialParameters(net, targets.get(0), o.parametrization()).length;
    int n = targets.size();
    ByteBuffer b = ByteBuffer.allocate(40 + 4 * n + 4 * n * units + 4 * n * per).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(n).putInt(hidden.size()).putInt(units).putInt((int) s[0]).putInt((int) s[1]).putInt((int) s[2])
        .putInt(o.steps()).putInt(o.batch()).putInt(o.parametrization() == Parametrization.FOURIER ? 1 : 0)
        .putFloat((float) o.learningRate());
    for (FeatureVisualization.Target t : targets) {
      b.putInt(hidden.indexOf(t.layer()));
    }
    for (FeatureVisualization.Target t : targets) {
      float[] m = new float[units];
      for (int u : t.units()) {
        m[u] = 1f;
      }
      for (float v : m) {
        b.putFloat(v);
      }
    }
    for (FeatureVisualization.Target t : targets) {
      for (float v : FeatureVisualization.initialParameters(net, t, o.parametrization())) {
        b.putFloat(v);
      }
    }
    Path tmp = Files.createTempFile(spec.getParent(), "spec", ".tmp");
    Files.write(tmp, b.array());
    Files.move(tmp, spec, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String exec(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    int rc = p.waitFor();
    System.out.print(out);
    if (rc != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + rc);
    }
    return out;
  }
}
