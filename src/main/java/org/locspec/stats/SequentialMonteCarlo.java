package org.locspec.stats;

import java.util.Objects;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.locspec.viz.Format;

/**
 * Monte-Carlo p-values with sequential stopping (Besag and Clifford): draw null statistics one at a
 * time and stop as soon as {@code h} of them are at least as extreme as the observed one, or when
 * {@code maxDraws} are reached. Clearly unremarkable observations stop after about {@code h / p}
 * draws; small p-values are resolved by up to {@code maxDraws} draws.
 *
 * <p>The p-value is {@code h / L} when the test stops after {@code L} draws at the {@code h}-th
 * extreme one, else {@code (g + 1) / (maxDraws + 1)} with {@code g < h} extreme draws among all
 * {@code maxDraws}. It is valid ({@code P(p ≤ a) ≤ a} under the null, with equality at the values
 * it can take when the statistic has no ties); ties count as extreme, which keeps it valid.
 *
 * <p>The plain Monte-Carlo test with a fixed number {@code n} of draws, {@code p = (g + 1) / (n +
 * 1)}, is the case that never stops early: {@link #fixed(int)} ({@code h = n + 1}). Every
 * per-sub-cluster test of LocSpec is one of these, so that results show the same columns (p-value,
 * draws used, smallest attainable p-value) whichever test ran.
 *
 * <p><b>LocSpec's default ({@link #defaults()}): {@code h = 10}, at most 999 draws.</b> Why:
 *
 * <ul>
 *   <li>The budget sets the smallest attainable p-value, {@code 1 / (maxDraws + 1)} = 0.001.
 *       Benjamini–Hochberg at q = 0.05 among {@code m} tests can reject a single one only if its
 *       p-value is at most {@code q / m}; 0.001 ≤ 0.05 / m holds for up to m = 50 sub-clusters,
 *       which covers the 20–40 sub-clusters the papers' MLP (4 × 256 units, k = 16) yields. With
 *       the papers' 19 draws the smallest p-value is 0.05, and BH can reject only when every one of
 *       the m sub-clusters reaches it.
 *   <li>{@code h} sets the cost of unremarkable sub-clusters and the precision of their p-values: a
 *       null sub-cluster with true p-value {@code p} stops after {@code h / p} draws on average
 *       (about 20 at p = 0.5, the cost of the papers' 19 draws), and its estimate {@code h / L} has
 *       a relative error of about {@code 1 / √h} ≈ 30 %. Only tests whose p-value is above {@code h
 *       / maxDraws} ≈ 0.01 can stop early, so the tests that decide BH's rejections among tens of
 *       sub-clusters run to the budget and lose no power; Besag and Clifford show that {@code h} of
 *       10–20 loses little power against the fixed test with the same budget.
 * </ul>
 *
 * <p>Reference: J. Besag, P. Clifford, "Sequential Monte Carlo p-values", Biometrika 78 (1991).
 *
 * @param h extreme draws after which to stop, in {@code [1, maxDraws + 1]}; {@code maxDraws + 1}
 *     means never stop early (the fixed test)
 * @param maxDraws the most draws, the budget, {@code >= 1}
 */
public record SequentialMonteCarlo(int h, int maxDraws) {
  /** Validates the parameters. */
  public SequentialMonteCarlo {
    if (maxDraws < 1) {
      throw new IllegalArgumentException("maxDraws must be >= 1, got " + maxDraws);
    }
    if (h < 1 || h > maxDraws + 1) {
      throw new IllegalArgumentException(
          "h (extreme draws before stopping) must be in [1, maxDraws + 1 = "
              + (maxDraws + 1)
              + "], got "
              + h
              + " (LocSpec's default: 10 of at most 999 draws)");
    }
  }

  /** LocSpec's default: stop after 10 extreme draws, at most 999 draws (see the class comment). */
  public static SequentialMonteCarlo defaults() {
    return new SequentialMonteCarlo(10, 999);
  }

