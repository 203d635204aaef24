package org.locspec.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis.SnippetWrapper;

/**
 * Where the classes JShell compiles for snippets come from: a stack frame in {@code
 * REPL.$JShell$12} (or a lambda or class nested in it) becomes "cell [3] line 5".
 *
 * <p>JShell wraps each snippet in a class of its own; line numbers in that class are lines of the
 * wrapper's source. When a snippet is compiled, its wrapper's lines are mapped to cell lines once;
 * frames of any thread (the cell's, or a background thread it started) can then be described, also
 * after the cell ended. Thread-safe.
 */
final class SnippetLocations {
  /** A top-level wrapper class: "REPL.$JShell$12", with letters for replacements ("$12B"). */
  private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$[0-9A-Z_]+");

  private final Map<String, Lines> classes = new ConcurrentHashMap<>();

  /**
   * Where a snippet's wrapper lines are in a cell.
   *
   * @param cell the cell's label, e.g. "cell [3]"
   * @param cellLines cell line of each wrapper line (index = wrapper line), 0 outside the snippet
   */
  private record Lines(String cell, int[] cellLines) {}

  /**
   * Records a compiled snippet.
   *
   * @param wrapper the snippet's wrapper (from {@code SourceCodeAnalysis.wrapper})
   * @param cell the cell's label
   * @param firstLine the cell line where the snippet's source starts
   */
  void record(SnippetWrapper wrapper, String cell, int firstLine) {
    String wrapped = wrapper.wrapped();
    String source = wrapper.source();
    int[] lines = new int[(int) wrapped.lines().count() + 2];
    int lead = -1; // the source's first line with code: the snippet starts on the cell's firstLine
    int lineStart = 0;
    for (int sourceLine = 1; lineStart <= source.length(); sourceLine++) {
      int end = source.indexOf('\n', lineStart);
      int lineEnd = end < 0 ? source.length() : end;
      int code = lineStart;
      while (code < lineEnd && Character.isWhitespace(source.charAt(code))) {
        code++;
      }
      if (code < lineEnd) {
        lead = lead < 0 ? sourceLine : lead;
        int wrappedLine = lineOf(wrapped, wrapper.sourceToWrappedPosition(code));
        if (wrappedLine < lines.length && lines[wrappedLine] == 0) {
          lines[wrappedLine] = firstLine + sourceLine - lead;
        }
      }
      if (end < 0) {
        break;
      }
      lineStart = end + 1;
    }
    fillGaps(lines);
    // The first record of a class matches its bytecode: a later recompilation that only moved
    // lines leaves the loaded class (and its line numbers) as it was.
    classes.putIfAbsent(wrapper.fullClassName(), new Lines(cell, lines));
  }

  /**
   * Gives wrapper lines without snippet code the cell line of the next snippet line (javac puts a
   * statement's line where the wrapper starts it, e.g. {@code return $1 =} above the expression),
   * and lines after the snippet its last line.
   */
  private static void fillGaps(int[] lines) {
    int next = 0;
    for (int i = lines.length - 1; i >= 1; i--) {
      if (lines[i] == 0) {
        lines[i] = next;
      } else {
        next = lines[i];
      }
    }
    int last = 0;
    for (int i = 1; i < lines.length; i++) {
      if (lines[i] == 0) {
        lines[i] = last;
      } else {
        last = lines[i];
      }
    }
  }

  /**
   * Describes a stack frame of snippet code.
   *
   * @param frame any frame
   * @return e.g. "cell [3] line 5" ("cell [3]" without a known line), or null for a frame that is
   *     not in a recorded snippet
   */
  String describe(StackTraceElement frame) {
    Matcher m = WRAPPER.matcher(frame.getClassName());
    if (!m.lookingAt()) {
      return null;
    }
    String wrapperClass = m.group();
    Lines lines = classes.get(wrapperClass);
    if (lines == null) {
      return null;
    }
    int line = frame.getLineNumber();
    int cellLine = line > 0 && line < lines.cellLines().length ? lines.cellLines()[line] : 0;
    return cellLine > 0 ? lines.cell() + " line " + cellLine : lines.cell();
  }

  /** The 1-based line of a position in a text. */
  static int lineOf(String text, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
