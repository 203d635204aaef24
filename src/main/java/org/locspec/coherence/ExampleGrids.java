package org.locspec.coherence;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import org.locspec.cluster.SubCluster;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;
import org.locspec.viz.Format;
import org.locspec.viz.ImageGrid;

/**
 * The evidence of coherence by dataset examples as a picture: the top-k inputs of a sub-cluster in
 * the first row, and below it the top-k inputs of some of the random same-size unit sets it was
 * compared with, each image captioned with its label. A coherent sub-cluster's row shows one kind
 * of input where the random rows are mixed.
 *
 * <pre>{@code
 * CoherenceResult r = DatasetExamples.run(net, test, subClusters, options, progress);
 * BufferedImage grid = ExampleGrids.beside(net, test, r, r.subClusters().get(0), 3);
 * }</pre>
 *
 * <p>Reference: Hod et al., arXiv 2110.08058, §4.2 (dataset examples against random sets).
 */
public final class ExampleGrids {
  private ExampleGrids() {}

  /**
   * The top examples of a sub-cluster beside those of its first random sets.
   *
   * @param network the network the result was computed on
   * @param data the inputs the result ranked (the same data set)
   * @param result a {@link DatasetExamples} result
   * @param subCluster a sub-cluster of the result
   * @param randomRows how many of its random sets to show, in {@code [1, random sets]}
   * @return the grid: one row per unit set ({@link #rows}), the sub-cluster's first
   * @throws IllegalArgumentException as {@link #rows}
   */
  public static BufferedImage beside(
      Network network,
      ImageDataset data,
      CoherenceResult result,
      SubCluster subCluster,
      int randomRows) {
    int[][] rows = rows(network, data, result, subCluster, randomRows);
    int k = rows[0].length;
    CoherenceScore entropy = result.score(subCluster, Measure.LABEL_ENTROPY);
    ImageGrid.Builder grid =
        ImageGrid.builder(data.channels(), data.height(), data.width())
            .columns(k)
            .title(
                subCluster.layer()
                    + " #"
                    + subCluster.cluster()
                    + " ("
                    + subCluster.size()
                    + " units): top "
                    + k
                    + " inputs (row C, label entropy "
                    + Format.number(entropy.observed())
                    + " bits, p = "
                    + Format.number(entropy.pValue())
                    + ") vs "
                    + randomRows
                    + " random same-size sets (rows R1…, label entropy "
                    + randomEntropies(entropy, randomRows)
                    + " bits)");
    for (int r = 0; r < rows.length; r++) {
      addRow(grid, data, rows[r], r == 0 ? "C" : "R" + r);
    }
    return grid.build().toImage();
  }

  /**
   * The indices of the top examples of a sub-cluster and of its first random sets.
   *
   * @param network the network the result was computed on
   * @param data the inputs the result ranked (the same data set)
   * @param result a {@link DatasetExamples} result
   * @param subCluster a sub-cluster of the result
   * @param randomRows how many of its random sets, in {@code [1, random sets]}
   * @return {@code 1 + randomRows} rows of top-k indices into {@code data}, most excited first: the
   *     sub-cluster's, then random set 0, 1, ...
   * @throws IllegalArgumentException if the result is not from dataset examples, the data is not
   *     the result's, or {@code randomRows} is out of range
   */
  public static int[][] rows(
      Network network,
      ImageDataset data,
      CoherenceResult result,
      SubCluster subCluster,
      int randomRows) {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(data, "data must not be null");
    Objects.requireNonNull(result, "result must not be null");
    if (result.analysis() != CoherenceResult.Analysis.DATASET_EXAMPLES) {
      throw new IllegalArgumentException(
          "top examples come from a DatasetExamples result, got a " + result.analysis() + " one");
    }
    if (!data.name().equals(result.provenance().data().name())
        || data.size() != result.provenance().data().images()) {
      throw new IllegalArgumentException(
          "data "
              + data.name()
              + " ("
              + data.size()
              + " images) is not the data the result ranked: "
              + result.provenance().data());
    }
    int[][] sets = result.randomSets(subCluster);
    if (randomRows < 1 || randomRows > sets.length) {
      throw new IllegalArgumentException(
          "randomRows must be in [1, " + sets.length + "], got " + randomRows);
    }
    float[][] byUnit =
        DatasetExamples.absTransposed(
            network
                .capture(
                    data,
                    List.of(subCluster.layer()),
                    Network.Reduction.L1_NORM,
                    result.options().batch())
                .get(subCluster.layer()));
    int[][] rows = new int[randomRows + 1][];
    rows[0] = result.topExamples(subCluster);
    for (int r = 0; r < randomRows; r++) {
      rows[r + 1] = DatasetExamples.topK(byUnit, sets[r], result.options().topK());
    }
    return rows;
  }

  private static String randomEntropies(CoherenceScore entropy, int rows) {
    StringBuilder sb = new StringBuilder();
    double[] r = entropy.randoms();
    for (int i = 0; i < rows; i++) {
      sb.append(i == 0 ? "" : ", ").append(Format.number(r[i]));
    }
    return sb.toString();
  }

  private static void addRow(ImageGrid.Builder grid, ImageDataset data, int[] top, String head) {
    List<String> names = data.classNames();
    for (int i = 0; i < top.length; i++) {
      String label = names.get(data.label(top[i]));
      grid.add(data.image(top[i]), i == 0 ? head + ": " + label : label);
    }
  }
}
