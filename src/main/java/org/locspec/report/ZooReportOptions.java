package org.locspec.report;

import java.util.List;
import java.util.Objects;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.data.ImageDataset;
import org.locspec.zoo.ZooArchitecture;
import org.locspec.zoo.ZooEntry;
import org.locspec.zoo.ZooRegime;

/**
 * What {@code ZooReport.compute} measures and for which zoo models.
 *
 * @param shuffles shuffled networks of the clusterability baseline, {@code >= 2} (the papers'
 *     default: {@link ShuffleOptions#paper()})
 * @param datasets the data sets to report on; empty for all
 * @param architectures the architecture ids to report on, "mlp" or "cnn"; empty for all
 * @param regimes the regime ids to report on, e.g. "l2-pruned"; empty for all
 * @param seeds the seeds to report on; empty for all
 * @param importance whether to run the importance test (lesions)
 * @param coherence whether to measure coherence by dataset examples
 * @param visualization whether to measure coherence by feature visualization
 * @param testImages the test images each model is analysed on: 0 for the whole test split, else a
 *     stratified sample of that many seeded {@value #TEST_SAMPLE_SEED} ({@link
 *     ImageDataset#stratifiedSample}), the same images for every model of a data set; a split with
 *     no more images than this is used whole
 */
public record ZooReportOptions(
    int shuffles,
    List<String> datasets,
    List<String> architectures,
    List<String> regimes,
    List<Long> seeds,
    boolean importance,
    boolean coherence,
    boolean visualization,
    int testImages) {

  /** The seed of the test-image sample: fixed, so that every model sees the same images. */
  public static final long TEST_SAMPLE_SEED = 0;

  /** Validates the fields and copies the lists. */
  public ZooReportOptions {
    if (shuffles < 2) {
      throw new IllegalArgumentException(
          "shuffles must be >= 2, got " + shuffles + " (the papers use 50)");
    }
    datasets = List.copyOf(Objects.requireNonNull(datasets, "datasets (empty for all)"));
    architectures =
        Objects.requireNonNull(architectures, "architectures (empty for all)").stream()
            .map(a -> ZooArchitecture.parse(a).id())
            .toList();
    regimes =
        Objects.requireNonNull(regimes, "regimes (empty for all)").stream()
            .map(r -> ZooRegime.parse(r).id())
            .toList();
    seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds (empty for all)"));
    if (testImages < 0) {
      throw new IllegalArgumentException(
          "test images must be >= 0 (0 for the whole test split), got " + testImages);
    }
  }

  /** Every model, the papers' shuffles, importance, coherence and feature visualization. */
  public static ZooReportOptions paper() {
    return new ZooReportOptions(
        ShuffleOptions.paper().samples(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        true,
        true,
        true,
        0);
  }

  /** These options with another number of shuffles. */
  public ZooReportOptions withShuffles(int n) {
    return new ZooReportOptions(
        n,
        datasets,
        architectures,
        regimes,
        seeds,
        importance,
        coherence,
        visualization,
        testImages);
  }

  /** These options for the models of the given data sets, regimes and seeds (empty: all). */
  public ZooReportOptions withModels(List<String> sets, List<String> regimeIds, List<Long> s) {
    return new ZooReportOptions(
        shuffles,
        sets,
        architectures,
        regimeIds,
        s,
        importance,
        coherence,
        visualization,
        testImages);
  }

  /** These options for the models of the given architecture ids (empty: all). */
  public ZooReportOptions withArchitectures(List<String> ids) {
    return new ZooReportOptions(
        shuffles, datasets, ids, regimes, seeds, importance, coherence, visualization, testImages);
  }

  /** These options with the three analyses switched on or off. */
  public ZooReportOptions withAnalyses(boolean lesions, boolean examples, boolean visualize) {
    return new ZooReportOptions(
        shuffles,
        datasets,
        architectures,
        regimes,
        seeds,
        lesions,
        examples,
        visualize,
        testImages);
  }

  /**
   * These options with the models analysed on a seeded stratified sample of their test split.
   *
   * @param n the number of test images, or 0 for the whole split
   * @return the options
   */
  public ZooReportOptions withTestImages(int n) {
    return new ZooReportOptions(
        shuffles, datasets, architectures, regimes, seeds, importance, coherence, visualization, n);
  }

  /**
   * The test images a model is analysed on: the whole split, or its sample of {@link #testImages}.
   *
   * @param split a data set's test split
   * @return the split, or a stratified sample of it named {@code "... sample(n, 0)"}
   */
  public ImageDataset testImagesOf(ImageDataset split) {
    return testImages == 0 || testImages >= split.size()
        ? split
        : split.stratifiedSample(testImages, TEST_SAMPLE_SEED);
  }

  /** Whether a zoo model is one to report on. */
  boolean selects(ZooEntry e) {
    return (datasets.isEmpty() || datasets.contains(e.dataset()))
        && (architectures.isEmpty() || architectures.contains(e.architecture()))
        && (regimes.isEmpty() || regimes.contains(e.regime()))
        && (seeds.isEmpty() || seeds.contains(e.seed()));
  }
}
