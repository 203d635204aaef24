package org.locspec.cluster;

import java.util.Objects;
import org.locspec.graph.ShuffleMode;

/**
 * Settings of the {@link ShuffledBaseline}.
 *
 * @param samples the number of shuffled networks, {@code >= 2}
 * @param mode which weights are permuted
 * @param seed the base seed; sample {@code i} uses {@code Seeds.derive(seed, i)}
 * @param threads how many samples run at once, {@code >= 0}; 0 (the default) uses every core.
 *     Results do not depend on it.
 */
public record ShuffleOptions(int samples, ShuffleMode mode, long seed, int threads) {

  /** Validates the settings. */
  public ShuffleOptions {
    if (samples < 2) {
      throw new IllegalArgumentException(
          "samples must be >= 2 (a z-score needs a spread), got " + samples);
    }
    Objects.requireNonNull(mode, "mode must not be null; use ShuffleMode.ALL for the paper");
    if (threads < 0) {
      throw new IllegalArgumentException(
          "threads must be >= 0 (0 uses every core), got " + threads);
    }
  }

  /** The paper: 50 samples permuting all entries of each matrix, seed 0; every core. */
  public static ShuffleOptions paper() {
    return new ShuffleOptions(50, ShuffleMode.ALL, 0L, 0);
  }

  /** A copy with another number of samples. */
  public ShuffleOptions withSamples(int samples) {
    return new ShuffleOptions(samples, mode, seed, threads);
  }

  /** A copy with another shuffle mode. */
  public ShuffleOptions withMode(ShuffleMode mode) {
    return new ShuffleOptions(samples, mode, seed, threads);
  }

  /** A copy with another seed. */
  public ShuffleOptions withSeed(long seed) {
    return new ShuffleOptions(samples, mode, seed, threads);
  }

  /** A copy that runs at most {@code threads} samples at once (0: every core). */
  public ShuffleOptions withThreads(int threads) {
    return new ShuffleOptions(samples, mode, seed, threads);
  }
}
