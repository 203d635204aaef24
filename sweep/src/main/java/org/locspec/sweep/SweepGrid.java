package org.locspec.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locspec.data.Datasets;
import org.locspec.data.Split;
import org.locspec.zoo.ZooGrid;

/**
 * Reads a sweep's grid with the zoo's own parser ({@link ZooGrid#parse}) and checks, before any
 * task starts, that every data set it names can be read here. Errors name the source (file or
 * {@code --block}), the line and what is wrong: the valid values for an unknown regime,
 * architecture or data set, the missing file and how to fetch it for a data set that is not there.
 */
public final class SweepGrid {
  private SweepGrid() {}

  /**
   * Reads and checks a grid file.
   *
   * @param file the grid file: one block per line ({@link ZooGrid.Block#parse}), an optional line
   *     {@code epochs=N pruning-epochs=M}, {@code #} comments
   * @return the grid
   * @throws IllegalArgumentException naming the file, the line and the problem
   */
  public static ZooGrid read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("grid file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read grid file " + file + ": " + e.getMessage(), e);
    }
    return check("grid file " + file, lines);
  }

  /**
   * Parses and checks grid lines.
   *
   * @param source where the lines come from, for messages (e.g. "grid file g.txt")
   * @param lines the lines
   * @return the grid
   * @throws IllegalArgumentException naming the source, the line and the problem
   */
  public static ZooGrid check(String source, List<String> lines) {
    ZooGrid grid;
    try {
      grid = ZooGrid.parse(lines);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ", " + e.getMessage(), e);
    }
    Set<String> checked = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()
          || line.startsWith("#")
          || line.startsWith("epochs=")
          || line.startsWith("pruning-epochs=")) {
        continue;
      }
      for (String d : ZooGrid.Block.parse(line).datasets()) {
        if (checked.add(d)) {
          readable(source, i + 1, d);
        }
      }
    }
    return grid;
  }

  private static void readable(String source, int line, String dataset) {
    try {
      for (Split split : List.of(Split.TRAIN, Split.TEST)) {
        SweepWork.data(dataset, split, 0);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          source
              + ", grid line "
              + line
              + ": data set '"
              + dataset
              + "' cannot be read from "
              + Datasets.dataDir()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
