package org.locspec.coherence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import org.locspec.viz.ImageGrid;

class ExampleGridsTest {
  private static final float[][] TEMPLATES = Fixtures.templates(1);
  private static final ImageDataset DATA = Fixtures.images(TEMPLATES, 40, 2);

  @Test
  void aSubClustersTopExamplesStandAboveThoseOfItsRandomSets() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster tuned = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      CoherenceOptions o = CoherenceOptions.paper().withSeed(5);
      CoherenceResult r =
          DatasetExamples.run(net, DATA, List.of(tuned), o, ProgressListener.none());
      int[][] rows = ExampleGrids.rows(net, DATA, r, tuned, 3);
      assertEquals(4, rows.length);
      assertTrue(Arrays.equals(r.topExamples(tuned), rows[0]), "row C: the result's top examples");
      for (int i : rows[0]) {
        assertEquals(Fixtures.TUNED_CLASS, DATA.label(i), "the tuned units see one class");
      }
      double[] randomEntropy = r.score(tuned, Measure.LABEL_ENTROPY).randoms();
      for (int row = 1; row <= 3; row++) {
        int[] labels = Arrays.stream(rows[row]).map(DATA::label).toArray();
        assertEquals(
            randomEntropy[row - 1],
            Entropy.ofLabels(labels, Fixtures.CLASSES),
            1e-12,
            "row R" + row + " holds the top examples of random set " + (row - 1));
      }
      BufferedImage grid = ExampleGrids.beside(net, DATA, r, tuned, 3);
      ImageGrid.Builder same = ImageGrid.builder(1, Fixtures.SIDE, Fixtures.SIDE).columns(10);
      for (int[] row : rows) {
        for (int i : row) {
          same.add(DATA.image(i), "x");
        }
      }
      BufferedImage reference = same.title("t").build().toImage();
      assertEquals(reference.getWidth(), grid.getWidth(), "ten columns");
      assertEquals(reference.getHeight(), grid.getHeight(), "four rows");
    }
  }

  @Test
  void itChecksTheResultAndTheData() {
    try (Network net = Fixtures.mlp(TEMPLATES, true, 3)) {
      SubCluster tuned = new SubCluster("dense1", 0, Fixtures.TUNED_UNITS, Fixtures.HIDDEN);
      CoherenceResult r =
          DatasetExamples.run(
              net, DATA, List.of(tuned), CoherenceOptions.paper(), ProgressListener.none());
      ImageDataset other = DATA.slice(0, 200);
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> ExampleGrids.beside(net, other, r, tuned, 1))
              .getMessage()
              .contains("is not the data the result ranked"));
      assertEquals(
          "randomRows must be in [1, 19], got 20",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> ExampleGrids.beside(net, DATA, r, tuned, 20))
              .getMessage());
      CoherenceResult vis =
          FeatureVisualization.run(
              net,
              List.of(tuned),
              CoherenceOptions.paper().withSteps(2).withRandomSets(2),
              ProgressListener.none());
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> ExampleGrids.beside(net, DATA, vis, tuned, 1))
              .getMessage()
              .startsWith("top examples come from a DatasetExamples result"));
    }
  }
}
