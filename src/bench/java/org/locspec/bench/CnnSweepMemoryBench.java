package org.locspec.bench;

import ai.djl.Model;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locspec.architecture.CnnSpec;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.cluster.SubCluster;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.model.TorchEngine;
import org.locspec.progress.ProgressListener;

/**
 * Benchmark (not a test) of memory: the importance sweep of the papers' small CNN ({@link
 * CnnSpec#paper()}, seeded random weights) on the whole Fashion-MNIST test set (10,000 images)
 * stays within the kernel's default heap ({@code -Xmx8g}): one sub-cluster of 16 random units in
 * each unit layer (conv1's cached activations alone, 10,000 × 64 × 28 × 28 floats, are 2 GB: the
 * lesion engine works through them in chunks of its 1 GiB budget), each against {@code --lesions}
 * random same-size lesions (default 19, the papers'). Prints the time, the peak JVM heap and the
 * peak resident memory of the process (heap and PyTorch's native memory).
 *
 * <p>Run with {@code -Xmx8g}: {@code environment/bench.sh CnnSweepMemoryBench} (bench.sh's Maven
 * runs with {@code MAVEN_OPTS}; set {@code MAVEN_OPTS=-Xmx8g}) and {@code
 * BENCH_ARGS_CnnSweepMemoryBench="--lesions 2"} for a quick run.
 */
public final class CnnSweepMemoryBench {
  private CnnSweepMemoryBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --lesions N}
   */
  public static void main(String[] args) {
    int lesions = 19;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--lesions")) {
        lesions = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option " + args[i] + "; options: --lesions N");
      }
    }
    System.out.printf(Locale.ROOT, "max heap %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST);
    TorchEngine.get().setRandomSeed(0);
    try (Model model = CnnSpec.paper().newModel("cnn");
        Network net = CnnSpec.paper().toNetwork("cnn-random", model.getBlock())) {
      SplittableRandom rng = new SplittableRandom(1);
      List<SubCluster> subClusters = new ArrayList<>();
      for (Layer.UnitLayer l : net.unitLayers().subList(0, net.unitLayers().size() - 1)) {
        int[] units = rng.ints(0, l.units()).distinct().limit(16).sorted().toArray();
        subClusters.add(new SubCluster(l.name(), 0, units, l.units()));
      }
      long t0 = System.nanoTime();
      ImportanceResult r =
          ImportanceTest.run(
              net,
              test,
              subClusters,
              ImportanceOptions.paper()
                  .withRandomLesions(lesions)
                  .withDrawMode(RandomUnitSets.Mode.UNIFORM),
              ProgressListener.none());
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.println(r);
      System.out.printf(
          Locale.ROOT,
          "%d sub-clusters x (1 + %d) lesions on %d test images: %.1f s; peak heap (sum of the pools' peaks) %d MiB of %d;"
              + " peak resident %d MiB%n",
          subClusters.size(),
          lesions,
          test.size(),
          seconds,
          peakHeapMiB(),
          Runtime.getRuntime().maxMemory() >> 20,
          ImageNetClusteringBench.peakResidentMiB());
    }
  }

  private static long peakHeapMiB() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }
}
