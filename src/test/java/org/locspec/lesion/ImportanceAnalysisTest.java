package org.locspec.lesion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;

/** The importance test on a network built by hand where each block of 4 units carries one class. */
class ImportanceAnalysisTest {
  static final int CLASSES = 4;

  /**
   * 16 pixels; pixel u is noise plus 1 when u / 4 is the label. dense1 copies the pixels into 16
   * ReLU units; class c's logit is the sum of units 4c..4c+3. Lesioning block c removes class c.
   */
  static Network planted() {
    return planted(0);
  }

  /** {@link #planted()} with {@code dead} more units in dense1 whose weights in and out are 0. */
  static Network planted(int dead) {
    int hidden = 16 + dead;
    float[] identity = new float[hidden * 16];
    float[] blocks = new float[CLASSES * hidden];
    for (int u = 0; u < 16; u++) {
      identity[u * 16 + u] = 1f;
      blocks[(u / 4) * hidden + u] = 1f;
    }
    return Network.of(
        dead == 0 ? "planted" : "planted-" + dead + "-dead",
        new long[] {1, 4, 4},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 16, hidden, identity, new float[hidden]),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", hidden, CLASSES, blocks, new float[CLASSES])));
  }

  static ImageDataset plantedData(int n, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * 16];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES;
      for (int u = 0; u < 16; u++) {
        px[i * 16 + u] = (float) (0.6 * r.nextGaussian() + (u / 4 == labels[i] ? 1 : 0));
      }
    }
    return ImageDataset.of("planted-data", 1, 4, 4, px, labels, List.of("A", "B", "C", "D"));
  }

  static List<SubCluster> blocks() {
    List<SubCluster> out = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      out.add(new SubCluster("dense1", c, new int[] {4 * c, 4 * c + 1, 4 * c + 2, 4 * c + 3}, 16));
    }
    return out;
  }

  /** One unit from each block: a lesion like a random one. */
  static SubCluster mixed() {
    return new SubCluster("dense1", 9, new int[] {0, 5, 10, 15}, 16);
  }

  @Test
  void plantedClassUnitsAreImportantAndClassSpecific() {
    List<SubCluster> subs = new ArrayList<>(blocks());
    subs.add(mixed());
    try (Network net = planted()) {
      ImportanceResult r =
          ImportanceTest.run(
              net, plantedData(2000, 1), subs, ImportanceOptions.paper(), ProgressListener.none());
      assertTrue(r.intactAccuracy() > 0.9, "intact accuracy " + r.intactAccuracy());
      for (SubCluster s : blocks()) {
        SubClusterImportance row = r.row(s);
        assertEquals(19, row.draws());
        assertEquals(1.0 / 20, row.pMean(), 1e-12, row.toString());
        assertTrue(row.trueAccuracy() < 0.8, row.toString());
        assertTrue(row.truePerClass()[s.cluster()] < 0.05, row.toString());
        assertTrue(row.trueRange() > 3.5, row.toString()); // the maximum for 4 classes is 4
        // The papers' percentiles: no random lesion is as harmful or as class-specific.
        assertEquals(1.0 / 20, row.meanPercentile(), 1e-12, row.toString());
        assertEquals(1.0 / 20, row.rangePercentile(), 1e-12, row.toString());
        assertTrue(row.effectFactor() > 0.65, row.toString());
        assertTrue(row.effectFactorMeans() > 1.2, row.toString());
        // With 19 draws the smallest p is 1/20 = q, so BH over 5 tests rejects only if all 5
        // reach it: the sequential default resolves smaller p-values.
        assertTrue(!row.significant(), row.toString());
      }
      assertEquals("cannot be found with these draws", r.discoveries().verdict());
      assertEquals(5, r.discoveries().fewestRejectable());
      SubClusterImportance m = r.row(mixed());
      assertTrue(m.pMean() > 0.2, m.toString());
      assertTrue(m.effectFactor() < 0.5, m.toString());
      assertTrue(m.trueRange() < 2, m.toString());
      assertTrue(r.combinedPMeans() < 1e-2, "combined_p_means " + r.combinedPMeans());
    }
  }

  @Test
  void sequentialDefaultRunsPlantedSubClustersToTheBudgetAndStopsEarlyOtherwise() {
    List<SubCluster> subs = new ArrayList<>(blocks());
    subs.add(mixed());
    ImportanceOptions o = ImportanceOptions.defaults();
    try (Network net = planted()) {
      ImageDataset data = plantedData(1000, 2);
      ImportanceResult r = ImportanceTest.run(net, data, subs, o, ProgressListener.none());
      for (SubCluster s : blocks()) {
        SubClusterImportance row = r.row(s);
        assertEquals(999, row.draws(), row.toString());
        assertTrue(!row.test().stoppedEarly(), row.toString());
        // Only a random set that is a whole block (chance 4/1820 per draw) removes a class and
        // can be as harmful: p = (1 + such draws at least as harmful) / 1000.
        int[][] sets = o.unitSets().draws(s, 999);
        double[] acc = row.randomAccuracies();
        int extreme = 0;
        for (int i = 0; i < sets.length; i++) {
          if (acc[i] <= row.trueAccuracy()) {
            extreme++;
            int[] set = sets[i];
            assertTrue(
                blocks().stream().anyMatch(b -> Arrays.equals(b.units(), set)),
                "draw " + i + " " + Arrays.toString(set) + " is as harmful as " + row);
          }
        }
        assertEquals((extreme + 1.0) / 1000, row.pMean(), 1e-12, row.toString());
        assertTrue(row.significant(), row.toString());
      }
      SubClusterImportance m = r.row(mixed());
      assertTrue(!m.significant());
      assertTrue(m.test().stoppedEarly(), m.toString());
      assertTrue(m.draws() < 60, m.toString());
      assertEquals(10.0 / m.draws(), m.pMean(), 1e-12);
      assertEquals(Math.max(19, m.draws()), m.lesionsDrawn());
      assertEquals("4 found", r.discoveries().verdict());
      // The papers' columns are those of a paper() run: the same first 19 random lesions.
      ImportanceResult paper =
          ImportanceTest.run(net, data, subs, ImportanceOptions.paper(), ProgressListener.none());
      for (int i = 0; i < subs.size(); i++) {
        SubClusterImportance a = r.rows().get(i);
        SubClusterImportance b = paper.rows().get(i);
        assertArrayEquals(b.randomAccuracies(), Arrays.copyOf(a.randomAccuracies(), 19));
        assertEquals(b.meanPercentile(), a.meanPercentile());
        assertEquals(b.rangePercentile(), a.rangePercentile());
        assertEquals(b.effectFactorMeans(), a.effectFactorMeans());
        assertEquals(b.effectFactorRange(), a.effectFactorRange());
      }
    }
  }

  @Test
  void aClearlyUnimportantSubClusterStopsAtItsHthDraw() {
    // Lesioning dead units leaves the intact accuracy, and almost every random lesion of 4 of the
    // 20 units is at least as harmful (p about 1): the test stops after h = 10 draws.
    SubCluster dead = new SubCluster("dense1", 5, new int[] {16, 17, 18, 19}, 20);
    try (Network net = planted(4)) {
      ImageDataset data = plantedData(1000, 8);
      for (long seed = 0; seed < 5; seed++) {
        ImportanceResult r =
            ImportanceTest.run(
                net,
                data,
                List.of(dead),
                ImportanceOptions.defaults().withSeed(seed),
                ProgressListener.none());
        SubClusterImportance row = r.rows().get(0);
        assertEquals(r.intactAccuracy(), row.trueAccuracy(), 0);
        assertTrue(row.test().stoppedEarly(), row.toString());
        assertEquals(10, row.draws(), row.toString());
        assertEquals(1.0, row.pMean(), 0);
        assertEquals(19, row.lesionsDrawn(), "the papers' 19 are drawn anyway");
        assertEquals(0.0, row.effectFactor(), 0, "only random lesions hurt");
      }
    }
  }

  @Test
  void progressCountsDecidedSubClustersWhileLaterRoundsRun() {
    // The dead sub-cluster is decided after round 1; block 0 (removes class A) runs to 999 draws
    // over later rounds, each reported block of images by block of images.
    SubCluster dead = new SubCluster("dense1", 5, new int[] {16, 17, 18, 19}, 20);
    SubCluster block = new SubCluster("dense1", 0, new int[] {0, 1, 2, 3}, 20);
    List<Long> done = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    ProgressListener recorder =
        new ProgressListener() {
          @Override
          public void start(String task, long total) {
            assertEquals(2, total);
          }

          @Override
          public void update(long d, String message) {
            done.add(d);
            messages.add(message);
          }

          @Override
          public void finish(String message) {}
        };
    try (Network net = planted(4)) {
      ImportanceOptions o = ImportanceOptions.defaults().withBatchSize(250);
      ImportanceTest.run(net, plantedData(1000, 8), List.of(dead, block), o, recorder);
    }
    assertTrue(
        messages.contains("dense1: round 1, 38 random lesions on 250 of 1,000 images"),
        messages.toString());
    assertTrue(messages.contains("dense1: 1 of 2 decided after round 1"), messages.toString());
    int later = messages.indexOf("dense1: 1 of 2 decided after round 1") + 1;
    assertTrue(messages.get(later).startsWith("dense1: round 2, "), messages.get(later));
    for (int i = later; i < done.size(); i++) {
      assertTrue(
          done.get(i) >= 1, "update " + i + " (" + messages.get(i) + ") counts " + done.get(i));
    }
    assertEquals(2L, done.get(done.size() - 1));
  }

  @Test
  void sameSeedSameResultOtherSeedOtherDraws() {
    try (Network net = planted()) {
      ImageDataset data = plantedData(400, 3);
      List<SubCluster> subs = List.of(blocks().get(0), mixed());
      for (ImportanceOptions base :
          List.of(ImportanceOptions.paper(), ImportanceOptions.defaults())) {
        for (RandomUnitSets.Mode mode : RandomUnitSets.Mode.values()) {
          ImportanceOptions o = base.withDrawMode(mode).withSeed(5);
          ImportanceResult a = ImportanceTest.run(net, data, subs, o, ProgressListener.none());
          ImportanceResult b = ImportanceTest.run(net, data, subs, o, ProgressListener.none());
          ImportanceResult c =
              ImportanceTest.run(net, data, subs, o.withSeed(6), ProgressListener.none());
          assertEquals(a, b);
          assertEquals(a.toTable().toString(), b.toTable().toString());
          for (int i = 0; i < a.rows().size(); i++) {
            assertEquals(a.rows().get(i).test(), b.rows().get(i).test(), "same draws, decision");
          }
          assertNotEquals(
              Arrays.toString(a.rows().get(1).randomAccuracies()),
              Arrays.toString(c.rows().get(1).randomAccuracies()));
        }
      }
    }
  }

  @Test
  void rangeStatistic() {
    assertEquals(
        4.0, ImportanceTest.range(new double[] {1, 1, 1, 1}, new double[] {0, 1, 1, 1}), 1e-12);
    assertEquals(0.0, ImportanceTest.range(new double[] {1, 1}, new double[] {0.5, 0.5}), 1e-12);
    // A lesion that raises accuracy on average: the papers' code divides by |mean change|.
    assertEquals(
        2.0, ImportanceTest.range(new double[] {0.5, 0.5}, new double[] {0.6, 0.5}), 1e-12);
    // No change on average: undefined, also when rounding leaves a tiny mean.
    assertTrue(
        Double.isNaN(ImportanceTest.range(new double[] {0.5, 0.5}, new double[] {0.6, 0.4})));
    assertTrue(
        Double.isNaN(ImportanceTest.range(new double[] {0.1, 0.3}, new double[] {0.2, 0.2})));
    assertTrue(
        Double.isNaN(ImportanceTest.range(new double[] {0.5, 0.7}, new double[] {0.5, 0.7})));
    assertEquals(
        (0.3 - 0.1) / 0.2,
        ImportanceTest.range(new double[] {0.9, Double.NaN, 0.8}, new double[] {0.6, 0.1, 0.7}),
        1e-12);
  }

  @Test
  void badSubClustersAndOptionsAreExplained() {
    try (Network net = planted()) {
      ImageDataset data = plantedData(40, 1);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  ImportanceTest.run(
                      net, data, List.of(new SubCluster("dense1", 0, new int[] {1}, 20))));
      assertTrue(e.getMessage().contains("has 16 there"), e.getMessage());
      int[] all = new int[16];
      Arrays.setAll(all, i -> i);
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ImportanceTest.run(net, data, List.of(new SubCluster("dense1", 0, all, 16))));
      assertTrue(e.getMessage().contains("covers the whole layer"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  ImportanceTest.run(
                      net, data, List.of(new SubCluster("dense7", 0, new int[] {1}, 16))));
      assertTrue(e.getMessage().contains("dense1"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class, () -> ImportanceTest.run(net, data, List.of()));
      assertTrue(e.getMessage().startsWith("no sub-clusters to analyse"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ImportanceOptions.paper().withRandomLesions(0));
    assertEquals("randomLesions must be >= 1, got 0 (the paper uses 19)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ImportanceOptions.paper().withFdr(1.5));
    assertEquals("fdr must be in (0, 1), got 1.5 (paper: 0.05)", e.getMessage());
  }
}
