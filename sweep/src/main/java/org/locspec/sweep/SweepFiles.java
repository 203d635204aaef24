package org.locspec.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.locspec.zoo.ModelZoo;
import org.locspec.zoo.ZooEntry;

/**
 * A sweep's output folder. Layout: {@code
 * cells/<dataset>/<architecture>/<regime>/seed<k>/<unit>.json} holds one analysis unit's result
 * ({@link UnitResult}, with the key it was computed from), {@value #RESULTS_CSV} and {@value
 * #RESULTS_PARQUET} the results table, {@value #TIMINGS_CSV} the wall time of every unit. Every
 * file is written to a temporary name beside it and renamed into place, so a killed task or driver
 * leaves whole files or none; a unit whose file exists with the same key is not run again.
 */
public final class SweepFiles {
  /** The results table as CSV. */
  public static final String RESULTS_CSV = "results.csv";

  /** The results table as a Parquet folder. */
  public static final String RESULTS_PARQUET = "results.parquet";

  /** The wall time of every unit, for estimates. */
  public static final String TIMINGS_CSV = "timings.csv";

  /** The folder of the units' results. */
  public static final String CELLS = "cells";

  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

  private SweepFiles() {}

  /**
   * Where a unit's result is stored.
   *
   * @param out the sweep's output folder
   * @param unit the unit
   * @return {@code <out>/cells/<dataset>/<architecture>/<regime>/seed<k>/<unit>.json}
   */
  public static Path cellFile(Path out, AnalysisUnit unit) {
    return unit.cell().dir(out.resolve(CELLS)).resolve(unit.id() + ".json");
  }

  /**
   * Stores a unit's result (temporary file, then rename).
   *
   * @param out the sweep's output folder
   * @param r the result
   */
  public static void write(Path out, UnitResult r) {
    writeAtomically(cellFile(out, r.unit()), toJson(r));
  }

  /**
   * A stored unit result computed from the given key, or null when there is none (or it was
   * computed from something else, or cannot be read: it is then computed again).
   *
   * @param out the sweep's output folder
   * @param unit the unit
   * @param key the key the result must have
   * @return the result or null
   */
  public static UnitResult read(Path out, AnalysisUnit unit, String key) {
    try {
      UnitResult r = fromJson(Files.readString(cellFile(out, unit), StandardCharsets.UTF_8));
      return r != null && r.unit().equals(unit) && key.equals(r.key()) ? r : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | JsonParseException | IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  /** A unit result as JSON (what tasks send to the driver and what a cell file holds). */
  static String toJson(UnitResult r) {
    return GSON.toJson(r);
  }

  /** A unit result from JSON. */
  static UnitResult fromJson(String json) {
    return GSON.fromJson(json, UnitResult.class);
  }

  /** A zoo entry as JSON. */
  static String toJson(ZooEntry e) {
    return GSON.toJson(e);
  }

  /** A zoo entry from JSON. */
  static ZooEntry entryFromJson(String json) {
    return GSON.fromJson(json, ZooEntry.class);
  }

  /**
   * Writes a text file whole: a temporary file beside it, then a rename ({@link
   * ModelZoo#writeText}).
   *
   * @param file the file
   * @param text its text
   */
  public static void writeAtomically(Path file, String text) {
    ModelZoo.writeText(file, text);
  }

  /**
   * A fresh temporary folder name beside a folder, for a writer that renames it into place with
   * {@link #replaceDir}.
   *
   * @param dir the folder to be written
   * @return {@code .<name>.tmp-<random>} beside it (not created)
   */
  public static Path tempDirBeside(Path dir) {
    Path abs = dir.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
  }

  /**
   * Puts a complete folder in place of another: the old one is renamed aside, the new one renamed
   * into place, then the old one deleted.
   *
   * @param complete the complete folder
   * @param dir where it goes
   */
  public static void replaceDir(Path complete, Path dir) {
    Path abs = dir.toAbsolutePath();
    Path old = abs.resolveSibling("." + abs.getFileName() + ".old-" + UUID.randomUUID());
    try {
      if (Files.exists(abs)) {
        Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(complete, abs, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put " + complete + " in place of " + abs, e);
    }
  }

  /**
   * Deletes a folder and everything in it, if it exists.
   *
   * @param dir the folder
   */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the temporary files that killed tasks left in the cells folder (hidden names ending in
   * {@code .tmp}); call it when no task of the sweep runs.
   *
   * @param out the sweep's output folder
   */
  public static void deleteStaleTemporaries(Path out) {
    Path cells = out.resolve(CELLS);
    if (!Files.isDirectory(cells)) {
      return;
    }
    try (Stream<Path> s = Files.walk(cells)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + cells + ": " + e.getMessage(), e);
    }
  }
}
