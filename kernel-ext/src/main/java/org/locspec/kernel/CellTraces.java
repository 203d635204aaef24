package org.locspec.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Formats exceptions for the notebook: the exception and its causes with the frames of cell code
 * (as "cell [3] line 5") and library code, without the kernel's and reflection's frames, and at
 * most {@value #MAX_FRAMES} frames per exception.
 */
final class CellTraces {
  static final String RED = "\u001b[1;31m";
  static final String RESET = "\u001b[0m";
  private static final int MAX_FRAMES = 40;
  private static final int MAX_CAUSES = 3;

  private final Function<StackTraceElement, String> locate;

  /**
   * Creates a formatter.
   *
   * @param locate describes a frame of cell code ("cell [3] line 5"), null for other frames
   */
  CellTraces(Function<StackTraceElement, String> locate) {
    this.locate = locate;
  }

  /**
   * The lines of an exception's report.
   *
   * @param t the exception
   * @param headline the first line's text before the exception, e.g. "" or "Exception in thread
   *     \"worker\" "
   * @return the lines, without line breaks
   */
  List<String> format(Throwable t, String headline) {
    List<String> lines = new ArrayList<>();
    append(lines, t, headline, null, 0);
    return lines;
  }

  private void append(
      List<String> lines, Throwable t, String prefix, StackTraceElement[] enclosing, int depth) {
    lines.add(
        prefix
            + RED
            + t.getClass().getName()
            + RESET
            + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    StackTraceElement[] frames = t.getStackTrace();
    int end = end(frames, enclosing);
    int shown = 0;
    for (int i = 0; i < end; i++) {
      StackTraceElement f = frames[i];
      if (f.getClassName().startsWith("jdk.internal.reflect")
          || f.getClassName().startsWith("java.lang.reflect.Method")) {
        continue;
      }
      if (++shown > MAX_FRAMES) {
        lines.add("\t... " + (end - i) + " more");
        break;
      }
      lines.add("\tat " + frame(f));
    }
    Throwable cause = t.getCause();
    if (cause != null && cause != t && depth < MAX_CAUSES) {
      append(lines, cause, "Caused by: ", frames, depth + 1);
    }
  }

  /**
   * How many frames to show: up to the last cell frame, else without the frames shared with the
   * enclosing trace, else up to the kernel's own frames.
   */
  private int end(StackTraceElement[] frames, StackTraceElement[] enclosing) {
    int lastCell = -1;
    for (int i = 0; i < frames.length; i++) {
      if (frames[i].getClassName().startsWith("REPL.")) {
        lastCell = i;
      }
    }
    if (lastCell >= 0) {
      return lastCell + 1;
    }
    if (enclosing != null) {
      int common = 0;
      while (common < Math.min(frames.length, enclosing.length)
          && frames[frames.length - 1 - common].equals(enclosing[enclosing.length - 1 - common])) {
        common++;
      }
      return frames.length - common;
    }
    for (int i = 0; i < frames.length; i++) {
      String c = frames[i].getClassName();
      if (c.startsWith("org.locspec.kernel.CellExecutionControl")
          || c.startsWith("jdk.internal.reflect")) {
        return i;
      }
    }
    return frames.length;
  }

  private String frame(StackTraceElement f) {
    String where = locate.apply(f);
    if (where == null) {
      return f.toString();
    }
    String method = f.getMethodName();
    boolean snippetBody = method.startsWith("do_it$") || method.startsWith("lambda$do_it$");
    String name = f.getClassName().replaceFirst("^REPL\\.\\$JShell\\$[0-9A-Z_]+\\$?", "");
    String qualified = name.isEmpty() ? method : name + "." + method;
    return (snippetBody ? "" : qualified + ", ") + where;
  }
}
