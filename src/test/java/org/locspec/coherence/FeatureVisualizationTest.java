package org.locspec.coherence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.SubCluster;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;

class FeatureVisualizationTest {
  private static final float[][] TEMPLATES = Fixtures.templates(1);

  private static List<FeatureVisualization.Target> targets() {
    return List.of(
        new FeatureVisualization.Target("dense1", Fixtures.TUNED_UNITS, 1),
        new FeatureVisualization.Target("dense1", new int[] {7, 19, 33}, 2),
        new FeatureVisualization.Target("dense2", new int[] {3, 4, 5}, 3),
        new FeatureVisualization.Target("dense1", new int[] {60, 61, 62, 63}, 4));
  }

  @Test
  void objectiveRisesMonotonicallyInTheFirstSteps() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      CoherenceOptions o =
          CoherenceOptions.paper()
              .withParametrization(Parametrization.PIXEL)
              .withSteps(12)
              .withJitter(0);
      FeatureVisualization.Rendering r = FeatureVisualization.optimize(net, targets(), o);
      for (int t = 0; t < targets().size(); t++) {
        double[] h = r.history()[t];
        for (int s = 1; s <= 10; s++) {
          assertTrue(
              h[s] > h[s - 1], "target " + t + " step " + s + ": " + h[s - 1] + " → " + h[s]);
        }
        assertTrue(r.objectives()[t] > h[0], "final objective should beat the start");
        for (float v : r.images()[t]) {
          assertTrue(v >= 0f && v <= 1f, "pixels must be in [0, 1], got " + v);
        }
      }
    }
  }

  @Test
  void fourierParametrizationAlsoRises() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      CoherenceOptions o = CoherenceOptions.paper().withSteps(10);
      FeatureVisualization.Rendering r = FeatureVisualization.optimize(net, targets(), o);
      for (int t = 0; t < 4; t++) {
        assertTrue(r.objectives()[t] > r.history()[t][0] * 1.5, "target " + t);
      }
    }
  }

  @Test
  void sameSeedGivesIdenticalImages() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      CoherenceOptions o = CoherenceOptions.paper().withSteps(8).withJitter(2);
      FeatureVisualization.Rendering a = FeatureVisualization.optimize(net, targets(), o);
      FeatureVisualization.Rendering b = FeatureVisualization.optimize(net, targets(), o);
      for (int t = 0; t < 4; t++) {
        assertArrayEquals(a.images()[t], b.images()[t]);
        assertEquals(a.objectives()[t], b.objectives()[t]);
      }
      var other = List.of(new FeatureVisualization.Target("dense1", Fixtures.TUNED_UNITS, 99));
      FeatureVisualization.Rendering c = FeatureVisualization.optimize(net, other, o);
      assertTrue(c.images()[0][0] != a.images()[0][0] || c.images()[0][1] != a.images()[0][1]);
    }
  }

  @Test
  void sameImagesWhateverTheThreadsAutogradMode() throws Exception {
    // autograd is a per-thread switch in PyTorch, on by default in a new thread; a visualization
    // must not depend on how the thread that runs it left it (Spark task threads, notebooks)
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      CoherenceOptions o = CoherenceOptions.paper().withSteps(6);
      FeatureVisualization.Rendering[] r = new FeatureVisualization.Rendering[2];
      for (int mode = 0; mode < 2; mode++) {
        boolean grad = mode == 1;
        int m = mode;
        Thread t =
            new Thread(
                () -> {
                  ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
                  r[m] = FeatureVisualization.optimize(net, targets(), o);
                });
        t.start();
        t.join();
      }
      for (int t = 0; t < 4; t++) {
        assertArrayEquals(r[0].images()[t], r[1].images()[t], "target " + t);
        assertEquals(r[0].objectives()[t], r[1].objectives()[t], "target " + t);
      }
    }
  }

  @Test
  void batchedEqualsOneAtATime() {
    for (Parametrization p : Parametrization.values()) {
      try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
        CoherenceOptions o =
            CoherenceOptions.paper()
                .withParametrization(p)
                .withSteps(10)
                .withJitter(2)
                .withRegularization(0.01, 0.01);
        FeatureVisualization.Rendering batched =
            FeatureVisualization.optimize(net, targets(), o.withBatch(4));
        FeatureVisualization.Rendering single =
            FeatureVisualization.optimize(net, targets(), o.withBatch(1));
        for (int t = 0; t < 4; t++) {
          assertArrayEquals(batched.images()[t], single.images()[t], 1e-4f, p + " target " + t);
          assertEquals(
              batched.objectives()[t],
              single.objectives()[t],
              1e-4 * Math.abs(single.objectives()[t]),
              p + " target " + t);
        }
      }
    }
  }

  @Test
  void tunedSubClusterBeatsRandomSetsAndGridHasTheRightSize() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster tuned = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      SubCluster pair = new SubCluster("dense1", 1, new int[] {8, 9}, Fixtures.HIDDEN);
      CoherenceOptions o = CoherenceOptions.paper().withSteps(32).withSeed(4);
      CoherenceResult r =
          FeatureVisualization.run(net, List.of(tuned, pair), o, ProgressListener.none());
      assertEquals(List.of(tuned), r.subClusters());
      assertTrue(r.skipped().get(pair).contains("fewer than 3"));
      CoherenceScore s = r.score(tuned, Measure.VIS_SCORE);
      assertEquals(19, s.randoms().length);
      assertEquals(20, r.images(tuned).length);
      BufferedImage g = r.visualizationGrid(tuned);
      assertEquals(4 + 10 * (24 + 4), g.getWidth());
      assertTrue(g.getHeight() > 2 * (24 + 4));
      assertEquals(2, r.toTable().rowCount());
      assertThrows(IllegalStateException.class, () -> r.topExamplesGrid(tuned));
      assertTrue(r.toString().contains("VIS_SCORE"), r.toString());
      assertEquals(-1, r.toString().indexOf('\n'), r.toString());
      assertEquals("none (optimized inputs)", r.provenance().data().name());
      CoherenceResult again =
          FeatureVisualization.run(net, List.of(tuned, pair), o, ProgressListener.none());
      assertEquals(r, again);
      assertEquals(r.images(tuned)[3][5], again.images(tuned)[3][5]);
    }
  }

  @Test
  void sequentialDefaultDrawsUntilDecidedInBatchedRounds() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster tuned = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      SubCluster other = new SubCluster("dense1", 1, new int[] {8, 21, 40}, Fixtures.HIDDEN);
      CoherenceOptions o = CoherenceOptions.defaults().withSteps(6).withSeed(4);
      CoherenceResult r =
          FeatureVisualization.run(net, List.of(tuned, other), o, ProgressListener.none());
      for (SubCluster sc : List.of(tuned, other)) {
        CoherenceScore s = r.score(sc, Measure.VIS_SCORE);
        CoherenceScore e = r.score(sc, Measure.VIS_ENTROPY);
        int kept = Math.max(19, Math.max(s.draws(), e.draws()));
        assertEquals(kept, s.randoms().length, s.toString());
        assertEquals(kept, r.randomSets(sc).length);
        assertEquals(
            s.test(),
            o.test().outcome(s.observed(), Measure.VIS_SCORE.tail(), s.randoms()).orElseThrow());
        assertTrue(s.test().stoppedEarly() || s.draws() == 999, s.toString());
        // Images are kept for the sub-cluster and the papers' 19 random sets only.
        assertEquals(20, r.images(sc).length);
      }
      // The papers' 19 random sets are those of a paper() run (batches differ: float tolerance).
      CoherenceResult paper =
          FeatureVisualization.run(
              net,
              List.of(tuned, other),
              CoherenceOptions.paper().withSteps(6).withSeed(4),
              ProgressListener.none());
      double[] a = Arrays.copyOf(r.score(tuned, Measure.VIS_SCORE).randoms(), 19);
      double[] b = paper.score(tuned, Measure.VIS_SCORE).randoms();
      for (int i = 0; i < 19; i++) {
        assertEquals(b[i], a[i], 1e-4 * Math.abs(b[i]), "random set " + i);
      }
      assertEquals(
          r, FeatureVisualization.run(net, List.of(tuned, other), o, ProgressListener.none()));
      assertEquals(
          r.scores(Measure.VIS_SCORE).stream().mapToLong(CoherenceScore::draws).sum(),
          r.totalDraws(Measure.VIS_SCORE));
    }
  }

  @Test
  void worksOnConvolutionChannels() {
    try (Network net = Fixtures.cnn(6)) {
      SubCluster sc = new SubCluster("conv1", 0, new int[] {1, 4, 6}, 8);
      CoherenceOptions o = CoherenceOptions.paper().withSteps(6).withRandomSets(4).withJitter(1);
      CoherenceResult r = FeatureVisualization.run(net, List.of(sc), o, ProgressListener.none());
      assertEquals(5, r.images(sc).length);
      assertEquals(64, r.images(sc)[0].length);
      double[] h =
          FeatureVisualization.optimize(
                  net,
                  List.of(new FeatureVisualization.Target("conv1", new int[] {1, 4, 6}, 1)),
                  o.withParametrization(Parametrization.PIXEL).withJitter(0))
              .history()[0];
      assertTrue(h[5] > h[0], "objective should rise on conv channels: " + h[0] + " → " + h[5]);
    }
  }

  @Test
  void badTargetsAreExplained() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      var bad = List.of(new FeatureVisualization.Target("dense1", new int[] {3, 64}, 1));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> FeatureVisualization.optimize(net, bad, CoherenceOptions.paper()));
      assertTrue(e.getMessage().contains("[0, 64)"), e.getMessage());
      var noLayer = List.of(new FeatureVisualization.Target("conv9", new int[] {1}, 1));
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> FeatureVisualization.optimize(net, noLayer, CoherenceOptions.paper()));
      assertTrue(e.getMessage().contains("conv9"), e.getMessage());
    }
  }
}
