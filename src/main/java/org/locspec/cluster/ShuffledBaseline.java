package org.locspec.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NeuronGraph;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.Seeds;
import org.locspec.viz.Format;

/**
 * The clusterability test: cluster a network's weight graph, then cluster many copies whose weight
 * matrices were each permuted independently, and compare the true n-cut with the shuffled ones.
 *
 * <p>Sample {@code i} shuffles with {@code Seeds.derive(shuffle.seed(), i)} and clusters with the
 * spectral options' seed, so the result does not depend on the number of threads. Samples run in
 * parallel, on every core or on {@link ShuffleOptions#threads()} threads.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section 3.
 */
public final class ShuffledBaseline {
  private ShuffledBaseline() {}

  /**
   * Runs the test.
   *
   * @param weights the network's layers and weight matrices
   * @param spectral clustering options (k, restarts, seed)
   * @param shuffle number of samples, shuffle mode, base seed
   * @param progress receives one update per finished sample
   * @return the true partition and n-cut with the shuffled n-cuts and their statistics
   */
  public static ClusterabilityResult run(
      LayerWeights weights,
      SpectralOptions spectral,
      ShuffleOptions shuffle,
      ProgressListener progress) {
    Objects.requireNonNull(weights, "weights must not be null");
    Objects.requireNonNull(spectral, "spectral must not be null");
    Objects.requireNonNull(shuffle, "shuffle must not be null");
    Objects.requireNonNull(progress, "progress must not be null; use ProgressListener.none()");
    long t0 = System.nanoTime();
    int n = shuffle.samples();
    progress.start("shuffled baseline (" + n + " samples)", n + 1L);
    NeuronGraph graph = NeuronGraph.fromWeights(weights);
    Partition truth = SpectralClustering.fit(graph, spectral);
    double trueNcut = truth.ncut(graph);
    AtomicInteger done = new AtomicInteger(1);
    progress.update(1, "true n-cut " + Format.number(trueNcut));
    double[] ncuts = new double[n];
    int cores =
        shuffle.threads() > 0 ? shuffle.threads() : Runtime.getRuntime().availableProcessors();
    int threads = Math.max(1, Math.min(n, cores));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "locspec-shuffle");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int s = i;
        futures.add(
            pool.submit(
                () -> {
                  ncuts[s] = sampleNcut(weights, spectral, shuffle, s);
                  int d = done.incrementAndGet();
                  progress.update(d, "sample " + s + " n-cut " + Format.number(ncuts[s]));
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("shuffled baseline interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "a shuffled sample failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Provenance<ShuffleOptions> provenance =
        new Provenance<>(
            weights.name(),
            Provenance.Data.none("weights only"),
            truth.provenance(),
            shuffle,
            shuffle.seed());
    ClusterabilityResult r =
        ClusterabilityResult.of(truth, trueNcut, ncuts, provenance, (System.nanoTime() - t0) / 1e9);
    progress.finish(
        "n-cut "
            + Format.number(trueNcut)
            + ", percentile "
            + Format.number(r.percentile())
            + ", z "
            + Format.number(r.zScore()));
    return r;
  }

  /**
   * Runs the test with the paper's settings ({@link SpectralOptions#paper()}, {@link
   * ShuffleOptions#paper()}) and no progress reports.
   *
   * @param weights the network
   * @return the result
   */
  public static ClusterabilityResult run(LayerWeights weights) {
    return run(weights, SpectralOptions.paper(), ShuffleOptions.paper(), ProgressListener.none());
  }

  /**
   * The n-cut of one shuffled sample.
   *
   * @param weights the true network
   * @param spectral clustering options
   * @param shuffle shuffle options
   * @param sample the sample's index
   * @return the n-cut of the clustered shuffled network
   */
  public static double sampleNcut(
      LayerWeights weights, SpectralOptions spectral, ShuffleOptions shuffle, int sample) {
    LayerWeights w = weights.shuffled(shuffle.mode(), Seeds.derive(shuffle.seed(), sample));
    NeuronGraph g = NeuronGraph.fromWeights(w);
    return SpectralClustering.fit(g, spectral).ncut(g);
  }
}
