package org.locspec.data;

/**
 * How a derived data set made of two source images ({@link DerivedDatasets#halves}, {@link
 * DerivedDatasets#stack}) is labelled.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), data sets
 * "halves", "halves same", "stacked" and "stacked same" of their {@code generate_datasets.py}.
 */
public enum PairLabel {
  /**
   * Two images drawn independently and uniformly (with replacement) from the source; the label is
   * the sum of their labels modulo the number of classes: {@code (a + b) mod 10} for digits.
   */
  SUM_MOD_10,
  /**
   * The first image is the source image at the same position (wrapping around when the derived set
   * is larger), the second a random image of the same class; the label is that class.
   */
  SAME_CLASS;

  /** A short lower-case name for data set names, e.g. "sum-mod-10". */
  public String shortName() {
    return this == SUM_MOD_10 ? "sum-mod-10" : "same-class";
  }
}
