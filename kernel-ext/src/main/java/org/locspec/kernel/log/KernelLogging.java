package org.locspec.kernel.log;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where library log records go: to the kernel's log at {@link #kernelLogLevel()} and above (default
 * WARN), and into the running cell's standard error at {@link #cellLevel()} and above (default OFF;
 * the system property {@value #CELL_PROPERTY} or {@code %log LEVEL} changes it).
 */
public final class KernelLogging {
  /** System property with the initial cell threshold, e.g. {@code -Dlocspec.log=info}. */
  public static final String CELL_PROPERTY = "locspec.log";

  /** System property with the kernel log threshold, e.g. {@code -Dlocspec.log.kernel=info}. */
  public static final String KERNEL_PROPERTY = "locspec.log.kernel";

  private static volatile PrintStream kernelLog = System.err;
  private static volatile LogLevel cellLevel = fromProperty(CELL_PROPERTY, LogLevel.OFF);
  private static volatile LogLevel kernelLogLevel = fromProperty(KERNEL_PROPERTY, LogLevel.WARN);

  private KernelLogging() {}

  private static LogLevel fromProperty(String property, LogLevel fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LogLevel.parse(value);
    } catch (IllegalArgumentException e) {
      System.err.println("locspec: ignoring -D" + property + ": " + e.getMessage());
      return fallback;
    }
  }

  /**
   * Sets the kernel's log stream (the process's standard error before cells take it over).
   *
   * @param stream where kernel log lines go
   */
  public static void kernelLog(PrintStream stream) {
    kernelLog = Objects.requireNonNull(stream, "stream");
  }

  /** The kernel's log stream. */
  static PrintStream kernelLog() {
    return kernelLog;
  }

  /** Records at this level and above are shown in cell output. */
  public static LogLevel cellLevel() {
    return cellLevel;
  }

  /**
   * Shows library log records at a level and above in cell output (OFF hides them).
   *
   * @param level the threshold
   */
  public static void cellLevel(LogLevel level) {
    cellLevel = Objects.requireNonNull(level, "level");
  }

  /** Records at this level and above go to the kernel's log. */
  public static LogLevel kernelLogLevel() {
    return kernelLogLevel;
  }

  /**
   * Sets the kernel log threshold.
   *
   * @param level the threshold
   */
  public static void kernelLogLevel(LogLevel level) {
    kernelLogLevel = Objects.requireNonNull(level, "level");
  }
}
