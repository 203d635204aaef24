package org.locspec.sweep;

import java.util.List;
import java.util.Objects;

/**
 * What one analysis unit produced: rows of the results table, or for a batch of shuffled networks
 * their n-cuts (the driver combines them with the true n-cut into the clusterability row).
 *
 * @param unit the unit
 * @param key what the unit was computed from (model description, options, test images); a stored
 *     result is reused only when its key is equal
 * @param rows the rows (empty for a batch of shuffled networks)
 * @param samples the shuffled networks' n-cuts in sample order (empty for other units)
 * @param seconds the unit's wall time (not part of the results table)
 */
public record UnitResult(
    AnalysisUnit unit, String key, List<SweepRow> rows, double[] samples, double seconds) {

  /** Checks the fields and copies the rows and samples. */
  public UnitResult {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(key, "key");
    rows = List.copyOf(rows);
    samples = samples.clone();
  }

  /** The shuffled networks' n-cuts in sample order (a copy; empty for other units). */
  @Override
  public double[] samples() {
    return samples.clone();
  }
}
