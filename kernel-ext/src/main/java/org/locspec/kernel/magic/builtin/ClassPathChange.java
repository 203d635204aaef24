package org.locspec.kernel.magic.builtin;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code %jars} or {@code %classpath} did.
 *
 * @param added the entries this call added
 * @param sessionEntries every entry added to the session so far
 */
public record ClassPathChange(List<Path> added, List<Path> sessionEntries) {
  /** Copies the lists. */
  public ClassPathChange {
    added = List.copyOf(added);
    sessionEntries = List.copyOf(sessionEntries);
  }

  /** One line: what was added. */
  @Override
  public String toString() {
    return "added to the class path: "
        + added.stream().map(Path::toString).collect(Collectors.joining(", "))
        + " ("
        + sessionEntries.size()
        + " entries added in this session)";
  }
}