  /**
   * The plain Monte-Carlo test with {@code n} draws and no early stop, {@code p = (g + 1) / (n +
   * 1)}; the papers use {@code n = 19}.
   *
   * @param n the number of draws, {@code >= 1}
   * @return the test with {@code h = n + 1} and {@code maxDraws = n}
   */
  public static SequentialMonteCarlo fixed(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n (draws) must be >= 1, got " + n + " (the papers: 19)");
    }
    return new SequentialMonteCarlo(n + 1, n);
  }

  /** Whether the test can stop before the budget ({@code false} for {@link #fixed}). */
  public boolean sequential() {
    return h <= maxDraws;
  }

  /** The smallest p-value the test can give, {@code 1 / (maxDraws + 1)}. */
  public double smallestP() {
    return 1.0 / (maxDraws + 1.0);
  }

  /**
   * The outcome of one test.
   *
   * @param pValue the p-value, in {@code [1 / (maxDraws + 1), 1]}
   * @param draws how many null statistics the test used (the stopping point)
   * @param extreme how many of them were at least as extreme as the observed one
   * @param stoppedEarly whether the test stopped at its {@code h}-th extreme draw before the budget
   */
  public record Outcome(double pValue, int draws, int extreme, boolean stoppedEarly) {}

  /**
   * The decision of the test on the first null statistics drawn, if they decide it: where the
   * {@code h}-th extreme one occurs, or the budget when all {@code maxDraws} are given. Draws after
   * the stopping point are ignored, so an analysis may draw in blocks.
   *
   * @param observed the observed statistic
   * @param tail which tail is extreme
   * @param nulls the null statistics drawn so far, in draw order
   * @return the outcome, or empty when more draws are needed
   */
  public Optional<Outcome> outcome(double observed, MonteCarloPValue.Tail tail, double[] nulls) {
    Objects.requireNonNull(tail, "tail");
    int extreme = 0;
    int n = Math.min(nulls.length, maxDraws);
    for (int i = 0; i < n; i++) {
      if (MonteCarloPValue.isExtreme(nulls[i], observed, tail)) {
        extreme++;
        if (extreme == h) {
          return Optional.of(new Outcome((double) h / (i + 1), i + 1, h, true));
        }
      }
    }
    if (n < maxDraws) {
      return Optional.empty();
    }
    return Optional.of(new Outcome((extreme + 1.0) / (maxDraws + 1.0), maxDraws, extreme, false));
  }

  /**
   * How many more null statistics to draw for an undecided test that has {@code drawn} of them,
   * {@code extreme} of which were extreme: the draws expected to reach {@code h} extreme ones at
   * the rate seen so far, {@code (h − extreme)(drawn + 1)/(extreme + 1)}, at least {@code h −
   * extreme} and at most what the budget leaves. Analyses that evaluate draws in batches (lesions,
   * feature visualizations) draw blocks of this size so that few rounds decide every test and few
   * draws are wasted past a stopping point.
   *
   * @param drawn null statistics drawn so far, in {@code [0, maxDraws)}
   * @param extreme how many of them were extreme, {@code < h}
   * @return the size of the next block, {@code >= 1}
   */
  public int nextBlock(int drawn, int extreme) {
    if (drawn < 0 || drawn >= maxDraws || extreme < 0 || extreme >= h || extreme > drawn) {
      throw new IllegalArgumentException(
          "an undecided test has drawn in [0, "
              + maxDraws
              + ") and extreme in [0, min(drawn, "
              + (h - 1)
              + ")], got drawn "
              + drawn
              + ", extreme "
              + extreme);
    }
    int remaining = maxDraws - drawn;
    long need = h - extreme;
    long expected = (need * (drawn + 1L) + extreme) / (extreme + 1L); // ceiling
    return (int) Math.min(remaining, Math.max(need, expected));
  }

  /**
   * Runs the test, drawing one null statistic at a time.
   *
   * @param observed the observed statistic
   * @param tail which tail is extreme
   * @param draw the {@code i}-th null statistic for {@code i = 0, 1, ...}; must be a function of
   *     {@code i} and a seed only, so that runs are reproducible
   * @return the p-value and the draws used
   */
  public Outcome test(double observed, MonteCarloPValue.Tail tail, IntToDoubleFunction draw) {
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(draw, "draw");
    int extreme = 0;
    for (int i = 0; i < maxDraws; i++) {
      if (MonteCarloPValue.isExtreme(draw.applyAsDouble(i), observed, tail) && ++extreme == h) {
        return new Outcome((double) h / (i + 1), i + 1, h, true);
      }
    }
    return new Outcome((extreme + 1.0) / (maxDraws + 1.0), maxDraws, extreme, false);
  }

  /**
   * How the p-value is computed, in words, for captions.
   *
   * @param extreme what an extreme draw is, plural, e.g. "random lesions at least as harmful"
   * @return e.g. "10/L when the test stopped at its 10th random lesion ... else (g + 1)/(999 + 1)
   *     with g such draws, in [0.001, 1]"
   */
  public String describe(String extreme) {
    String range = ", in [" + Format.number(smallestP()) + ", 1]";
    if (!sequential()) {
      return "(g + 1)/(" + maxDraws + " + 1) with g " + extreme + range;
    }
    return h
        + "/L when the test stopped after L draws at the "
        + h
        + "th of the "
        + extreme
        + " (it can stop early only when p ≥ "
        + Format.number((double) h / maxDraws)
        + "), else (g + 1)/("
        + maxDraws
        + " + 1) with g such draws"
        + range;
  }

  /** One line, e.g. "sequential Monte-Carlo test (h = 10, ≤ 999 draws)" or "19 draws". */
  @Override
  public String toString() {
    return sequential()
        ? "sequential Monte-Carlo test (h = " + h + ", ≤ " + maxDraws + " draws)"
        : "Monte-Carlo test with " + maxDraws + " draws";
  }
}
