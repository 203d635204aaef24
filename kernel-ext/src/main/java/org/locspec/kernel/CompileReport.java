package org.locspec.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Turns JShell's diagnostics for a rejected snippet into a {@link CellCompilationException} that
 * names the cell line and column, shows the line with a caret and gives the compiler's message.
 */
final class CompileReport {
  static final String INDENT = "    ";

  private CompileReport() {}

  /**
   * The report for a snippet that did not compile.
   *
   * @param shell the session (for diagnostics and unresolved dependencies)
   * @param snippet the rejected snippet
   * @param cell the cell's code
   * @param start where the snippet starts in the cell, or -1 if unknown
   * @return the exception to throw
   */
  static CellCompilationException of(JShell shell, Snippet snippet, String cell, int start) {
    List<String> report = new ArrayList<>();
    List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
    String source = snippet.source();
    for (Diag d : diags) {
      long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
      String text = start >= 0 ? cell : source;
      int at = pos < 0 ? -1 : (int) pos + Math.max(start, 0);
      at = Math.min(at, text.length() - 1);
      if (at >= 0) {
        addCaretLines(report, text, at, start >= 0);
      } else {
        report.add("compile error:");
        source.lines().forEach(l -> report.add(INDENT + l));
      }
      d.getMessage(null).lines().forEach(report::add);
    }
    if (diags.isEmpty() && snippet instanceof DeclarationSnippet decl) {
      String missing = shell.unresolvedDependencies(decl).collect(Collectors.joining(", "));
      report.add(describe(decl) + " cannot be defined until " + missing + " is declared:");
      source.lines().forEach(l -> report.add(INDENT + l));
    }
    if (report.isEmpty()) {
      report.add("the snippet was rejected by the compiler: " + abbreviate(source.strip()));
    }
    return new CellCompilationException(report);
  }

  private static void addCaretLines(List<String> report, String text, int at, boolean inCell) {
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    int lineEnd = text.indexOf('\n', at);
    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    StringBuilder caret = new StringBuilder();
    for (int i = lineStart; i < at; i++) {
      caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
    }
    report.add(
        "compile error at "
            + (inCell ? "line " + SnippetLocations.lineOf(text, at) : "snippet")
            + ", column "
            + (at - lineStart + 1)
            + ":");
    if (line.length() > 200) { // a 70 KB literal must not fill the notebook
      int from = Math.max(0, at - lineStart - 60);
      String lead = from > 0 ? "..." : "";
      report.add(INDENT + lead + line.substring(from, Math.min(line.length(), from + 120)) + "...");
      report.add(INDENT + " ".repeat(lead.length() + at - lineStart - from) + "^");
    } else {
      report.add(INDENT + line);
      report.add(INDENT + caret + "^");
    }
  }

  /** A short description of a declaration, e.g. "method boom". */
  static String describe(DeclarationSnippet decl) {
    String kind =
        switch (decl.kind()) {
          case METHOD -> "method";
          case VAR -> "variable";
          case TYPE_DECL -> "type";
          default -> decl.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
    return kind + " " + decl.name();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
