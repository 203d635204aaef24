package org.locspec.sweep;

import java.io.Serializable;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.SpectralOptions;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.lesion.ImportanceOptions;

/**
 * What a sweep measures for every model, and on how many images. The analyses are the zoo report's
 * ({@code org.locspec.report.ZooReport}): clusterability (k = 12, the papers' spectral options)
 * against shuffled networks, and importance, coherence by dataset examples and by feature
 * visualization of the k = 16 sub-clusters; every one seeded with the model's seed.
 *
 * @param shuffles shuffled networks of the clusterability baseline, {@code >= 2} (the papers: 50)
 * @param shufflesPerTask shuffled networks per Spark task, {@code >= 1}
 * @param importance whether to run the importance test (lesions)
 * @param coherence whether to measure coherence by dataset examples
 * @param visualization whether to measure coherence by feature visualization
 * @param draws random lesions or sets per sub-cluster: 0 for LocSpec's sequential test (at most
 *     999, the papers' 19 beside it), else a fixed number (the papers: 19)
 * @param visSteps optimization steps of a feature visualization, {@code >= 1} (the papers: 64)
 * @param trainImages training images per model (the first ones), 0 for all
 * @param testImages test images per model (the first ones) for training's evaluation, lesions and
 *     dataset examples, 0 for all
 */
public record SweepOptions(
    int shuffles,
    int shufflesPerTask,
    boolean importance,
    boolean coherence,
    boolean visualization,
    int draws,
    int visSteps,
    int trainImages,
    int testImages)
    implements Serializable {

  /** Validates the fields; messages name the field, its value and the rule. */
  public SweepOptions {
    if (shuffles < 2) {
      throw new IllegalArgumentException(
          "shuffles must be >= 2, got " + shuffles + " (the papers use 50)");
    }
    if (shufflesPerTask < 1) {
      throw new IllegalArgumentException("shufflesPerTask must be >= 1, got " + shufflesPerTask);
    }
    if (draws < 0) {
      throw new IllegalArgumentException(
          "draws must be 0 (sequential test) or >= 1, got " + draws + " (the papers use 19)");
    }
    if (visSteps < 1) {
      throw new IllegalArgumentException(
          "visSteps must be >= 1, got " + visSteps + " (the papers use 64)");
    }
    if (trainImages < 0 || testImages < 0) {
      throw new IllegalArgumentException(
          "trainImages and testImages must be >= 0 (0 = all), got "
              + trainImages
              + " and "
              + testImages);
    }
  }

  /**
   * The zoo report's settings ({@code zoo-report.sh}): the papers' 50 shuffles, 10 per task, all
   * three analyses under LocSpec's sequential test, 64 visualization steps, all images.
   */
  public static SweepOptions defaults() {
    return new SweepOptions(ShuffleOptions.paper().samples(), 10, true, true, true, 0, 64, 0, 0);
  }

  /** The papers' settings: {@link #defaults()} with their fixed test of 19 draws. */
  public static SweepOptions paper() {
    return defaults().withDraws(19);
  }

  /** These options with another number of shuffles and shuffles per task. */
  public SweepOptions withShuffles(int n, int perTask) {
    return toBuilder().optShuffles(n, perTask).build();
  }

  /** These options with the three sub-cluster analyses switched on or off. */
  public SweepOptions withAnalyses(boolean lesions, boolean examples, boolean visualize) {
    return toBuilder().optAnalyses(lesions, examples, visualize).build();
  }

  /** These options with another number of draws (0: LocSpec's sequential test). */
  public SweepOptions withDraws(int n) {
    return toBuilder().optDraws(n).build();
  }

  /** These options with another number of feature-visualization steps. */
  public SweepOptions withVisSteps(int steps) {
    return toBuilder().optVisSteps(steps).build();
  }

  /** These options with the first {@code train} training and {@code test} test images (0: all). */
  public SweepOptions withImages(int train, int test) {
    return toBuilder().optImages(train, test).build();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link SweepOptions} from given ones, field by field; {@link #build()} validates. */
  public static final class Builder {
    private int shuffles;
    private int shufflesPerTask;
    private boolean importance;
    private boolean coherence;
    private boolean visualization;
    private int draws;
    private int visSteps;
    private int trainImages;
    private int testImages;

    private Builder(SweepOptions o) {
      shuffles = o.shuffles;
      shufflesPerTask = o.shufflesPerTask;
      importance = o.importance;
      coherence = o.coherence;
      visualization = o.visualization;
      draws = o.draws;
      visSteps = o.visSteps;
      trainImages = o.trainImages;
      testImages = o.testImages;
    }

    /** Sets the shuffled networks and how many one task clusters. */
    public Builder optShuffles(int n, int perTask) {
      shuffles = n;
      shufflesPerTask = perTask;
      return this;
    }

    /** Switches the importance, dataset-example and feature-visualization analyses. */
    public Builder optAnalyses(boolean lesions, boolean examples, boolean visualize) {
      importance = lesions;
      coherence = examples;
      visualization = visualize;
      return this;
    }

    /** Sets the draws per sub-cluster (0: LocSpec's sequential test). */
    public Builder optDraws(int n) {
      draws = n;
      return this;
    }

    /** Sets the feature-visualization steps. */
    public Builder optVisSteps(int steps) {
      visSteps = steps;
      return this;
    }

    /** Sets the training and test images (0: all). */
    public Builder optImages(int train, int test) {
      trainImages = train;
      testImages = test;
      return this;
    }

    /** The options; throws IllegalArgumentException naming a field out of range. */
    public SweepOptions build() {
      return new SweepOptions(
          shuffles,
          shufflesPerTask,
          importance,
          coherence,
          visualization,
          draws,
          visSteps,
          trainImages,
          testImages);
    }
  }

  /** The clustering of the clusterability test (k = 12) with a model's seed. */
  public SpectralOptions spectral(long seed) {
    return SpectralOptions.paper().withSeed(seed);
  }

  /** The shuffled baseline with a model's seed; sample {@code i} derives its own seed from it. */
  public ShuffleOptions shuffle(long seed) {
    return ShuffleOptions.paper().withSamples(shuffles).withSeed(seed);
  }

  /** The importance test's options with a model's seed. */
  public ImportanceOptions importanceOptions(long seed) {
    ImportanceOptions o =
        draws == 0
            ? ImportanceOptions.defaults()
            : ImportanceOptions.paper().withRandomLesions(draws);
    return o.withSeed(seed);
  }

  /** The coherence tests' options with a model's seed. */
  public CoherenceOptions coherenceOptions(long seed) {
    CoherenceOptions o =
        draws == 0 ? CoherenceOptions.defaults() : CoherenceOptions.paper().withRandomSets(draws);
    return o.withSteps(visSteps).withSeed(seed);
  }
}
