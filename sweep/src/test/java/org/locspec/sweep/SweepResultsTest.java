package org.locspec.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.stats.MonteCarloPValue;

/** The results table does not depend on the order units finish in; unit files are reused by key. */
class SweepResultsTest {
  @TempDir Path dir;

  private static final ModelCell PLAIN = new ModelCell("fashion-mnist", "mlp", "plain", 0);
  private static final ModelCell L1 = new ModelCell("fashion-mnist", "mlp", "l1", 1);

  private static SweepRow row(ModelCell c, String analysis, String layer, int cluster, double v) {
    return new SweepRow(
        c.dataset(),
        c.architecture(),
        c.regime(),
        c.seed(),
        0.8,
        analysis,
        "m",
        layer,
        cluster,
        3,
        v,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        false,
        4,
        -1,
        "o",
        "d",
        100,
        10);
  }

  private static List<UnitResult> units(ModelCell c, double ncut) {
    List<UnitResult> out = new ArrayList<>();
    out.add(
        new UnitResult(
            AnalysisUnit.of(c, AnalysisUnit.Kind.NCUT),
            "k",
            List.of(row(c, "clusterability", SweepRow.NETWORK, -1, ncut)),
            new double[0],
            1));
    out.add(
        new UnitResult(
            new AnalysisUnit(c, AnalysisUnit.Kind.SHUFFLES, 0, 2),
            "k",
            List.of(),
            new double[] {9.0, 9.5},
            1));
    out.add(
        new UnitResult(
            new AnalysisUnit(c, AnalysisUnit.Kind.SHUFFLES, 2, 4),
            "k",
            List.of(),
            new double[] {8.5, 10.0},
            1));
    out.add(
        new UnitResult(
            AnalysisUnit.of(c, AnalysisUnit.Kind.IMPORTANCE),
            "k",
            List.of(
                row(c, "importance", "dense2", 1, 0.5),
                row(c, "importance", "dense1", 7, 0.4),
                row(c, "importance", SweepRow.NETWORK, -1, 0.9)),
            new double[0],
            1));
    return out;
  }

  @Test
  void tableIsTheSameInAnyOrderOfUnits() {
    List<UnitResult> all = new ArrayList<>(units(PLAIN, 9.2));
    all.addAll(units(L1, 8.0));
    String expected = SweepResults.assemble(all, "v").toTable().write().toString("csv");
    Random random = new Random(3);
    for (int i = 0; i < 5; i++) {
      Collections.shuffle(all, random);
      assertEquals(expected, SweepResults.assemble(all, "v").toTable().write().toString("csv"));
    }
    List<SweepRow> rows = SweepResults.assemble(all, "v").rows();
    // plain before l1 (the regimes' order), clusterability first, sub-clusters before the network
    assertEquals("plain", rows.get(0).regime());
    assertEquals("clusterability", rows.get(0).analysis());
    assertEquals(
        List.of("dense1", "dense2", SweepRow.NETWORK),
        rows.subList(1, 4).stream().map(SweepRow::layer).toList());
    SweepRow c = rows.get(0);
    double[] shuffled = {9.0, 9.5, 8.5, 10.0};
    assertEquals(9.25, c.randomMean(), 1e-12);
    assertEquals(MonteCarloPValue.percentile(9.2, shuffled), c.pValue(), 1e-12);
    assertEquals(MonteCarloPValue.zScore(9.2, shuffled), c.z(), 1e-12);
    assertEquals(SweepResults.COLUMNS, SweepResults.assemble(all, "v").toTable().columnNames());
  }

  @Test
  void missingShuffledBatchIsNamed() {
    List<UnitResult> some = new ArrayList<>(units(PLAIN, 9.2));
    some.remove(1);
    String m =
        assertThrows(IllegalStateException.class, () -> SweepResults.assemble(some, "v"))
            .getMessage();
    assertTrue(m.contains("shuffled samples from 0 are missing"), m);
  }

  @Test
  void storedUnitIsReusedOnlyWithTheSameKey() throws Exception {
    UnitResult r = units(PLAIN, 9.2).get(3);
    SweepFiles.write(dir, r);
    Path file = SweepFiles.cellFile(dir, r.unit());
    assertTrue(Files.isRegularFile(file));
    assertEquals(r.rows(), SweepFiles.read(dir, r.unit(), "k").rows());
    assertEquals(null, SweepFiles.read(dir, r.unit(), "other options"));
    Files.writeString(file, "{ not json");
    assertEquals(null, SweepFiles.read(dir, r.unit(), "k"), "a corrupt file is computed again");
    Files.writeString(file.resolveSibling(".importance.json123.tmp"), "half");
    SweepFiles.deleteStaleTemporaries(dir);
    try (var s = Files.list(file.getParent())) {
      assertEquals(List.of(file), s.toList());
    }
  }
}
