package org.locspec.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The sequential Monte-Carlo test and its rounds: calibration over many seeds, the stopping
 * decisions (unremarkable observations stop after about h/p draws, clear ones run to the budget),
 * and reproducibility. Every statistical check states its false-alarm rate.
 */
class SequentialMonteCarloTest {
  private static final MonteCarloPValue.Tail LOWER = MonteCarloPValue.Tail.LOWER;

  /** Uniform null statistics of replicate {@code seed}: draw i is a function of (seed, i). */
  private static IntToDoubleFunction uniforms(long seed) {
    return i -> new SplittableRandom(Seeds.mix(seed, i)).nextDouble();
  }

  private static double[] prefix(IntToDoubleFunction draw, int n) {
    double[] v = new double[n];
    Arrays.setAll(v, draw::applyAsDouble);
    return v;
  }

  @Test
  void defaultsAndFixedTestsAndTheirLimits() {
    SequentialMonteCarlo d = SequentialMonteCarlo.defaults();
    assertEquals(new SequentialMonteCarlo(10, 999), d);
    assertTrue(d.sequential());
    assertEquals(0.001, d.smallestP(), 1e-15);
    // BH at q = 0.05 can reject one of m tests alone iff smallestP <= 0.05 / m: up to m = 50.
    assertTrue(d.smallestP() <= 0.05 / 50 + 1e-15);
    SequentialMonteCarlo f = SequentialMonteCarlo.fixed(19);
    assertFalse(f.sequential());
    assertEquals(0.05, f.smallestP(), 1e-15);
    assertEquals("Monte-Carlo test with 19 draws", f.toString());
    assertEquals("sequential Monte-Carlo test (h = 10, ≤ 999 draws)", d.toString());
    // The fixed test is the plain Monte-Carlo p-value on its 19 draws.
    for (long seed = 0; seed < 50; seed++) {
      double[] nulls = prefix(uniforms(seed), 19);
      double obs = new SplittableRandom(seed).nextDouble();
      SequentialMonteCarlo.Outcome o = f.test(obs, LOWER, uniforms(seed));
      assertEquals(MonteCarloPValue.of(obs, nulls, LOWER), o.pValue(), 1e-15);
      assertEquals(19, o.draws());
      assertFalse(o.stoppedEarly());
      assertEquals(o, f.outcome(obs, LOWER, nulls).orElseThrow());
      assertTrue(f.outcome(obs, LOWER, Arrays.copyOf(nulls, 18)).isEmpty());
    }
    assertEquals(
        "h (extreme draws before stopping) must be in [1, maxDraws + 1 = 11], got 12"
            + " (LocSpec's default: 10 of at most 999 draws)",
        assertThrows(IllegalArgumentException.class, () -> new SequentialMonteCarlo(12, 10))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SequentialMonteCarlo(0, 10));
    assertThrows(IllegalArgumentException.class, () -> SequentialMonteCarlo.fixed(0));
  }

  @Test
  void outcomeOfAPrefixIsTheOneAtATimeDecision() {
    SequentialMonteCarlo smc = new SequentialMonteCarlo(5, 199);
    for (long seed = 0; seed < 200; seed++) {
      double obs = new SplittableRandom(~seed).nextDouble() * 0.3;
      SequentialMonteCarlo.Outcome o = smc.test(obs, LOWER, uniforms(seed));
      double[] all = prefix(uniforms(seed), 199);
      assertEquals(o, smc.outcome(obs, LOWER, all).orElseThrow(), "seed " + seed);
      assertEquals(o, smc.outcome(obs, LOWER, Arrays.copyOf(all, o.draws())).orElseThrow());
      if (o.stoppedEarly()) {
        assertEquals(5.0 / o.draws(), o.pValue(), 1e-15);
        assertTrue(smc.outcome(obs, LOWER, Arrays.copyOf(all, o.draws() - 1)).isEmpty());
      } else {
        assertEquals(199, o.draws());
        assertEquals((o.extreme() + 1.0) / 200, o.pValue(), 1e-15);
      }
    }
  }

  @Test
  void nullPValuesAreCalibratedOverManySeeds() {
    // 4000 independent replicates, each with its own seed; observed and nulls N(0, 1), so the
    // test is exact at the levels it can take: 10/L (0.5, 0.1, 0.05) and (g + 1)/1000 (0.01).
    int n = 4000;
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    double[] sequential = new double[n];
    double[] fixed = new double[n];
    for (int i = 0; i < n; i++) {
      long seed = Seeds.derive(20261201, i);
      IntToDoubleFunction draw =
          k -> normal.inverseCumulativeProbability(uniforms(seed).applyAsDouble(k));
      double obs = normal.inverseCumulativeProbability(new SplittableRandom(~seed).nextDouble());
      sequential[i] = SequentialMonteCarlo.defaults().test(obs, LOWER, draw).pValue();
      fixed[i] = SequentialMonteCarlo.fixed(19).test(obs, LOWER, draw).pValue();
    }
    NullCalibration.assertCalibrated(
        sequential,
        new double[] {0.01, 0.05, 0.1, 0.5},
        NullCalibration.FALSE_ALARM,
        "sequential h = 10, <= 999 draws");
    NullCalibration.assertCalibrated(
        fixed, new double[] {0.05, 0.25, 0.5}, NullCalibration.FALSE_ALARM, "fixed 19 draws");
  }

