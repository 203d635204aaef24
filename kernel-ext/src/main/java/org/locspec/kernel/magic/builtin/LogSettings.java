package org.locspec.kernel.magic.builtin;

import java.util.Locale;
import org.locspec.kernel.log.LogLevel;

/**
 * Where library log records go.
 *
 * @param cell records at this level and above appear in cell output
 * @param kernelLog records at this level and above go to the kernel's log
 */
public record LogSettings(LogLevel cell, LogLevel kernelLog) {
  /** One line saying where log records go. */
  @Override
  public String toString() {
    return "library log in cell output: "
        + describe(cell)
        + "; in the kernel's log: "
        + describe(kernelLog);
  }

  private static String describe(LogLevel level) {
    return level == LogLevel.OFF ? "off" : level.name().toLowerCase(Locale.ROOT) + " and above";
  }
}
