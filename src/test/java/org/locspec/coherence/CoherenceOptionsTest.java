package org.locspec.coherence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.locspec.cluster.RandomUnitSets;
import org.locspec.stats.SequentialMonteCarlo;

class CoherenceOptionsTest {
  @Test
  void paperSettings() {
    CoherenceOptions o = CoherenceOptions.paper();
    assertEquals(10, o.topK());
    assertEquals(19, o.randomSets());
    assertEquals(64, o.steps());
    assertEquals(0.05, o.learningRate());
    assertEquals(Parametrization.FOURIER, o.parametrization());
    assertEquals(7, o.withSeed(7).seed());
    assertEquals(3, o.withJitter(3).jitter());
    assertEquals(RandomUnitSets.Mode.PERMUTE_LABELS, o.drawMode());
    assertEquals(0.05, o.fdr());
    assertEquals(
        new RandomUnitSets(RandomUnitSets.Mode.UNIFORM, 7),
        o.withDrawMode(RandomUnitSets.Mode.UNIFORM).withSeed(7).unitSets());
    CoherenceOptions built = o.toBuilder().optTopK(5).optFdr(0.1).build();
    assertEquals(o.withTopK(5).withFdr(0.1), built);
    assertEquals(o, built.toBuilder().optTopK(10).optFdr(0.05).build());
    // The papers' fixed test with their 19 draws; LocSpec's default is the sequential test.
    assertEquals(SequentialMonteCarlo.fixed(19), o.test());
    assertEquals(SequentialMonteCarlo.fixed(49), o.withRandomSets(49).test());
    CoherenceOptions d = CoherenceOptions.defaults();
    assertEquals(SequentialMonteCarlo.defaults(), d.test());
    assertEquals(19, d.randomSets());
    assertEquals(o, d.withSequential(null));
    assertEquals(d, o.toBuilder().optSequential(SequentialMonteCarlo.defaults()).build());
  }

  @Test
  void invalidValuesNameFieldValueAndConstraint() {
    CoherenceOptions o = CoherenceOptions.paper();
    assertEquals(
        "topK must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> o.withTopK(0)).getMessage());
    assertEquals(
        "randomSets must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> o.withRandomSets(0)).getMessage());
    assertEquals(
        "learningRate must be a positive finite number, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> o.withLearningRate(-1)).getMessage());
    assertEquals(
        "jitter must be >= 0, got -2",
        assertThrows(IllegalArgumentException.class, () -> o.withJitter(-2)).getMessage());
    assertEquals(
        "batch must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> o.withBatch(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> o.withRegularization(-1, 0));
    assertEquals(
        "fdr must be in (0, 1), got 1.0 (paper: 0.05)",
        assertThrows(IllegalArgumentException.class, () -> o.withFdr(1)).getMessage());
  }
}
