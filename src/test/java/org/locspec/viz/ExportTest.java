package org.locspec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ExportTest {
  static Table table() {
    return Table.create(
        "t",
        StringColumn.create("name", "a", "b"),
        DoubleColumn.create("p", 0.000123456789, Double.NaN));
  }

  static XYChart chart() {
    XYChart c = new XYChartBuilder().width(300).height(200).title("n-cut").build();
    c.addSeries("true", new double[] {1, 2}, new double[] {3, 4});
    return c;
  }

  @Test
  void tablesBecomeCsvAtFullPrecision(@TempDir Path dir) throws Exception {
    Path f = Export.csv(table(), dir.resolve("sub/t.csv"));
    List<String> lines = Files.readAllLines(f);
    assertEquals("name,p", lines.get(0));
    assertEquals("a,1.23456789E-4", lines.get(1));
    assertEquals("b,", lines.get(2), "a missing value is an empty cell");
    Tabular result =
        new Tabular() {
          @Override
          public Table toTable() {
            return table();
          }
        };
    assertEquals(List.of(dir.resolve("result.csv")), Export.write(dir, "result", result));
    assertEquals(
        "rw-r--r--",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
        "readable by all, as report files are");
    Path empty = Export.csv(Table.create("a message, no columns"), dir.resolve("empty.csv"));
    assertEquals(0, Files.size(empty), "a table without columns is an empty file");
  }

  @Test
  void chartsBecomePngAndSvgAndImagesPng(@TempDir Path dir) throws Exception {
    List<Path> files = Export.write(dir, "ncut histogram", chart());
    assertEquals(
        List.of(dir.resolve("ncut-histogram.png"), dir.resolve("ncut-histogram.svg")), files);
    BufferedImage png = ImageIO.read(files.get(0).toFile());
    assertEquals(300, png.getWidth());
    assertTrue(Files.readString(files.get(1)).contains("<svg"), "an SVG drawing");
    BufferedImage grid =
        ImageGrid.builder(1, 2, 2).add(new float[] {0, 1, 1, 0}, "x").build().toImage();
    Path p = Export.write(dir, "grid", grid).get(0);
    assertEquals(grid.getWidth(), ImageIO.read(p.toFile()).getWidth());
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(x -> x.toString().endsWith(".tmp")), "no temporary files left");
    }
  }

  @Test
  void badInputSaysWhatIsWrong(@TempDir Path dir) throws Exception {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Export.write(dir, "x", 42));
    assertTrue(e.getMessage().startsWith("cannot export java.lang.Integer as x"), e.getMessage());
    assertEquals(
        "'///' has no letters or digits to name a file with",
        assertThrows(IllegalArgumentException.class, () -> Export.fileName("///")).getMessage());
    assertEquals("importance-of-mlp-weights", Export.fileName(" importance of mlp / weights "));
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    UncheckedIOException u =
        assertThrows(UncheckedIOException.class, () -> Export.csv(table(), file.resolve("t.csv")));
    assertTrue(u.getMessage().startsWith("cannot write " + file.resolve("t.csv")), u.getMessage());
  }
}
