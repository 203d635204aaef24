package org.locspec.kernel.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class KernelLoggingTest {
  private final ByteArrayOutputStream kernelLog = new ByteArrayOutputStream();
  private final ByteArrayOutputStream cell = new ByteArrayOutputStream();
  private PrintStream savedErr;
  private Logger logger;

  @BeforeEach
  void setUp() {
    savedErr = System.err;
    KernelLogging.kernelLog(new PrintStream(kernelLog, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(cell, true, StandardCharsets.UTF_8)); // stands for a cell
    logger = new KernelLogProvider().getLoggerFactory().getLogger("smile.math.matrix.ARPACK");
  }

  @AfterEach
  void tearDown() {
    System.setErr(savedErr);
    KernelLogging.kernelLog(savedErr);
    KernelLogging.cellLevel(LogLevel.OFF);
    KernelLogging.kernelLogLevel(LogLevel.WARN);
  }

  private String cellText() {
    return cell.toString(StandardCharsets.UTF_8);
  }

  private String logText() {
    return kernelLog.toString(StandardCharsets.UTF_8);
  }

  @Test
  void byDefaultWarningsGoToTheKernelLogAndNothingToCells() {
    logger.info("ARPACK computed {} eigenvalues", 12);
    logger.warn("Failed to detect GPU count");
    assertEquals("", cellText());
    assertFalse(logText().contains("ARPACK computed"));
    assertTrue(logText().contains("[WARN] smile.math.matrix.ARPACK: Failed to detect GPU count"));
    assertFalse(logger.isDebugEnabled());
  }

  @Test
  void cellsShowWhatTheUserAsksFor() {
    KernelLogging.cellLevel(LogLevel.INFO);
    logger.info("ARPACK computed {} eigenvalues", 12);
    logger.debug("hidden");
    assertEquals("[INFO] smile.math.matrix.ARPACK: ARPACK computed 12 eigenvalues\n", cellText());
    assertFalse(logText().contains("ARPACK computed"), "the kernel log keeps its own level");
  }

  @Test
  void levelsParseInAnyCaseAndBadOnesAreNamed() {
    assertEquals(LogLevel.DEBUG, LogLevel.parse(" Debug "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("loud"));
    assertTrue(e.getMessage().contains("one of trace, debug, info, warn, error, off; got 'loud'"));
    assertFalse(LogLevel.OFF.shows(org.slf4j.event.Level.ERROR));
  }
}
