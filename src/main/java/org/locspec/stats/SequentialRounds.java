package org.locspec.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A family of Monte-Carlo tests (one per unit, e.g. per sub-cluster, each with one or more
 * measures) whose null draws are made in rounds, so that an analysis can evaluate the draws of all
 * undecided units in one batch (many lesions in one suffix pass, many feature visualizations in one
 * optimization). Each round asks {@link #nextBlocks()} how many further draws each unit needs, the
 * analysis evaluates them and {@link #add}s their statistics, until {@link #done()}.
 *
 * <p>A unit needs draws until every measure's {@link SequentialMonteCarlo} test has decided ({@link
 * SequentialMonteCarlo#outcome}) and at least {@code minDraws} are drawn (the papers' statistics
 * use the first {@code minDraws}, e.g. 19). Blocks follow {@link SequentialMonteCarlo#nextBlock}.
 * The decisions depend only on the sequence of draws, never on the block sizes, so a round-by-round
 * run gives the same outcomes as drawing one at a time.
 *
 * <p>Not thread-safe: one analysis drives it.
 */
public final class SequentialRounds {
  private final SequentialMonteCarlo test;
  private final int minDraws;
  private final double[][] observed;
  private final MonteCarloPValue.Tail[] tails;
  private final List<List<double[]>> draws;

  /**
   * Starts a family with no draws.
   *
   * @param test the test of every unit and measure
   * @param minDraws the fewest draws per unit, {@code >= 0}
   * @param observed {@code [unit][measure]} observed statistics
   * @param tails which tail is extreme, one per measure
   */
  public SequentialRounds(
      SequentialMonteCarlo test,
      int minDraws,
      double[][] observed,
      MonteCarloPValue.Tail... tails) {
    this.test = Objects.requireNonNull(test, "test");
    if (minDraws < 0) {
      throw new IllegalArgumentException("minDraws must be >= 0, got " + minDraws);
    }
    if (tails.length == 0) {
      throw new IllegalArgumentException("give the tail of at least one measure");
    }
    this.minDraws = minDraws;
    this.tails = tails.clone();
    this.observed = new double[observed.length][];
    this.draws = new ArrayList<>();
    for (int u = 0; u < observed.length; u++) {
      if (observed[u].length != tails.length) {
        throw new IllegalArgumentException(
            "unit "
                + u
                + " has "
                + observed[u].length
                + " observed statistics for "
                + tails.length
                + " measures");
      }
      this.observed[u] = observed[u].clone();
      this.draws.add(new ArrayList<>());
    }
  }

  /** The number of units. */
  public int units() {
    return observed.length;
  }

  /** How many draws a unit has. */
  public int drawn(int unit) {
    return draws.get(unit).size();
  }

  /**
   * Adds a unit's next draw.
   *
   * @param unit the unit
   * @param statistics one null statistic per measure
   */
  public void add(int unit, double... statistics) {
    if (statistics.length != tails.length) {
      throw new IllegalArgumentException(
          "a draw has one statistic per measure (" + tails.length + "), got " + statistics.length);
    }
    draws.get(unit).add(statistics.clone());
  }

  /**
   * How many further draws each unit needs now: 0 when its tests have decided and it has at least
   * {@code minDraws}; else enough to reach {@code minDraws} and the largest {@link
   * SequentialMonteCarlo#nextBlock} of its undecided measures.
   *
   * @return one block size per unit
   */
  public int[] nextBlocks() {
    int[] out = new int[units()];
    for (int u = 0; u < out.length; u++) {
      int n = drawn(u);
      int block = Math.max(0, minDraws - n);
      for (int m = 0; m < tails.length; m++) {
        double[] v = values(u, m, n);
        if (test.outcome(observed[u][m], tails[m], v).isEmpty()) {
          int extreme = 0;
          for (double x : v) {
            extreme += MonteCarloPValue.isExtreme(x, observed[u][m], tails[m]) ? 1 : 0;
          }
          block = Math.max(block, test.nextBlock(n, extreme));
        }
      }
      out[u] = block;
    }
    return out;
  }

  /** Whether no unit needs further draws. */
  public boolean done() {
    return Arrays.stream(nextBlocks()).allMatch(b -> b == 0);
  }

  /**
   * The decided outcome of a unit's test under one measure.
   *
   * @throws IllegalStateException if the draws so far do not decide it
   */
  public SequentialMonteCarlo.Outcome outcome(int unit, int measure) {
    Optional<SequentialMonteCarlo.Outcome> o =
        test.outcome(observed[unit][measure], tails[measure], values(unit, measure, drawn(unit)));
    return o.orElseThrow(
        () ->
            new IllegalStateException(
                "unit "
                    + unit
                    + " measure "
                    + measure
                    + " is undecided after "
                    + drawn(unit)
                    + " draws; draw until done()"));
  }

  /**
   * The draws a decided unit keeps: {@code max(minDraws, the largest stopping point of its
   * measures)}; later draws (made because blocks overshoot) are dropped, so that a unit's draws do
   * not depend on the block sizes.
   */
  public int kept(int unit) {
    int keep = minDraws;
    for (int m = 0; m < tails.length; m++) {
      keep = Math.max(keep, outcome(unit, m).draws());
    }
    return keep;
  }

  /** A unit's kept null statistics of one measure, in draw order. */
  public double[] values(int unit, int measure) {
    return values(unit, measure, kept(unit));
  }

  private double[] values(int unit, int measure, int n) {
    List<double[]> d = draws.get(unit);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.get(i)[measure];
    }
    return v;
  }
}
