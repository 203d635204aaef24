package org.locspec.coherence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.PartitionProvenance;
import org.locspec.cluster.Provenance;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.stats.NullCalibration;
import org.locspec.stats.Seeds;
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
  void sequentialDefaultResolvesTheTunedSubClusterAndStopsEarlyForOthers() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster tuned = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      SubCluster other =
          new SubCluster("dense1", 1, new int[] {10, 20, 30, 40, 50}, Fixtures.HIDDEN);
      CoherenceOptions o = CoherenceOptions.defaults().withSeed(5);
      CoherenceResult r =
          DatasetExamples.run(net, DATA, List.of(tuned, other), o, ProgressListener.none());
      // About 4.5% of random 5-unit sets also have top examples of one class (a tie counts as
      // at least as coherent): the test stops after about h/p ≈ 220 draws, far beyond the
      // papers' 19, and resolves p ≈ 0.045 (stopping before 50 draws has probability ~1e-4).
      CoherenceScore s = r.score(tuned, Measure.LABEL_ENTROPY);
      assertEquals(0.0, s.observed(), 1e-12);
      assertTrue(s.draws() > 50, s.toString());
      assertTrue(s.pValue() < 0.1, s.toString());
      CoherenceScore t = r.score(other, Measure.LABEL_ENTROPY);
      assertTrue(t.test().stoppedEarly(), t.toString());
      assertEquals(10.0 / t.draws(), t.pValue(), 1e-12);
      // Both measures decide; the random sets kept are the most either test used (at least 19).
      int kept =
          Math.max(19, Math.max(t.draws(), r.score(other, Measure.PREDICTION_ENTROPY).draws()));
      assertEquals(kept, r.randomSets(other).length);
      assertEquals(kept, t.randoms().length);
      // The papers' percentile and effect factor come from the first 19, as in a paper() run.
      CoherenceResult paper =
          DatasetExamples.run(
              net,
              DATA,
              List.of(tuned, other),
              CoherenceOptions.paper().withSeed(5),
              ProgressListener.none());
      for (SubCluster sc : List.of(tuned, other)) {
        CoherenceScore a = r.score(sc, Measure.LABEL_ENTROPY);
        CoherenceScore b = paper.score(sc, Measure.LABEL_ENTROPY);
        assertEquals(b.percentile(), a.percentile());
        assertEquals(b.effectFactor(), a.effectFactor());
        assertArrayEquals(b.randoms(), Arrays.copyOf(a.randoms(), 19));
      }
      assertEquals(paper.combinedP(), r.combinedP());
      // Two tests with p down to 0.001: BH could reject one alone, so 0 means none found.
      assertEquals("none found", r.discoveries(Measure.LABEL_ENTROPY).verdict());
      assertTrue(r.toString().contains("0 of 2 sub-clusters coherent"), r.toString());
      assertTrue(
          paper.discoveries(Measure.LABEL_ENTROPY).limitedByDraws(),
          "with 19 draws BH needs both sub-clusters at p = 0.05");
      assertEquals(
          r, DatasetExamples.run(net, DATA, List.of(tuned, other), o, ProgressListener.none()));
    }
  }

  @Test
  void randomUnitsGiveValidPValuesOverManySeeds() {
    // 10 networks × 40 random 5-unit "sub-clusters" (own seed each, independent uniform draws):
    // label entropies of 10 examples tie often, which makes the test conservative, so the check
    // is validity at the levels the tests can take (NullCalibration, false-alarm rate 1e-3).
    int nets = 10;
    int per = 40;
    for (CoherenceOptions base : List.of(CoherenceOptions.paper(), CoherenceOptions.defaults())) {
      double[] p = new double[nets * per];
      for (int k = 0; k < nets; k++) {
        long seed = Seeds.derive(606, k);
        try (Network net = Fixtures.mlp(TEMPLATES, false, seed)) {
          List<SubCluster> scs = new ArrayList<>();
          for (int c = 0; c < per; c++) {
            int[] units =
                new RandomUnitSets(RandomUnitSets.Mode.UNIFORM, Seeds.mix(seed, c))
                    .draw(new SubCluster("dense1", c, new int[5], Fixtures.HIDDEN), 0);
            scs.add(new SubCluster("dense1", c, units, Fixtures.HIDDEN));
          }
          CoherenceOptions o = base.withDrawMode(RandomUnitSets.Mode.UNIFORM).withSeed(seed);
          CoherenceResult r = DatasetExamples.run(net, DATA, scs, o, ProgressListener.none());
          for (int c = 0; c < per; c++) {
            p[k * per + c] = r.scores(Measure.LABEL_ENTROPY).get(c).pValue();
          }
        }
      }
      NullCalibration.assertValid(
          p, new double[] {0.05, 0.5}, NullCalibration.FALSE_ALARM, base.test().toString());
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
      assertTrue(a.caption().contains("coherent: q ≤ 0.05"), a.caption());
      assertTrue(a.caption().contains("smallest attainable p 0.05"), a.caption());
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
