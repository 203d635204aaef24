package org.locspec.kernel.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A named logger whose records go where {@link KernelLogging} says. */
final class KernelLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  KernelLogger(String name) {
    this.name = name;
  }

  private static boolean enabled(Level level) {
    return KernelLogging.cellLevel().shows(level) || KernelLogging.kernelLogLevel().shows(level);
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String message, Object[] args, Throwable thrown) {
    StringBuilder line =
        new StringBuilder()
            .append('[')
            .append(level)
            .append("] ")
            .append(name)
            .append(": ")
            .append(MessageFormatter.basicArrayFormat(message, args));
    if (thrown != null) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
    }
    String text = line.toString();
    if (KernelLogging.kernelLogLevel().shows(level)) {
      write(KernelLogging.kernelLog(), text);
    }
    if (KernelLogging.cellLevel().shows(level) && System.err != KernelLogging.kernelLog()) {
      write(System.err, text); // the running cell's standard error
    }
  }

  private static void write(PrintStream stream, String text) {
    stream.println(text);
    stream.flush();
  }
}
