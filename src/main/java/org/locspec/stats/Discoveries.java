package org.locspec.stats;

import org.locspec.viz.Format;

/**
 * The Benjamini–Hochberg decisions over one family of Monte-Carlo tests (e.g. the sub-clusters of
 * one network), and what their number can mean given the smallest p-value the tests can attain.
 *
 * <p>BH at rate {@code q} rejects the {@code r} smallest of {@code m} p-values when the {@code
 * r}-th smallest is at most {@code q r / m}. A Monte-Carlo test with {@code n} draws cannot give a
 * p-value below {@code 1 / (n + 1)}, so BH can reject anything only when at least {@code ⌈m · pMin
 * / q⌉} tests reach that smallest value ({@link #fewestRejectable()}). When that number is above 1,
 * a count of 0 is not a finding: the draws were too few to find an effect confined to a few tests
 * ("cannot be found with these draws"). With the papers' 19 draws ({@code pMin = 0.05}) and q =
 * 0.05, every one of the m tests must reach 0.05; with LocSpec's default sequential test ({@code
 * pMin = 0.001}) one test suffices for m ≤ 50.
 *
 * <p>Reference: Y. Benjamini, Y. Hochberg, J. R. Stat. Soc. B 57 (1995).
 *
 * @param tests the number of tests {@code m}, {@code >= 0}
 * @param rejected how many BH rejected, in {@code [0, tests]}
 * @param q the false discovery rate, in (0, 1)
 * @param smallestP the smallest p-value each test can give, in (0, 1]
 * @param draws the null draws made in total (e.g. random lesions), {@code >= 0}
 */
public record Discoveries(int tests, int rejected, double q, double smallestP, long draws) {
  /** Validates the fields. */
  public Discoveries {
    if (tests < 0 || rejected < 0 || rejected > tests) {
      throw new IllegalArgumentException(
          "need 0 <= rejected <= tests, got " + rejected + " of " + tests);
    }
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("q must be in (0, 1), got " + q);
    }
    if (!(smallestP > 0 && smallestP <= 1)) {
      throw new IllegalArgumentException("smallestP must be in (0, 1], got " + smallestP);
    }
    if (draws < 0) {
      throw new IllegalArgumentException("draws must be >= 0, got " + draws);
    }
  }

  /**
   * The fewest tests that must all reach {@link #smallestP()} for BH to reject any: {@code max(1,
   * ⌈m · pMin / q⌉)}; above {@link #tests()} when BH can never reject ({@code pMin > q}).
   */
  public int fewestRejectable() {
    double x = tests * smallestP / q;
    return (int) Math.max(1, Math.ceil(x - 1e-9 * Math.max(1, x)));
  }

  /** Whether the draws limit the decision: BH cannot reject a single test on its own. */
  public boolean limitedByDraws() {
    return tests > 0 && fewestRejectable() > 1;
  }

  /**
   * What the count means, for a table cell: "3 found", "none found", or "cannot be found with these
   * draws" (0 rejections while a single test could not have been rejected).
   */
  public String verdict() {
    if (rejected > 0) {
      return rejected + " found";
    }
    return limitedByDraws() ? "cannot be found with these draws" : "none found";
  }

  /**
   * The count in words, e.g. "4 of 31 sub-clusters important after Benjamini–Hochberg at q = 0.05
   * (smallest attainable p 0.001; 6012 draws)", followed, when the count is 0, by what the 0 means.
   *
   * @param noun what was tested, plural (e.g. "sub-clusters")
   * @param property what a rejection shows (e.g. "important", "coherent by label entropy")
   * @return the sentence, without a final full stop
   */
  public String sentence(String noun, String property) {
    String s =
        rejected
            + " of "
            + tests
            + " "
            + noun
            + " "
            + property
            + " after Benjamini–Hochberg at q = "
            + Format.number(q)
            + " (smallest attainable p "
            + Format.number(smallestP)
            + "; "
            + Format.count(draws)
            + " draws)";
    if (tests == 0 || rejected > 0) {
      return s;
    }
    if (!limitedByDraws()) {
      return s
          + ": none found — BH could have rejected a single one with p ≤ "
          + Format.number(q / tests);
    }
    int fewest = fewestRejectable();
    return s
        + ": cannot be found with these draws — BH rejects only if "
        + (fewest > tests
            ? "p < " + Format.number(smallestP) + ", which these draws cannot give"
            : "at least " + fewest + " of the " + tests + " reach p = " + Format.number(smallestP))
        + ", so the 0 is not evidence that none is "
        + property;
  }

  /** One line: the count, the verdict and the limit. */
  @Override
  public String toString() {
    return "Discoveries["
        + rejected
        + " of "
        + tests
        + " at q = "
        + Format.number(q)
        + ", "
        + verdict()
        + ", smallest p "
        + Format.number(smallestP)
        + ", "
        + draws
        + " draws]";
  }
}
