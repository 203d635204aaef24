package org.locspec.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DiscoveriesTest {
  @Test
  void fewestRejectableIsWhatBenjaminiHochbergNeeds() {
    // k tests at the smallest attainable p, the rest at 1: BH rejects iff k >= fewestRejectable.
    for (double pMin : new double[] {0.05, 0.001, 1.0 / 200, 0.1}) {
      for (int m = 1; m <= 60; m++) {
        int fewest = new Discoveries(m, 0, 0.05, pMin, 0).fewestRejectable();
        for (int k = 1; k <= m; k++) {
          double[] p = new double[m];
          Arrays.fill(p, 1);
          Arrays.fill(p, 0, k, pMin);
          boolean rejects = BenjaminiHochberg.countRejected(p, 0.05) > 0;
          assertEquals(k >= fewest, rejects, "m " + m + ", k " + k + ", pMin " + pMin);
        }
      }
    }
  }

  @Test
  void aZeroIsNoneFoundOnlyWhenOneTestCouldHaveBeenRejected() {
    Discoveries papers = new Discoveries(30, 0, 0.05, 0.05, 570);
    assertEquals(30, papers.fewestRejectable());
    assertTrue(papers.limitedByDraws());
    assertEquals("cannot be found with these draws", papers.verdict());
    assertEquals(
        "0 of 30 sub-clusters important after Benjamini–Hochberg at q = 0.05 (smallest"
            + " attainable p 0.05; 570 draws): cannot be found with these draws — BH rejects only"
            + " if at least 30 of the 30 reach p = 0.05, so the 0 is not evidence that none is"
            + " important",
        papers.sentence("sub-clusters", "important"));
    Discoveries sequential = new Discoveries(40, 0, 0.05, 0.001, 2100);
    assertFalse(sequential.limitedByDraws());
    assertEquals("none found", sequential.verdict());
    assertTrue(
        sequential
            .sentence("sub-clusters", "important")
            .endsWith(": none found — BH could have rejected a single one with p ≤ 0.00125"));
    assertEquals(1, new Discoveries(50, 0, 0.05, 0.001, 0).fewestRejectable());
    assertEquals(2, new Discoveries(51, 0, 0.05, 0.001, 0).fewestRejectable());
    Discoveries found = new Discoveries(40, 3, 0.05, 0.001, 5000);
    assertEquals("3 found", found.verdict());
    assertEquals(
        "3 of 40 sub-clusters coherent after Benjamini–Hochberg at q = 0.05 (smallest attainable"
            + " p 0.001; 5000 draws)",
        found.sentence("sub-clusters", "coherent"));
    Discoveries never = new Discoveries(4, 0, 0.05, 0.1, 36);
    assertEquals(8, never.fewestRejectable());
    assertTrue(never.sentence("sets", "odd").contains("p < 0.1, which these draws cannot give"));
    assertThrows(IllegalArgumentException.class, () -> new Discoveries(3, 4, 0.05, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Discoveries(3, 0, 0.05, 0, 0));
  }
}
