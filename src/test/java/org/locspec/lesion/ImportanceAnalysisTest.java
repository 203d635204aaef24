package org.locspec.lesion;

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
import org.locspec.stats.SequentialMonteCarlo;

/** The importance test on a network built by hand where each block of 4 units carries one class. */
class ImportanceAnalysisTest {
  static final int CLASSES = 4;

  /**
   * 16 pixels; pixel u is noise plus 1 when u / 4 is the label. dense1 copies the pixels into 16
   * ReLU units; class c's logit is the sum of units 4c..4c+3. Lesioning block c removes class c.
   */
  static Network planted() {
    float[] identity = new float[16 * 16];
    for (int u = 0; u < 16; u++) {
      identity[u * 16 + u] = 1f;
    }
    float[] blocks = new float[CLASSES * 16];
    for (int u = 0; u < 16; u++) {
      blocks[(u / 4) * 16 + u] = 1f;
    }
    return Network.of(
        "planted",
        new long[] {1, 4, 4},
        List.of(
            new Layer.Flatten("flatten1"),
            new Layer.Dense("dense1", 16, 16, identity, new float[16]),
            new Layer.Relu("relu1"),
            new Layer.Dense("dense2", 16, CLASSES, blocks, new float[CLASSES])));
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
        assertEquals(1.0 / 20, row.pRange(), 1e-12, row.toString());
        assertEquals(1.0, row.rangePercentile(), 1e-12, row.toString());
        assertTrue(row.effectFactor() > 0.65, row.toString());
        // With 19 draws the smallest p is 1/20 = q, so BH over 5 tests cannot reject: the
        // sequential test below resolves smaller p-values.
        assertTrue(!row.significant(), row.toString());
      }
      SubClusterImportance m = r.row(mixed());
      assertTrue(m.pMean() > 0.2, m.toString());
      assertTrue(m.effectFactor() < 0.5, m.toString());
      assertTrue(m.trueRange() < 2, m.toString());
      assertTrue(r.combinedP() < 1e-2, "combined p " + r.combinedP());
    }
  }

  @Test
  void sequentialTestDrawsUntilDecided() {
    List<SubCluster> subs = new ArrayList<>(blocks());
    subs.add(mixed());
    ImportanceOptions o =
        ImportanceOptions.paper().withSequential(new SequentialMonteCarlo(5, 199));
    try (Network net = planted()) {
      ImportanceResult r =
          ImportanceTest.run(net, plantedData(1000, 2), subs, o, ProgressListener.none());
      for (SubCluster s : blocks()) {
        SubClusterImportance row = r.row(s);
        assertEquals(199, row.draws(), row.toString());
        // Only a random set that is a whole block (chance 4/1820 per draw) removes a class and
        // can be as harmful: p = (1 + such draws at least as harmful) / 200.
        int[][] sets = o.unitSets().draws(s, 199);
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
        assertEquals((extreme + 1.0) / 200, row.pMean(), 1e-12, row.toString());
        assertTrue(row.significant());
      }
      SubClusterImportance m = r.row(mixed());
      assertTrue(!m.significant());
      assertTrue(m.draws() < 60, m.toString());
      assertEquals(5.0 / m.draws(), m.pMean(), 1e-12);
    }
  }

  @Test
  void sameSeedSameResultOtherSeedOtherDraws() {
    try (Network net = planted()) {
      ImageDataset data = plantedData(400, 3);
      List<SubCluster> subs = List.of(blocks().get(0), mixed());
      for (RandomUnitSets.Mode mode : RandomUnitSets.Mode.values()) {
        ImportanceOptions o = ImportanceOptions.paper().withDrawMode(mode).withSeed(5);
        ImportanceResult a = ImportanceTest.run(net, data, subs, o, ProgressListener.none());
        ImportanceResult b = ImportanceTest.run(net, data, subs, o, ProgressListener.none());
        ImportanceResult c =
            ImportanceTest.run(net, data, subs, o.withSeed(6), ProgressListener.none());
        assertEquals(a, b);
        assertEquals(a.toTable().toString(), b.toTable().toString());
        assertNotEquals(
            Arrays.toString(a.rows().get(1).randomAccuracies()),
            Arrays.toString(c.rows().get(1).randomAccuracies()));
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