  @Test
  void unremarkableObservationsStopAfterAboutHOverPDraws() {
    // Observed value p with uniform nulls: each draw is extreme with probability p, so the
    // stopping point is negative binomial, mean h/p and variance h(1 - p)/p². The mean of R
    // replicates must lie within z sd/√R, z for a false-alarm rate of 1e-3 over the two checks.
    int h = 10;
    int replicates = 400;
    double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - 1e-3 / 4);
    for (double p : new double[] {0.5, 0.1}) {
      double sum = 0;
      for (int i = 0; i < replicates; i++) {
        SequentialMonteCarlo.Outcome o =
            SequentialMonteCarlo.defaults().test(p, LOWER, uniforms(Seeds.derive(77, i)));
        assertTrue(o.stoppedEarly(), "p = " + p + ": " + o);
        assertEquals((double) h / o.draws(), o.pValue(), 1e-15);
        sum += o.draws();
      }
      double mean = sum / replicates;
      double tolerance = z * Math.sqrt(h * (1 - p)) / p / Math.sqrt(replicates);
      assertEquals(h / p, mean, tolerance, "mean stopping point at p = " + p);
    }
  }

  @Test
  void clearFindingsRunToTheBudgetAndSameSeedGivesTheSameDecision() {
    // Observed value 1e-4 with uniform nulls: stopping early needs 10 extreme draws among 999
    // (probability about 1e-30), so every replicate runs to the budget with p = (g + 1)/1000.
    for (int i = 0; i < 200; i++) {
      long seed = Seeds.derive(5, i);
      SequentialMonteCarlo.Outcome o =
          SequentialMonteCarlo.defaults().test(1e-4, LOWER, uniforms(seed));
      assertEquals(999, o.draws());
      assertFalse(o.stoppedEarly());
      assertEquals((o.extreme() + 1.0) / 1000, o.pValue(), 1e-15);
      assertEquals(o, SequentialMonteCarlo.defaults().test(1e-4, LOWER, uniforms(seed)));
    }
  }

  @Test
  void nextBlockAimsAtTheStoppingPointWithinTheBudget() {
    SequentialMonteCarlo d = SequentialMonteCarlo.defaults();
    assertEquals(10, d.nextBlock(0, 0));
    assertEquals(200, d.nextBlock(19, 0)); // no extreme draw in 19: about 10 × 20 more
    assertEquals(2, d.nextBlock(19, 9)); // 9 of 19: one more extreme expected within 2
    assertEquals(9, d.nextBlock(990, 0)); // never past the budget
    assertEquals(19, SequentialMonteCarlo.fixed(19).nextBlock(0, 0));
    assertThrows(IllegalArgumentException.class, () -> d.nextBlock(999, 0));
    assertThrows(IllegalArgumentException.class, () -> d.nextBlock(5, 10));
  }

  @Test
  void roundsDecideAsOneAtATimeAndKeepThePapersDraws() {
    SequentialMonteCarlo smc = new SequentialMonteCarlo(5, 299);
    int units = 25;
    for (long family = 0; family < 20; family++) {
      double[][] observed = new double[units][];
      for (int u = 0; u < units; u++) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(family, u));
        // Some units far in the tail (run to the budget), some unremarkable (stop early).
        observed[u] = new double[] {r.nextDouble() * (u % 3 == 0 ? 0.01 : 1), r.nextDouble()};
      }
      SequentialRounds rounds =
          new SequentialRounds(smc, 19, observed, LOWER, MonteCarloPValue.Tail.UPPER);
      int guard = 0;
      for (int[] b = rounds.nextBlocks(); !rounds.done(); b = rounds.nextBlocks()) {
        assertTrue(++guard < 100, "rounds must end");
        for (int u = 0; u < units; u++) {
          for (int k = 0; k < b[u]; k++) {
            int i = rounds.drawn(u);
            long seed = Seeds.mix(family, u, 1000);
            rounds.add(u, uniforms(seed).applyAsDouble(i), uniforms(~seed).applyAsDouble(i));
          }
        }
      }
      for (int u = 0; u < units; u++) {
        long seed = Seeds.mix(family, u, 1000);
        SequentialMonteCarlo.Outcome a = smc.test(observed[u][0], LOWER, uniforms(seed));
        SequentialMonteCarlo.Outcome b =
            smc.test(observed[u][1], MonteCarloPValue.Tail.UPPER, uniforms(~seed));
        assertEquals(a, rounds.outcome(u, 0));
        assertEquals(b, rounds.outcome(u, 1));
        int kept = Math.max(19, Math.max(a.draws(), b.draws()));
        assertEquals(kept, rounds.kept(u));
        assertEquals(kept, rounds.values(u, 0).length);
        assertEquals(uniforms(seed).applyAsDouble(kept - 1), rounds.values(u, 0)[kept - 1]);
        assertTrue(rounds.drawn(u) >= kept);
      }
    }
    // The fixed test is decided in one round of its n draws.
    SequentialRounds fixed =
        new SequentialRounds(SequentialMonteCarlo.fixed(19), 19, new double[][] {{0.5}}, LOWER);
    assertEquals(19, fixed.nextBlocks()[0]);
    assertThrows(IllegalStateException.class, () -> fixed.outcome(0, 0));
  }
}
