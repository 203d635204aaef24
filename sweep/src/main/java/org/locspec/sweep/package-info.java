/**
 * The model zoo's grid and its analyses as one Apache Spark job ({@link
 * org.locspec.sweep.SweepJob}; command {@link org.locspec.sweep.SweepMain}, {@code
 * environment/sweep.sh}): one task per model (trained into, or loaded from, a zoo folder every
 * worker sees) and one per analysis unit ({@link org.locspec.sweep.AnalysisUnit}: the true n-cut, a
 * batch of shuffled networks, importance, coherence, feature visualization), gathered into one
 * results table ({@link org.locspec.sweep.SweepResults}: Parquet and CSV, one row per model ×
 * analysis × sub-cluster, with provenance).
 *
 * <p>The work itself ({@link org.locspec.sweep.SweepWork}) knows nothing of Spark: every random
 * step is seeded from the cell (the model's seed, a shuffle's index), never from the task, so the
 * results do not depend on executors or partitions. Every output is written to a temporary file and
 * renamed; a re-run skips the units whose output exists ({@link org.locspec.sweep.SweepFiles}). The
 * core library ({@code org.locspec.*} in {@code src/}) never depends on Spark.
 */
package org.locspec.sweep;
