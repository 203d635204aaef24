package org.locspec.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Writes results to files for reports: tables as CSV (Tablesaw's writer, numbers at full
 * precision), charts as PNG and SVG (XChart's encoders) and images (e.g. {@link ImageGrid}s) as
 * PNG. Every file is written to a temporary file beside it and then renamed, so a failed export
 * never leaves a half-written file.
 *
 * <pre>{@code
 * Export.csv(importance.toTable(), Path.of("out/importance.csv"));
 * Export.write(Path.of("out"), "importance-vs-size", importance.importanceVsSize());
 * }</pre>
 */
public final class Export {
  private Export() {}

  /** Writes one file's bytes to an output stream. */
  @FunctionalInterface
  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes a table as CSV with a header row; a table without columns gives an empty file.
   *
   * @param table the table
   * @param file the CSV file (its folder is created)
   * @return the file
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public static Path csv(Table table, Path file) {
    Objects.requireNonNull(table, "table must not be null");
    return atomically(
        file,
        out -> {
          if (table.columnCount() > 0) {
            table.write().csv(out);
          }
        });
  }

  /**
   * Writes a text file (UTF-8).
   *
   * @param text the text
   * @param file the file (its folder is created)
   * @return the file
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public static Path text(String text, Path file) {
    Objects.requireNonNull(text, "text must not be null");
    return atomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a chart as a PNG image.
   *
   * @param chart an XChart chart
   * @param file the PNG file (its folder is created)
   * @return the file
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public static Path png(Chart<?, ?> chart, Path file) {
    Objects.requireNonNull(chart, "chart must not be null");
    return atomically(
        file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /**
   * Writes a chart as an SVG drawing.
   *
   * @param chart an XChart chart
   * @param file the SVG file (its folder is created)
   * @return the file
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public static Path svg(Chart<?, ?> chart, Path file) {
    Objects.requireNonNull(chart, "chart must not be null");
    return atomically(
        file,
        out ->
            VectorGraphicsEncoder.saveVectorGraphic(
                chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
  }

  /**
   * Writes an image as PNG.
   *
   * @param image the image, e.g. {@code ImageGrid.toImage()}
   * @param file the PNG file (its folder is created)
   * @return the file
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public static Path png(BufferedImage image, Path file) {
    Objects.requireNonNull(image, "image must not be null");
    return atomically(
        file,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer for image type " + image.getType());
          }
        });
  }

  /**
   * Writes a value in the formats that suit it: a {@link Table} or {@link Tabular} result as {@code
   * name.csv}, a chart as {@code name.png} and {@code name.svg}, an image or {@link ImageGrid} as
   * {@code name.png}.
   *
   * @param dir the folder (created if needed)
   * @param name the file name without extension; characters other than letters, digits, '-', '_'
   *     and '.' become '-'
   * @param value what to write
   * @return the files written
   * @throws IllegalArgumentException for a value of another type
   * @throws UncheckedIOException naming the file that cannot be written
   */
  public static List<Path> write(Path dir, String name, Object value) {
    Objects.requireNonNull(dir, "dir must not be null");
    String base = fileName(name);
    List<Path> files = new ArrayList<>();
    if (value instanceof Table t) {
      files.add(csv(t, dir.resolve(base + ".csv")));
    } else if (value instanceof Tabular r) {
      files.add(csv(r.toTable(), dir.resolve(base + ".csv")));
    } else if (value instanceof Chart<?, ?> c) {
      files.add(png(c, dir.resolve(base + ".png")));
      files.add(svg(c, dir.resolve(base + ".svg")));
    } else if (value instanceof BufferedImage image) {
      files.add(png(image, dir.resolve(base + ".png")));
    } else if (value instanceof ImageGrid grid) {
      files.add(png(grid.toImage(), dir.resolve(base + ".png")));
    } else {
      throw new IllegalArgumentException(
          "cannot export "
              + (value == null ? "null" : value.getClass().getName())
              + " as "
              + name
              + "; export a Table, a LocSpec result (Tabular), an XChart chart or an image");
    }
    return files;
  }

  /**
   * A name made safe for a file name.
   *
   * @param name any text, e.g. "importance of mlp / weights"
   * @return e.g. "importance-of-mlp-weights" (case kept)
   * @throws IllegalArgumentException if nothing of the name is left
   */
  public static String fileName(String name) {
    Objects.requireNonNull(name, "name must not be null");
    String safe =
        name.strip()
            .replaceAll("[^A-Za-z0-9._-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^[-.]+|-+$", "");
    if (safe.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + name + "' has no letters or digits to name a file with");
    }
    return safe;
  }

  /**
   * Gives a file the usual rw-r--r-- (a temporary file is the owner's only) where POSIX applies.
   */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system's defaults apply
    }
  }

  private static Path atomically(Path file, Writer writer) {
    Objects.requireNonNull(file, "file must not be null");
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          writer.write(out);
        }
        readableByAll(tmp);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    return target;
  }
}
