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
 * and initial parameters, each with 1 and with 2 intra-op threads (interleaved). Prints the largest
 * difference of the final objectives, then the headline: LocSpec's best seconds against PyTorch's
 * best, with the times per thread count below it.
 *
 * <p>Sub-clusters: each hidden layer is partitioned into 16 groups of 16 units by a seeded random
 * permutation, so that both sides get the same, fixed-size work whatever a clustering would give.
 *
 * <p>Run: {@code environment/bench.sh FeatureVisualizationBench} ({@code
 * BENCH_ARGS_FeatureVisualizationBench=MODEL.pt} for a given model). Without a model, the Python
 * script trains one for 1 epoch on Fashion-MNIST (1 thread, untimed).
 */
public final class FeatureVisualizationBench {
  private static final String SCRIPT = "featurevis_torch.py";

  private FeatureVisualizationBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optionally the path of a TorchScript MLP 784-4×256-10
   */
  public static void main(String[] args) throws Exception {
    System.out.println(Bench.loadAverage() + " (before)");
    Path work = Bench.workDir();
    Path model;
    if (args.length > 0) {
      model = Path.of(args[0]).toAbsolutePath();
    } else {
      model = work.resolve("featurevis_mlp.pt");
      // untimed preparation, on one thread: the fastest on a shared machine
      Bench.peer(1, SCRIPT, "train", Bench.peerDataDir().toString(), model.toString());
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
          targets.add(
              new FeatureVisualization.Target(
                  sc.layer(), java.util.Arrays.copyOf(perm, sc.size()), seed));
        }
      }
      System.out.printf(
          "%d sub-clusters (seeded random partition into equal groups) × %d sets = %d"
              + " images, %d steps, %s, batch %d%n",
          subClusters.size(),
          o.randomSets() + 1,
          targets.size(),
          o.steps(),
          o.parametrization(),
          o.batch());
      Path spec = work.resolve("featurevis_spec.bin");
      writeSpec(spec, net, targets, o, hidden);

      FeatureVisualization.optimize(
          net, targets.subList(0, Math.min(targets.size(), o.batch())), o.withSteps(1));
      FeatureVisualization.Rendering[] r = new FeatureVisualization.Rendering[1];
      Path out = work.resolve("featurevis_torch_objectives.bin");
      Bench.Comparison c =
          Bench.compare(
              "PyTorch",
              threads ->
                  Bench.torchSeconds(
                      threads, () -> r[0] = FeatureVisualization.optimize(net, targets, o)),
              threads ->
                  Bench.number(
                      Bench.peer(
                          threads,
                          SCRIPT,
                          "run",
                          model.toString(),
                          spec.toString(),
                          out.toString()),
                      "torch_seconds"));
      ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
      double maxRel = 0;
      double meanJ = 0;
      double meanT = 0;
      for (int i = 0; i < targets.size(); i++) {
        double t = bb.getFloat();
        double j = r[0].objectives()[i];
        meanJ += j / targets.size();
        meanT += t / targets.size();
        maxRel = Math.max(maxRel, Math.abs(t - j) / Math.max(1e-6, Math.abs(t)));
      }
      System.out.printf(
          Locale.ROOT,
          "mean final objective LocSpec %.4g vs PyTorch %.4g, largest relative difference %.2g%n",
          meanJ,
          meanT,
          maxRel);
      c.print(
          String.format(
              Locale.ROOT,
              "seconds to optimize %d feature-visualization images (%d steps)",
              targets.size(),
              o.steps()));
    }
    System.out.println(Bench.loadAverage() + " (after)");
  }

  private static void writeSpec(
      Path spec,
      Network net,
      List<FeatureVisualization.Target> targets,
      CoherenceOptions o,
      List<String> hidden)
      throws IOException {
    long[] s = net.inputShape();
    int units = net.unitLayer(hidden.get(0)).units();
    int per =
        FeatureVisualization.initialParameters(net, targets.get(0), o.parametrization()).length;
    int n = targets.size();
    ByteBuffer b =
        ByteBuffer.allocate(40 + 4 * n + 4 * n * units + 4 * n * per)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(n)
        .putInt(hidden.size())
        .putInt(units)
        .putInt((int) s[0])
        .putInt((int) s[1])
        .putInt((int) s[2])
        .putInt(o.steps())
        .putInt(o.batch())
        .putInt(o.parametrization() == Parametrization.FOURIER ? 1 : 0)
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
}
