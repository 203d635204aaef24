package org.locspec.report;

import java.util.List;
import java.util.Objects;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.zoo.ZooEntry;

/**
 * What {@code ZooReport.compute} measures and for which zoo models.
 *
 * @param shuffles shuffled networks of the clusterability baseline, {@code >= 2} (the papers'
 *     default: {@link ShuffleOptions#paper()})
 * @param datasets the data sets to report on; empty for all
 * @param regimes the regime ids to report on, e.g. "pruning"; empty for all
 * @param seeds the seeds to report on; empty for all
 * @param importance whether to run the importance test (lesions)
 * @param coherence whether to measure coherence by dataset examples
 * @param visualization whether to measure coherence by feature visualization
 */
public record ZooReportOptions(
    int shuffles,
    List<String> datasets,
    List<String> regimes,
    List<Long> seeds,
    boolean importance,
    boolean coherence,
    boolean visualization) {

  /** Validates the fields and copies the lists. */
  public ZooReportOptions {
    if (shuffles < 2) {
      throw new IllegalArgumentException(
          "shuffles must be >= 2, got " + shuffles + " (the papers use 50)");
    }
    datasets = List.copyOf(Objects.requireNonNull(datasets, "datasets (empty for all)"));
    regimes = List.copyOf(Objects.requireNonNull(regimes, "regimes (empty for all)"));
    seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds (empty for all)"));
  }

  /** Every model, the papers' shuffles, importance, coherence and feature visualization. */
  public static ZooReportOptions paper() {
    return new ZooReportOptions(
        ShuffleOptions.paper().samples(), List.of(), List.of(), List.of(), true, true, true);
  }

  /** These options with another number of shuffles. */
  public ZooReportOptions withShuffles(int n) {
    return new ZooReportOptions(n, datasets, regimes, seeds, importance, coherence, visualization);
  }

  /** These options for the models of the given data sets, regimes and seeds (empty: all). */
  public ZooReportOptions withModels(List<String> sets, List<String> regimeIds, List<Long> s) {
    return new ZooReportOptions(shuffles, sets, regimeIds, s, importance, coherence, visualization);
  }

  /** These options with the three analyses switched on or off. */
  public ZooReportOptions withAnalyses(boolean lesions, boolean examples, boolean visualize) {
    return new ZooReportOptions(shuffles, datasets, regimes, seeds, lesions, examples, visualize);
  }

  /** Whether a zoo model is one to report on. */
  boolean selects(ZooEntry e) {
    return (datasets.isEmpty() || datasets.contains(e.dataset()))
        && (regimes.isEmpty() || regimes.contains(e.regime()))
        && (seeds.isEmpty() || seeds.contains(e.seed()));
  }
}
