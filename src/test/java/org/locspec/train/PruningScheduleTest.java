package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PruningScheduleTest {
  @Test
  void paperScheduleFollowsTfmotPolynomialDecay() {
    PruningSchedule p = PruningSchedule.paper();
    assertEquals(new PruningSchedule(0.5, 0.9, 20, 3, 10), p);
    long end = 469L * 20; // Fashion-MNIST, batch 128, 20 epochs
    assertEquals(0.5, p.sparsityAt(0, end), 1e-12);
    assertEquals(0.9, p.sparsityAt(end, end), 1e-12);
    assertEquals(0.9, p.sparsityAt(end + 50, end), 1e-12);
    // halfway: 0.9 - 0.4 * 0.5^3 = 0.85
    assertEquals(0.85, p.sparsityAt(end / 2, end), 1e-12);
    assertTrue(p.updatesAt(0, end));
    assertTrue(p.updatesAt(9370, end));
    assertFalse(p.updatesAt(9371, end));
    assertTrue(p.updatesAt(9380, end));
    assertFalse(p.updatesAt(9390, end));
    // the last update in the 9380 steps (0 … 9379), step 9370, is within 1e-8 of the final sparsity
    assertEquals(0.9, p.sparsityAt(9370, end), 1e-8);
    // TFMOT's default frequency (100) is available
    assertTrue(p.withFrequency(PruningSchedule.DEFAULT_FREQUENCY).updatesAt(9300, end));
    assertEquals(
        "magnitude pruning 20 epochs, sparsity 0.5 → 0.9 (power 3.0, every 10 steps)",
        p.toString());
  }

  @Test
  void magnitudeMaskKeepsTheLargestWeights() {
    float[] w = {0.1f, -0.5f, 0.3f, -0.05f, 0.9f, 0f, -0.2f, 0.4f, 0.01f, -0.7f};
    float[] mask = Pruning.magnitudeMask(w, 0.7);
    assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 1}, mask);
    assertEquals(10, sum(Pruning.magnitudeMask(w, 0.0)));
    assertEquals(1, sum(Pruning.magnitudeMask(w, 0.99)));
  }

  static int sum(float[] a) {
    int s = 0;
    for (float v : a) {
      s += (int) v;
    }
    return s;
  }

  @Test
  void validationNamesParameterValueAndConstraint() {
    assertEquals(
        "initialSparsity must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule(1, 1, 2, 3, 1))
            .getMessage());
    assertEquals(
        "finalSparsity must be in [initialSparsity, 1) = [0.5, 1), got 0.4",
        assertThrows(
                IllegalArgumentException.class,
                () -> PruningSchedule.paper().withSparsity(0.5, 0.4))
            .getMessage());
    assertEquals(
        "pruning epochs must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> PruningSchedule.paper().withEpochs(0))
            .getMessage());
    assertEquals(
        "frequency must be >= 1 step, got 0",
        assertThrows(IllegalArgumentException.class, () -> PruningSchedule.paper().withFrequency(0))
            .getMessage());
    assertEquals(
        "power must be a finite number >= 1, got 0.5",
        assertThrows(IllegalArgumentException.class, () -> new PruningSchedule(0.5, 0.9, 2, 0.5, 1))
            .getMessage());
  }

  @Test
  void trainingConfigCarriesTheSchedule() {
    TrainingConfig c = TrainingConfig.paper().withPruning(PruningSchedule.paper());
    assertTrue(c.prunes());
    assertEquals(40, c.totalEpochs());
    assertEquals(PruningSchedule.paper(), c.withSeed(3).withEpochs(2).withL1(1e-5).pruning());
    assertFalse(c.withoutPruning().prunes());
    assertEquals(TrainingConfig.paper(), c.withoutPruning());
    assertEquals(
        "Adam lr 0.001, batch 128, 20 epochs, seed 0; then magnitude pruning 20 epochs, sparsity"
            + " 0.5 → 0.9 (power 3.0, every 10 steps)",
        c.toString());
    assertEquals(
        "schedule must not be null; use withoutPruning() to train without pruning",
        assertThrows(IllegalArgumentException.class, () -> c.withPruning(null)).getMessage());
  }
}
