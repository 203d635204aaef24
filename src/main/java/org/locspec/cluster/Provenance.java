package org.locspec.cluster;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locspec.data.ImageDataset;

/**
 * Where a result came from, as a value: the network, the data set and split, the partition whose
 * sub-clusters were analysed (with its seed, k and graph kind), the analysis options and the seed.
 * Every result of {@code cluster}, {@code lesion} and {@code coherence} carries one; two runs with
 * equal provenance and code give equal results.
 *
 * @param network the network's name
 * @param data the data the analysis ran on ({@link Data#none} when it needs none)
 * @param partition how the analysed partition was made
 * @param options the analysis options (an options record, compared by value)
 * @param seed the seed of the analysis' random steps
 * @param <O> the options type
 */
public record Provenance<O>(
    String network, Data data, PartitionProvenance partition, O options, long seed) {

  /** Validates the fields. */
  public Provenance {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(data, "data must not be null (use Provenance.Data.none(why))");
    Objects.requireNonNull(
        partition, "partition must not be null (use PartitionProvenance.given())");
    Objects.requireNonNull(options, "options must not be null");
  }

  /**
   * The provenance of an analysis of sub-clusters: their partition is the one they share ({@link
   * PartitionProvenance#common}), the seed the options'.
   *
   * @param network the network's name
   * @param data the data the analysis ran on
   * @param subClusters the analysed sub-clusters, at least one
   * @param options the analysis options
   * @param seed the seed of the analysis' random steps
   * @param <O> the options type
   * @return the provenance
   */
  public static <O> Provenance<O> ofSubClusters(
      String network, Data data, List<SubCluster> subClusters, O options, long seed) {
    return new Provenance<>(network, data, PartitionProvenance.common(subClusters), options, seed);
  }

  /**
   * A data set as a result refers to it.
   *
   * @param name the data set's full name, e.g. {@code "fashion-mnist/test sample(2000, 0)"}
   * @param dataset the data set it is (part of), e.g. {@code "fashion-mnist"}
   * @param split "train" or "test" as read from the name, "unknown" when the name does not say,
   *     "none" for no data
   * @param images the number of images
   */
  public record Data(String name, String dataset, String split, int images) {
    private static final Pattern NAME = Pattern.compile("^([^/\\s\\[]+)(?:/(train|test)\\b)?");

    /** Validates the fields. */
    public Data {
      Objects.requireNonNull(name, "name must not be null");
      Objects.requireNonNull(dataset, "dataset must not be null");
      Objects.requireNonNull(split, "split must not be null");
      if (images < 0) {
        throw new IllegalArgumentException("images must be >= 0, got " + images);
      }
    }

    /**
     * A loaded data set; its data set and split are read from its name ({@code
     * "<dataset>/<split>..."}, as {@code Datasets.load} names them).
     *
     * @param data the data set
     * @return its reference
     */
    public static Data of(ImageDataset data) {
      Objects.requireNonNull(data, "data must not be null");
      Matcher m = NAME.matcher(data.name());
      boolean found = m.find();
      String dataset = found ? m.group(1) : data.name();
      String split = found && m.group(2) != null ? m.group(2) : "unknown";
      return new Data(data.name(), dataset, split, data.size());
    }

    /**
     * No data, and why, e.g. "weights only" or "optimized inputs".
     *
     * @param why what the analysis used instead
     * @return the reference
     */
    public static Data none(String why) {
      return new Data("none (" + why + ")", "none", "none", 0);
    }

    /** E.g. {@code "fashion-mnist/test (10000 images)"}. */
    @Override
    public String toString() {
      return images == 0 ? name : name + " (" + images + " images)";
    }
  }

  /** E.g. {@code "mlp on fashion-mnist/test (2000 images), partition spectral k=16 ..."}. */
  @Override
  public String toString() {
    return network + " on " + data + ", partition " + partition + ", seed " + seed;
  }
}
