package org.locspec.stats;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * Adaptive Monte-Carlo p-values with sequential stopping: draw null statistics one at a time and
 * stop as soon as {@code h} of them are at least as extreme as the observed one, or when {@code
 * maxDraws} are reached. Clearly unimportant sub-clusters stop after a few draws; small p-values
 * are resolved by many draws, without a fixed budget of 19.
 *
 * <p>The p-value is {@code h / L} when stopped after {@code L} draws with {@code h} extreme ones,
 * else {@code (g + 1) / (maxDraws + 1)} with {@code g} extreme ones; this is a valid p-value (Besag
 * &amp; Clifford).
 *
 * <p>Reference: J. Besag, P. Clifford, "Sequential Monte Carlo p-values", Biometrika 78 (1991).
 *
 * @param h extreme draws after which to stop (e.g. 10)
 * @param maxDraws the most draws (e.g. 999)
 */
public record SequentialMonteCarlo(int h, int maxDraws) {
  /** Validates the parameters. */
  public SequentialMonteCarlo {
    if (h < 1) {
      throw new IllegalArgumentException(
          "h (extreme draws before stopping) must be >= 1, got " + h);
    }
    if (maxDraws < h) {
      throw new IllegalArgumentException("maxDraws must be >= h = " + h + ", got " + maxDraws);
    }
  }

  /** Defaults: stop after 10 extreme draws, at most 999 draws. */
  public static SequentialMonteCarlo defaults() {
    return new SequentialMonteCarlo(10, 999);
  }

  /**
   * The outcome of one sequential test.
   *
   * @param pValue the p-value
   * @param draws how many null statistics were drawn
   * @param extreme how many were at least as extreme as the observed one
   * @param nulls the null statistics drawn, in order
   */
  public record Outcome(double pValue, int draws, int extreme, double[] nulls) {
    /** Copies the null statistics. */
    public Outcome {
      nulls = nulls.clone();
    }

    @Override
    public double[] nulls() {
      return nulls.clone();
    }
  }

  /**
   * Runs the test.
   *
   * @param observed the observed statistic
   * @param tail which tail is extreme
   * @param draw the {@code i}-th null statistic for {@code i = 0, 1, ...}; must be a function of
   *     {@code i} and a seed only, so that runs are reproducible
   * @return the p-value and the draws used
   */
  public Outcome test(double observed, MonteCarloPValue.Tail tail, IntToDoubleFunction draw) {
    Objects.requireNonNull(tail, "tail");
    double[] nulls = new double[maxDraws];
    int extreme = 0;
    for (int i = 0; i < maxDraws; i++) {
      double v = draw.applyAsDouble(i);
      nulls[i] = v;
      if (tail == MonteCarloPValue.Tail.LOWER ? v <= observed : v >= observed) {
        extreme++;
        if (extreme == h) {
          return new Outcome((double) h / (i + 1), i + 1, extreme, Arrays.copyOf(nulls, i + 1));
        }
      }
    }
    return new Outcome((extreme + 1.0) / (maxDraws + 1.0), maxDraws, extreme, nulls);
  }
}
