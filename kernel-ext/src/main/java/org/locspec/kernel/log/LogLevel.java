package org.locspec.kernel.log;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.event.Level;

/** How much of the library log to show: a threshold, from everything (TRACE) to nothing (OFF). */
public enum LogLevel {
  /** Every record. */
  TRACE(Level.TRACE),
  /** Debug records and above. */
  DEBUG(Level.DEBUG),
  /** Informational records and above. */
  INFO(Level.INFO),
  /** Warnings and errors. */
  WARN(Level.WARN),
  /** Errors only. */
  ERROR(Level.ERROR),
  /** Nothing. */
  OFF(null);

  private final Level slf4j;

  LogLevel(Level slf4j) {
    this.slf4j = slf4j;
  }

  /**
   * Whether a record of this SLF4J level passes this threshold.
   *
   * @param level the record's level
   * @return true if the record is shown
   */
  public boolean shows(Level level) {
    return slf4j != null && level.toInt() >= slf4j.toInt();
  }

  /**
   * Parses a threshold name, in any case.
   *
   * @param name e.g. "info" or "OFF"
   * @return the threshold
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LogLevel parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "log level must be one of "
              + Arrays.stream(values())
                  .map(v -> v.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + "; got '"
              + name
              + "'");
    }
  }
}
