package org.locspec.kernel.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.Partition;
import org.locspec.cluster.SubCluster;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.CoherenceScore;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.SubClusterImportance;
import org.locspec.train.Evaluation;
import org.locspec.train.TrainedNetwork;
import org.locspec.viz.Spelling;

/**
 * The named charts of LocSpec's results, for {@code %plot} and {@code %export}: which charts a
 * value has ({@link #of}) and drawing one by name ({@link #draw}). Charts of a sub-cluster take it
 * as {@code layer#cluster} (e.g. {@code dense2#3}); without one they show the sub-cluster with the
 * smallest p-value.
 *
 * <p>Every chart comes from the library (the result's own chart methods); this class only names
 * them.
 */
public final class ResultCharts {
  private ResultCharts() {}

  /**
   * A chart a result can draw.
   *
   * @param name its name for {@code %plot}, e.g. "importance-vs-size"
   * @param description what it shows
   * @param perSubCluster whether it shows one sub-cluster (then it takes {@code layer#cluster})
   */
  public record Chart(String name, String description, boolean perSubCluster) {}

  private record Entry(Chart chart, Function<String, Object> draw) {}

  /**
   * The charts a value has.
   *
   * @param value a result (or anything)
   * @return its charts, empty if it has none
   */
  public static List<Chart> of(Object value) {
    return entries(value).stream().map(Entry::chart).toList();
  }

  /**
   * Draws one chart of a value.
   *
   * @param value a result
   * @param name the chart's name
   * @param subCluster {@code layer#cluster} for a per-sub-cluster chart, or null for the one with
   *     the smallest p-value
   * @return an XChart chart or an image
   * @throws IllegalArgumentException naming the value's charts (and the nearest name) if it has no
   *     such chart, or the sub-clusters if the sub-cluster is unknown
   */
  public static Object draw(Object value, String name, String subCluster) {
    Objects.requireNonNull(name, "name must not be null");
    List<Entry> entries = entries(value);
    for (Entry e : entries) {
      if (e.chart().name().equalsIgnoreCase(name.trim())) {
        if (subCluster != null && !e.chart().perSubCluster()) {
          throw new IllegalArgumentException(
              "chart '" + e.chart().name() + "' shows no single sub-cluster; drop " + subCluster);
        }
        return e.draw().apply(subCluster);
      }
    }
    List<String> names = entries.stream().map(e -> e.chart().name()).toList();
    throw new IllegalArgumentException(
        "a "
            + (value == null ? "null" : value.getClass().getSimpleName())
            + " has no chart '"
            + name
            + "'"
            + Spelling.suggestion(name, names)
            + (names.isEmpty()
                ? "; it has no charts"
                : "; its charts: " + String.join(", ", names)));
  }

  private static List<Entry> entries(Object value) {
    List<Entry> out = new ArrayList<>();
    if (value instanceof TrainedNetwork t) {
      out.add(
          entry("loss", "training loss per step and epoch", false, s -> t.history().lossChart()));
      out.add(entry("accuracy", "test accuracy per class", false, s -> t.evaluation().chart()));
    } else if (value instanceof Evaluation e) {
      out.add(entry("accuracy", "accuracy per class", false, s -> e.chart()));
    } else if (value instanceof Partition p) {
      out.add(
          entry(
              "cluster-sizes",
              "units per cluster, stacked by layer",
              false,
              s -> p.clusterSizesChart()));
    } else if (value instanceof ClusterabilityResult c) {
      out.add(
          entry(
              "histogram",
              "the shuffled networks' n-cuts with the true n-cut marked",
              false,
              s -> c.histogram()));
      out.add(
          entry(
              "cluster-sizes",
              "units per cluster of the true partition, stacked by layer",
              false,
              s -> c.clusterSizesChart()));
    } else if (value instanceof ImportanceResult r) {
      out.add(
          entry(
              "importance-vs-size",
              "effect factor against sub-cluster size",
              false,
              s -> r.importanceVsSize()));
      out.add(
          entry(
              "profile",
              "per-class accuracy: intact, sub-cluster lesioned, random lesions",
              true,
              s -> profile(r, s)));
    } else if (value instanceof CoherenceResult r) {
      out.add(
          entry(
              "scores",
              r.measure().description() + " of each sub-cluster against its random sets",
              false,
              s -> r.chart(r.measure())));
      if (r.analysis() == CoherenceResult.Analysis.DATASET_EXAMPLES) {
        out.add(
            entry(
                "examples",
                "the top dataset examples of a sub-cluster",
                true,
                s -> r.topExamplesGrid(coherent(r, s))));
      } else {
        out.add(
            entry(
                "visualization",
                "a sub-cluster's feature visualization beside those of its random sets",
                true,
                s -> r.visualizationGrid(coherent(r, s))));
      }
    }
    return out;
  }

  private static Entry entry(
      String name, String description, boolean perSubCluster, Function<String, Object> draw) {
    return new Entry(new Chart(name, description, perSubCluster), draw);
  }

  private static Object profile(ImportanceResult r, String spec) {
    SubCluster s =
        spec != null
            ? find(r.rows().stream().map(SubClusterImportance::subCluster).toList(), spec)
            : r.rows().stream()
                .min(
                    Comparator.comparingDouble(SubClusterImportance::pMean)
                        .thenComparingDouble(SubClusterImportance::trueAccuracy))
                .orElseThrow()
                .subCluster();
    return r.profileChart(s);
  }

  private static SubCluster coherent(CoherenceResult r, String spec) {
    List<CoherenceScore> scores = r.scores(r.measure());
    if (scores.isEmpty()) {
      throw new IllegalArgumentException(
          "this result tested no sub-cluster (skipped: " + r.skipped().size() + ")");
    }
    if (spec != null) {
      return find(scores.stream().map(CoherenceScore::subCluster).toList(), spec);
    }
    return scores.stream()
        .min(Comparator.comparingDouble(CoherenceScore::pValue))
        .orElseThrow()
        .subCluster();
  }

  /**
   * The sub-cluster a {@code layer#cluster} text names.
   *
   * @param subClusters the candidates
   * @param spec e.g. "dense2#3"
   * @return the sub-cluster
   * @throws IllegalArgumentException naming the candidates if none matches
   */
  public static SubCluster find(List<SubCluster> subClusters, String spec) {
    List<String> names = subClusters.stream().map(ResultCharts::name).toList();
    Optional<SubCluster> match =
        subClusters.stream().filter(s -> name(s).equalsIgnoreCase(spec.trim())).findFirst();
    return match.orElseThrow(
        () ->
            new IllegalArgumentException(
                "no sub-cluster '"
                    + spec
                    + "' in this result"
                    + Spelling.suggestion(spec, names)
                    + "; it has "
                    + String.join(", ", names)));
  }

  /** The {@code layer#cluster} name of a sub-cluster, e.g. "dense2#3". */
  public static String name(SubCluster s) {
    return s.layer() + "#" + s.cluster();
  }
}
