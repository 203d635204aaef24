package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {
  @Test
  void paperAndQuickSettings() {
    TrainingConfig p = TrainingConfig.paper();
    assertEquals(20, p.epochs());
    assertEquals(128, p.batchSize());
    assertEquals(1e-3, p.learningRate());
    assertEquals(0.0, p.l1());
    assertEquals(0.0, p.l2());
    assertEquals(3, TrainingConfig.quick().epochs());
    assertEquals(128, TrainingConfig.quick().batchSize());
    assertEquals("Adam lr 0.001, batch 128, 20 epochs, seed 0", p.toString());
  }

  @Test
  void withersChangeOneField() {
    TrainingConfig c =
        TrainingConfig.paper()
            .withEpochs(2)
            .withBatchSize(64)
            .withLearningRate(0.01)
            .withSeed(7)
            .withL1(TrainingConfig.PAPER_PENALTY)
            .withL2(1e-4);
    assertEquals(new TrainingConfig(2, 64, 0.01, 7, 5e-5, 1e-4), c);
    assertEquals("Adam lr 0.01, batch 64, 2 epochs, seed 7, L1 5.0E-5, L2 1.0E-4", c.toString());
  }

  @Test
  void validationNamesParameterValueAndConstraint() {
    TrainingConfig p = TrainingConfig.paper();
    assertEquals(
        "epochs must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> p.withEpochs(0)).getMessage());
    assertEquals(
        "batchSize must be >= 1, got -3",
        assertThrows(IllegalArgumentException.class, () -> p.withBatchSize(-3)).getMessage());
    assertEquals(
        "learningRate must be a finite number > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> p.withLearningRate(0)).getMessage());
    assertEquals(
        "learningRate must be a finite number > 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> p.withLearningRate(Double.NaN))
            .getMessage());
    assertEquals(
        "l1 must be a finite number >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> p.withL1(-1)).getMessage());
    assertEquals(
        "l2 must be a finite number >= 0, got Infinity",
        assertThrows(IllegalArgumentException.class, () -> p.withL2(Double.POSITIVE_INFINITY))
            .getMessage());
  }
}
