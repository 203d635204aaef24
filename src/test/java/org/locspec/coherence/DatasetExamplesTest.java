package org.locspec.coherence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.PartitionProvenance;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import tech.tablesaw.api.Table;

class DatasetExamplesTest {
  private static final float[][] TEMPLATES = Fixtures.templates(1);
  private static final ImageDataset DATA = Fixtures.images(TEMPLATES, 40, 2);

  @Test
  void tunedUnitsHaveLowLabelEntropyAndSmallPValue() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster tuned = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      SubCluster other =
          new SubCluster("dense1", 1, new int[] {10, 20, 30, 40, 50}, Fixtures.HIDDEN);
      CoherenceOptions o = CoherenceOptions.paper().withRandomSets(99).withSeed(5);
      CoherenceResult r =
          DatasetExamples.run(net, DATA, List.of(tuned, other), o, ProgressListener.none());
      CoherenceScore s = r.score(tuned, Measure.LABEL_ENTROPY);
      assertEquals(0.0, s.observed(), 1e-12, "all top-10 examples should be class 3: " + s);
      for (int i : r.topExamples(tuned)) {
        assertEquals(Fixtures.TUNED_CLASS, DATA.label(i));
      }
      assertTrue(s.randomMean() > 1.0, "random sets should mix classes: " + s);
      assertTrue(s.pValue() <= 0.1, "p should be small for the tuned units: " + s);
      assertTrue(r.combinedP() < 0.5, r.toString());
      assertEquals(o.topK(), r.topExamples(tuned).length);
      assertEquals(2, r.measures().size());
      assertEquals(99, r.randomSets(tuned).length);
      Table t = r.toTable();
      assertEquals(4, t.rowCount());
      assertTrue(r.toString().contains("LABEL_ENTROPY"), r.toString());
      // BH's q is an option: with q below the smallest attainable p nothing is coherent.
      CoherenceResult strict =
          DatasetExamples.run(
              net, DATA, List.of(tuned, other), o.withFdr(1e-6), ProgressListener.none());
      assertEquals(List.of(), strict.coherent(Measure.LABEL_ENTROPY));
      for (CoherenceScore x : strict.scores(Measure.LABEL_ENTROPY)) {
        CoherenceScore paper = r.score(x.subCluster(), Measure.LABEL_ENTROPY);
        assertEquals(paper.qValue(), x.qValue(), 0);
        assertEquals(paper.qValue() <= 0.05, paper.significant(), paper.toString());
      }
    }
  }

  @Test
  void randomUnitsGiveRoughlyUniformPValues() {
    try (Network net = Fixtures.mlp(TEMPLATES, false, 4)) {
      Random rnd = new Random(9);
      List<SubCluster> scs = new ArrayList<>();
      for (int c = 0; c < 60; c++) {
        int[] units =
            new RandomUnitSets(RandomUnitSets.Mode.UNIFORM, rnd.nextLong())
                .draw(new SubCluster("dense1", c, new int[] {0, 1, 2, 3, 4}, Fixtures.HIDDEN), 0);
        scs.add(new SubCluster("dense1", c, units, Fixtures.HIDDEN));
      }
      CoherenceResult r =
          DatasetExamples.run(
              net, DATA, scs, CoherenceOptions.paper().withSeed(11), ProgressListener.none());
      double[] p =
          r.scores(Measure.LABEL_ENTROPY).stream().mapToDouble(CoherenceScore::pValue).toArray();
      double mean = Arrays.stream(p).average().orElseThrow();
      long small = Arrays.stream(p).filter(v -> v <= 0.05).count();
      assertTrue(mean > 0.4 && mean < 0.7, "mean p under the null should be near 0.5, got " + mean);
      assertTrue(small <= 8, "too many p <= 0.05 under the null: " + small + " of 60");
      assertTrue(r.coherent(Measure.LABEL_ENTROPY).size() <= 3, r.toString());
    }
  }

  @Test
  void sameSeedSameResultAndGridSize() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster tuned = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      CoherenceOptions o = CoherenceOptions.paper().withSeed(2);
      CoherenceResult a =
          DatasetExamples.run(net, DATA, List.of(tuned), o, ProgressListener.none());
      CoherenceResult b =
          DatasetExamples.run(net, DATA, List.of(tuned), o, ProgressListener.none());
      assertEquals(a, b);
      assertEquals(a.hashCode(), b.hashCode());
      assertEquals(a.toTable().toString(), b.toTable().toString());
      CoherenceResult c =
          DatasetExamples.run(net, DATA, List.of(tuned), o.withSeed(3), ProgressListener.none());
      assertNotEquals(a, c);
      // The one sampler (importance uses it too): the papers' draws with the options' seed.
      assertTrue(Arrays.deepEquals(RandomUnitSets.paper(2).draws(tuned, 19), a.randomSets(tuned)));
      Provenance<CoherenceOptions> p = a.provenance();
      assertEquals("tuned", p.network().substring(0, 5));
      assertEquals(Provenance.Data.of(DATA), p.data());
      assertEquals(PartitionProvenance.given(), p.partition());
      assertEquals(o, p.options());
      assertEquals(2L, p.seed());
      assertEquals(-1, a.toString().indexOf('\n'), a.toString());
      assertTrue(
          a.caption().contains("LABEL_ENTROPY in [0, log2(min(top k, classes))] bits"),
          a.caption());
      assertTrue(a.caption().contains("significant when q <= 0.05"), a.caption());
      BufferedImage g = a.topExamplesGrid(tuned);
      // 10 tiles of 8 px × scale 3, padding 4.
      assertEquals(4 + 10 * (24 + 4), g.getWidth());
      byte[] png = a.topExamplesPng(tuned);
      assertEquals((byte) 0x89, png[0]);
      assertEquals('P', png[1]);
      assertThrows(IllegalStateException.class, () -> a.visualizationGrid(tuned));
    }
  }

  @Test
  void smallSubClustersAreSkippedAndBadInputExplained() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster small = new SubCluster("dense1", 0, new int[] {1, 2}, Fixtures.HIDDEN);
      SubCluster ok = new SubCluster("dense1", 1, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      CoherenceResult r =
          DatasetExamples.run(
              net, DATA, List.of(small, ok), CoherenceOptions.paper(), ProgressListener.none());
      assertEquals(List.of(ok), r.subClusters());
      assertTrue(r.skipped().containsKey(small));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> r.score(small, Measure.LABEL_ENTROPY));
      assertTrue(e.getMessage().contains("fewer than 5"), e.getMessage());
      SubCluster wrong = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, 100);
      e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  DatasetExamples.run(
                      net,
                      DATA,
                      List.of(wrong),
                      CoherenceOptions.paper(),
                      ProgressListener.none()));
      assertTrue(e.getMessage().contains("has 64 there"), e.getMessage());
    }
  }

  @Test
  void worksOnConvolutionChannels() {
    try (Network net = Fixtures.cnn(6)) {
      SubCluster sc = new SubCluster("conv1", 0, new int[] {0, 1, 2, 3, 4}, 8);
      SubCluster big = new SubCluster("conv1", 1, new int[] {0, 1, 2, 3, 4, 5, 6}, 8);
      CoherenceResult r =
          DatasetExamples.run(
              net, DATA, List.of(sc, big), CoherenceOptions.paper(), ProgressListener.none());
      assertEquals(List.of(sc), r.subClusters());
      assertTrue(r.skipped().get(big).contains("75%"), r.skipped().toString());
      CoherenceScore s = r.score(sc, Measure.PREDICTION_ENTROPY);
      assertEquals(19, s.randoms().length);
      assertTrue(s.observed() >= 0 && s.observed() <= Math.log(10) / Math.log(2) + 1e-9);
      assertEquals(10, r.topExamples(sc).length);
    }
  }

  @Test
  void topKIsOrderedAndTiesGoToTheSmallerIndex() {
    float[][] byUnit = {{1, 5, 3, 5, 0}, {0, 0, 1, 0, 9}};
    assertEquals("[1, 3, 2]", Arrays.toString(DatasetExamples.topK(byUnit, new int[] {0}, 3)));
    assertEquals("[4, 1, 3]", Arrays.toString(DatasetExamples.topK(byUnit, new int[] {0, 1}, 3)));
  }
}
