package org.locspec.sweep;

import java.io.Serializable;
import java.util.Objects;

/**
 * One Spark task of a sweep's analysis stage: one kind of analysis of one model, and for the
 * shuffled baseline a range of shuffled networks.
 *
 * @param cell the model
 * @param kind the analysis
 * @param from the first shuffled sample (inclusive), 0 for other kinds
 * @param to the last shuffled sample (exclusive), 0 for other kinds
 */
public record AnalysisUnit(ModelCell cell, Kind kind, int from, int to) implements Serializable {

  /** The analyses a sweep fans out. */
  public enum Kind {
    /** The true n-cut of the k = 12 partition of the weight graph. */
    NCUT("ncut"),
    /** The n-cuts of the shuffled networks {@code from} to {@code to - 1}. */
    SHUFFLES("shuffles"),
    /** Lesions of the k = 16 sub-clusters against random same-size lesions. */
    IMPORTANCE("importance"),
    /** Coherence by dataset examples. */
    COHERENCE("coherence"),
    /** Coherence by feature visualization. */
    VISUALIZATION("visualization");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The kind's name in file names and in the results table. */
    public String id() {
      return id;
    }
  }

  /** Checks the fields. */
  public AnalysisUnit {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(kind, "kind");
    boolean ranged = kind == Kind.SHUFFLES;
    if (ranged ? (from < 0 || to <= from) : (from != 0 || to != 0)) {
      throw new IllegalArgumentException(
          kind.id()
              + " unit of "
              + cell
              + ": samples ["
              + from
              + ", "
              + to
              + ") "
              + (ranged ? "must be a non-empty range from 0" : "must be [0, 0)"));
    }
  }

  /**
   * A unit of one kind that is not a range.
   *
   * @param cell the model
   * @param kind the analysis (not {@link Kind#SHUFFLES})
   * @return the unit
   */
  public static AnalysisUnit of(ModelCell cell, Kind kind) {
    return new AnalysisUnit(cell, kind, 0, 0);
  }

  /** The unit's name in its model's folder, e.g. "importance" or "shuffles-10-20". */
  public String id() {
    return kind == Kind.SHUFFLES ? kind.id() + "-" + from + "-" + to : kind.id();
  }

  @Override
  public String toString() {
    return cell.label() + "/" + id();
  }
}
