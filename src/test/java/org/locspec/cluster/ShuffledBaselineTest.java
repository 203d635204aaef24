package org.locspec.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.ShuffleMode;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.AdjustedRandIndex;

class ShuffledBaselineTest {

  /** Layers of {@code width} units whose weights are block-diagonal with {@code blocks} blocks. */
  static LayerWeights modular(int layers, int width, int blocks, double leak, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> names = new ArrayList<>();
    List<float[][]> ws = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      names.add("l" + l);
    }
    int b = width / blocks;
    for (int l = 0; l + 1 < layers; l++) {
      float[][] w = new float[width][width];
      for (int o = 0; o < width; o++) {
        for (int i = 0; i < width; i++) {
          double scale = o / b == i / b ? 1 : leak;
          w[o][i] = (float) (r.nextGaussian() * scale);
        }
      }
      ws.add(w);
    }
    return LayerWeights.ofDense(names, ws);
  }

  @Test
  void modularNetworkIsMoreClusterableThanItsShuffles() {
    LayerWeights w = modular(3, 40, 4, 0.05, 1);
    SpectralOptions o = SpectralOptions.paper(4).withNInit(5);
    AtomicLong updates = new AtomicLong();
    ProgressListener counting =
        new ProgressListener() {
          @Override
          public void start(String task, long total) {}

          @Override
          public void update(long done, String message) {
            updates.incrementAndGet();
          }

          @Override
          public void finish(String message) {}
        };
    ClusterabilityResult r =
        ShuffledBaseline.run(w, o, ShuffleOptions.paper().withSamples(9), counting);
    assertEquals(9, r.shuffledNcuts().length);
    assertEquals(10, updates.get()); // the true clustering and each sample
    assertEquals(0.1, r.percentile(), 1e-12); // (0 + 1) / (9 + 1)
    assertTrue(r.zScore() < -3, r.toString());
    for (double s : r.shuffledNcuts()) {
      assertTrue(s > r.trueNcut() && s <= 4);
    }
    assertEquals(1, r.toTable().rowCount());
    assertEquals(9, r.samplesTable().rowCount());
    assertEquals(2, r.histogram().getSeriesMap().size());
    assertEquals(3, r.clusterSizesChart().getSeriesMap().size());
    assertEquals(
        2,
        ClusterabilityResult.ncutVsZ(List.of(r, r, r), List.of("a", "b", "a"))
            .getSeriesMap()
            .size());
    assertTrue(r.toString().contains("percentile 0.1,"), r.toString());
    assertEquals(-1, r.toString().indexOf('\n'), r.toString());
  }

  @Test
  void samplesAreReproducibleAndIndependentOfThreads() {
    LayerWeights w = modular(3, 30, 3, 0.3, 2);
    SpectralOptions o = SpectralOptions.paper(3).withNInit(3);
    ShuffleOptions s = ShuffleOptions.paper().withSamples(6).withMode(ShuffleMode.NON_ZERO);
    Set<Thread> oneWorker = ConcurrentHashMap.newKeySet();
    Set<Thread> twoWorkers = ConcurrentHashMap.newKeySet();
    ClusterabilityResult one = ShuffledBaseline.run(w, o, s.withThreads(1), workers(oneWorker));
    ClusterabilityResult two = ShuffledBaseline.run(w, o, s.withThreads(2), workers(twoWorkers));
    assertEquals(1, oneWorker.size(), "threads(1) must run every sample on one worker");
    assertEquals(2, twoWorkers.size(), "threads(2) must run the samples on two workers");
    assertTrue(
        Arrays.stream(one.shuffledNcuts()).distinct().count() > 1,
        "the samples differ, so comparing them in order is meaningful: " + one);
    assertArrayEquals(one.shuffledNcuts(), two.shuffledNcuts());
    assertEquals(one.trueNcut(), two.trueNcut());
    for (int i = 0; i < s.samples(); i++) { // and each sample alone, on the test's thread
      assertEquals(one.shuffledNcuts()[i], ShuffledBaseline.sampleNcut(w, o, s, i));
    }
    assertThrows(IllegalArgumentException.class, () -> s.withThreads(-1));
  }

  /** A listener that records the threads (other than the caller's) reporting finished samples. */
  private static ProgressListener workers(Set<Thread> seen) {
    Thread caller = Thread.currentThread();
    return new ProgressListener() {
      @Override
      public void start(String task, long total) {}

      @Override
      public void update(long done, String message) {
        if (Thread.currentThread() != caller) {
          seen.add(Thread.currentThread());
        }
      }

      @Override
      public void finish(String message) {}
    };
  }

  @Test
  void localClusteringRecoversBlocksOfMiddleLayers() {
    LayerWeights w = modular(4, 40, 2, 0.02, 3);
    var g = org.locspec.graph.NeuronGraph.fromWeights(w);
    Partition global = SpectralClustering.fit(g, SpectralOptions.paper(2).withNInit(5));
    Partition local = LocalClustering.fit(g, global, SpectralOptions.paper().withNInit(5));
    assertEquals(List.of("l1", "l2"), local.layers().stream().map(l -> l.name()).toList());
    assertEquals(80, local.size());
    assertEquals(4, local.k()); // 2 clusters in each of the two middle layers
    int[] truth = new int[80];
    int[] found = local.labels();
    for (int i = 0; i < 80; i++) {
      var n = local.neurons().get(i);
      truth[i] = (n.layer().equals("l1") ? 0 : 2) + n.index() / 20;
    }
    assertEquals(1.0, AdjustedRandIndex.of(truth, found), 1e-12);
  }
}
