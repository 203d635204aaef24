package org.locspec.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the magics of a cell. A magic is a {@code %} that starts a statement line outside string
 * literals, text blocks and comments: {@code %name args} alone on its line, or after an assignment
 * ({@code var d = %dataset mnist}); {@code %%name args} on the cell's first line makes the whole
 * cell a cell magic. A {@code %} anywhere else is Java (the remainder operator, a format string, a
 * text block line, ...).
 *
 * <p>"Starts a statement" means: at the top level of the cell (not inside braces, parentheses or
 * brackets) and after nothing but the end of a previous statement ({@code ;}, a block's {@code }})
 * or the cell's start, so a line such as {@code % 2} continuing an expression stays Java.
 */
public final class MagicScanner {
  private static final Pattern CELL_MAGIC =
      Pattern.compile("\\A(?:[ \\t]*\\R)*[ \\t]*%%([A-Za-z_][\\w-]*)([^\\n]*)(?:\\n|\\z)");
  private static final Pattern LINE_MAGIC =
      Pattern.compile(
          "(?<assign>[ \\t]*(?:(?:[\\w$.<>\\[\\]?,]+[ \\t]+)*[A-Za-z_$][\\w$]*[ \\t]*=(?!=)[ \\t]*)?)"
              + "%(?<name>[A-Za-z_][\\w-]*)(?<args>[ \\t][^\\n]*)?\\r?");

  private enum State {
    CODE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    STRING,
    CHAR,
    TEXT_BLOCK
  }

  private final String cell;
  private final List<CellPart> parts = new ArrayList<>();
  private State state = State.CODE;
  private int depth;
  private boolean statementStart = true;
  private int line = 1;
  private int javaStart;
  private int javaLine = 1;

  private MagicScanner(String cell) {
    this.cell = cell;
  }

  /**
   * Splits a cell into Java code and magic calls.
   *
   * @param cell the cell's text
   * @return the pieces in order; joined they give the cell's lines back
   * @throws IllegalArgumentException if a magic's arguments have an unclosed quote
   */
  public static List<CellPart> scan(String cell) {
    Matcher m = CELL_MAGIC.matcher(cell);
    if (m.lookingAt()) {
      int line = 1 + (int) cell.substring(0, m.start(1)).chars().filter(c -> c == '\n').count();
      String body = cell.substring(m.end());
      return List.of(new CellPart.Magic(MagicCall.cell(m.group(1), m.group(2), body), "", line));
    }
    MagicScanner s = new MagicScanner(cell);
    s.run();
    return List.copyOf(s.parts);
  }

  private void run() {
    int n = cell.length();
    int i = 0;
    while (i < n) {
      if ((i == 0 || cell.charAt(i - 1) == '\n')
          && state == State.CODE
          && depth == 0
          && statementStart
          && magicLineAt(i)) {
        i = lineEnd(i);
        continue;
      }
      i = step(i);
    }
    if (javaStart < n) {
      parts.add(new CellPart.Java(cell.substring(javaStart), javaLine));
    }
  }

  private int lineEnd(int from) {
    int end = cell.indexOf('\n', from);
    return end < 0 ? cell.length() : end;
  }

  /** Records the magic on the line starting at {@code start}, if there is one. */
  private boolean magicLineAt(int start) {
    int end = lineEnd(start);
    Matcher m = LINE_MAGIC.matcher(cell).region(start, end);
    if (!m.matches()) {
      return false;
    }
    if (start > javaStart) {
      parts.add(new CellPart.Java(cell.substring(javaStart, start), javaLine));
    }
    String args = m.group("args") == null ? "" : m.group("args");
    parts.add(new CellPart.Magic(MagicCall.line(m.group("name"), args), m.group("assign"), line));
    javaStart = end; // the line break after the magic starts the next piece
    javaLine = line;
    return true;
  }

  /** Consumes one token start at {@code i} and returns where scanning goes on. */
  private int step(int i) {
    char c = cell.charAt(i);
    int next = i + 1;
    switch (state) {
      case CODE -> next = code(i, c);
      case LINE_COMMENT -> state = c == '\n' ? State.CODE : State.LINE_COMMENT;
      case BLOCK_COMMENT -> {
        if (cell.startsWith("*/", i)) {
          state = State.CODE;
          next = i + 2;
        }
      }
      case STRING, CHAR -> {
        char close = state == State.STRING ? '"' : '\'';
        if (c == '\\') {
          next = i + 2;
        } else if (c == close
            || c == '\n') { // an unclosed literal ends at the line (javac says so)
          state = State.CODE;
        }
      }
      case TEXT_BLOCK -> {
        if (c == '\\') {
          next = i + 2;
        } else if (cell.startsWith("\"\"\"", i)) {
          state = State.CODE;
          next = i + 3;
        }
      }
    }
    next = Math.min(next, cell.length());
    for (int k = i; k < next; k++) {
      if (cell.charAt(k) == '\n') {
        line++;
      }
    }
    return next;
  }

  private int code(int i, char c) {
    if (cell.startsWith("//", i)) {
      state = State.LINE_COMMENT;
      return i + 2;
    }
    if (cell.startsWith("/*", i)) {
      state = State.BLOCK_COMMENT;
      return i + 2;
    }
    if (cell.startsWith("\"\"\"", i)) {
      state = State.TEXT_BLOCK;
      statementStart = false;
      return i + 3;
    }
    if (c == '"' || c == '\'') {
      state = c == '"' ? State.STRING : State.CHAR;
      statementStart = false;
      return i + 1;
    }
    if (c == '{' || c == '(' || c == '[') {
      depth++;
    } else if (c == '}' || c == ')' || c == ']') {
      depth = Math.max(0, depth - 1);
    }
    if (c == ';' || c == '{' || c == '}') {
      statementStart = depth == 0;
    } else if (!Character.isWhitespace(c)) {
      statementStart = false;
    }
    return i + 1;
  }
}
