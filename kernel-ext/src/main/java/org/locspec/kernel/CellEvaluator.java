package org.locspec.kernel;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates cells with an in-process JShell: splits a cell into snippets, runs them in order, and
 * turns JShell's events into a value or an exception that says what went wrong and where.
 */
final class CellEvaluator implements AutoCloseable {
  private static final String INDENT = "    ";

  private final JShell shell;
  private final CellExecutionControl control;
  private final SourceCodeAnalysis analysis;

  /** Snippet id to where the snippet came from. */
  private final Map<String, Origin> origins = new ConcurrentHashMap<>();

  /**
   * Where a snippet came from, for stack traces.
   *
   * @param cell the cell's label, e.g. "cell [3]"
   * @param firstLine the cell line (1-based) where the snippet starts
   */
  record Origin(String cell, int firstLine) {}

  CellEvaluator(PrintStream out, PrintStream err, InputStream in) {
    CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
    this.shell =
        JShell.builder()
            .out(out)
            .err(err)
            .in(in)
            .executionEngine(provider, Map.of())
            .compilerOptions("-proc:none")
            .build();
    this.control = provider.control();
    this.analysis = shell.sourceCodeAnalysis();
  }

  /**
   * Adds imports to the session.
   *
   * @param imports e.g. "java.util.*"
   * @throws IllegalStateException if one does not compile
   */
  void importAll(List<String> imports) {
    for (String i : imports) {
      for (SnippetEvent e : shell.eval("import " + i + ";")) {
        if (!e.status().isDefined()) {
          throw new IllegalStateException("default import " + i + " does not compile");
        }
      }
    }
  }

  /** The JShell this evaluator drives. */
  JShell shell() {
    return shell;
  }

  /** Where the snippet with this id came from, or null. */
  Origin origin(String snippetId) {
    return origins.get(snippetId);
  }

  /**
   * Evaluates a cell.
   *
   * @param code the cell's code (magics already translated to Java)
   * @param cellLabel a label for stack traces, e.g. "cell [3]"
   * @return the value of the last snippet if it is an expression, else null
   */
  Object eval(String code, String cellLabel) {
    Object last = null;
    String rest = code;
    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
    while (info.completeness().isComplete()) {
      int restStart = code.length() - rest.length();
      last = evalSnippet(info.source(), code, restStart, cellLabel);
      rest = info.remaining();
      info = analysis.analyzeCompletion(rest);
    }
    if (info.completeness() != Completeness.EMPTY) {
      throw new IncompleteCellException(info.remaining().strip());
    }
    return last;
  }

  private Object evalSnippet(String source, String cell, int restStart, String cellLabel) {
    int start = locate(source, cell, restStart);
    control.declaring(
        analysis.sourceToSnippets(source).stream()
            .filter(s -> s instanceof VarSnippet)
            .map(s -> ((VarSnippet) s).name())
            .collect(Collectors.toSet()));
    List<SnippetEvent> events;
    try {
      events = shell.eval(source);
    } finally {
      control.declaring(Set.of());
      control.takeResetWarnings().forEach(System.err::println);
    }
    Object value = null;
    try {
      for (SnippetEvent event : events) {
        if (event.causeSnippet() != null) {
          continue; // an update of an older snippet caused by this one
        }
        Snippet snippet = event.snippet();
        origins.put(snippet.id(), new Origin(cellLabel, start < 0 ? 1 : lineOf(cell, start)));
        if (event.exception() != null) {
          throw runtimeFailure(event.exception());
        }
        if (!event.status().isDefined()) {
          throw compileFailure(snippet, cell, start);
        }
        if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
            && snippet instanceof DeclarationSnippet decl) {
          String missing = shell.unresolvedDependencies(decl).collect(Collectors.joining(", "));
          if (!missing.isEmpty()) {
            System.err.println(
                "note: "
                    + describe(decl)
                    + " is declared but cannot be used until "
                    + missing
                    + " is declared");
          }
        }
        if (isValueKind(snippet.subKind())) {
          value = control.takeValue(event.value());
        }
      }
    } finally {
      control.clearValues();
    }
    return value;
  }

  private static boolean isValueKind(Snippet.SubKind kind) {
    return kind == Snippet.SubKind.VAR_VALUE_SUBKIND
        || kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
        || kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
  }

  /** The position in the cell where the snippet's source starts, or -1. */
  private static int locate(String source, String cell, int from) {
    String probe = source.strip();
    int at = cell.indexOf(probe, from);
    if (at < 0 && probe.endsWith(";")) {
      at = cell.indexOf(probe.substring(0, probe.length() - 1), from);
    }
    return at;
  }

  private static int lineOf(String text, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private RuntimeException runtimeFailure(JShellException e) {
    Throwable thrown = control.takeThrown();
    if (e instanceof UnresolvedReferenceException ure) {
      DeclarationSnippet decl = ure.getSnippet();
      String missing = shell.unresolvedDependencies(decl).collect(Collectors.joining(", "));
      return new IllegalStateException(
          describe(decl) + " cannot be used until " + missing + " is declared; declare it first");
    }
    if (thrown != null) {
      relabelSnippetFrames(thrown, e, control);
    }
    if (thrown instanceof CellInterruptedException cie) {
      return cie;
    }
    if (thrown instanceof RuntimeException re) {
      return re;
    }
    if (thrown instanceof Exception checked) {
      return CellEvaluator.<RuntimeException>sneaky(checked);
    }
    if (thrown != null) {
      return new CellErrorException(thrown);
    }
    String name =
        e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
    return new IllegalStateException(name + ": " + e.getMessage(), e);
  }

  /**
   * Gives the frames of snippet classes in {@code thrown} (and its causes) the file name and line
   * JShell computed for them in {@code translated}: file "#id" (the snippet id), line within the
   * snippet's source. A class whose recompilation only moved its lines still runs with the old line
   * numbers, which JShell translates with the new ones; {@code control} knows the shift.
   */
  private static void relabelSnippetFrames(
      Throwable thrown, Throwable translated, CellExecutionControl control) {
    for (int depth = 0; thrown != null && translated != null && depth < 20; depth++) {
      StackTraceElement[] real = thrown.getStackTrace();
      StackTraceElement[] jshell = translated.getStackTrace();
      // JShell's copy keeps the top frames (it drops those below the snippet), in order.
      if (jshell.length <= real.length) {
        StackTraceElement[] out = real.clone();
        boolean changed = false;
        for (int i = 0; i < jshell.length; i++) {
          String file = jshell[i].getFileName();
          if (real[i].getClassName().startsWith("REPL.") && file != null && file.startsWith("#")) {
            int line = jshell[i].getLineNumber();
            out[i] =
                new StackTraceElement(
                    real[i].getClassName(),
                    real[i].getMethodName(),
                    file,
                    line > 0 ? line + control.lineShift(real[i].getClassName()) : line);
            changed = true;
          } else if (!real[i].getMethodName().equals(jshell[i].getMethodName())) {
            changed = false; // not the same stack; leave it alone
            break;
          }
        }
        if (changed) {
          thrown.setStackTrace(out);
        }
      }
      if (thrown.getCause() == thrown) {
        break;
      }
      thrown = thrown.getCause();
      translated = translated.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private static String describe(DeclarationSnippet decl) {
    String kind =
        switch (decl.kind()) {
          case METHOD -> "method";
          case VAR -> "variable";
          case TYPE_DECL -> "type";
          default -> decl.kind().name().toLowerCase();
        };
    return kind + " " + decl.name();
  }

  private CellCompilationException compileFailure(Snippet snippet, String cell, int start) {
    List<String> report = new ArrayList<>();
    List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
    String source = snippet.source();
    for (Diag d : diags) {
      long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
      String text = start >= 0 ? cell : source;
      int at = pos < 0 ? -1 : (int) pos + (start >= 0 ? start : 0);
      if (at >= text.length()) {
        at = text.length() - 1;
      }
      if (at >= 0) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = text.indexOf('\n', at);
        String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < at; i++) {
          caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        report.add(
            "compile error at "
                + (start >= 0 ? "line " + lineOf(text, at) : "snippet")
                + ", column "
                + (at - lineStart + 1)
                + ":");
        report.add(INDENT + line);
        report.add(INDENT + caret + "^");
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
      report.add("the snippet was rejected by the compiler: " + source.strip());
    }
    return new CellCompilationException(report);
  }

  /**
   * Whether the code is ready to run: {@code "complete"}, {@code "invalid"}, or the indent to
   * continue an unfinished statement with.
   */
  String isComplete(String code) {
    String rest = code;
    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
    while (info.completeness().isComplete() && info.completeness() != Completeness.UNKNOWN) {
      rest = info.remaining();
      info = analysis.analyzeCompletion(rest);
    }
    return switch (info.completeness()) {
      case UNKNOWN -> "invalid";
      case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> "complete";
      case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE -> indentFor(rest);
    };
  }

  /** The indent for the next line: the last line's indent, one level more per open bracket. */
  private static String indentFor(String partial) {
    String[] lines = partial.split("\\R", -1);
    String last = lines[lines.length - 1];
    String lead = last.substring(0, last.length() - last.stripLeading().length());
    int open = 0;
    for (char c : last.toCharArray()) {
      if (c == '{' || c == '(' || c == '[') {
        open++;
      } else if ((c == '}' || c == ')' || c == ']') && open > 0) {
        open--;
      }
    }
    return open > 0 ? lead + INDENT : lead;
  }

  /**
   * Completion candidates at {@code cursor}; {@code anchor[0]} gets where the replacement starts.
   */
  List<String> complete(String code, int cursor, int[] anchor) {
    List<SourceCodeAnalysis.Suggestion> suggestions =
        analysis.completionSuggestions(code, cursor, anchor);
    return suggestions.stream()
        .sorted(Comparator.comparing(s -> s.matchesType() ? 0 : 1))
        .map(SourceCodeAnalysis.Suggestion::continuation)
        .distinct()
        .toList();
  }

  /** Documentation (signature and Javadoc) of the symbol at {@code cursor}. */
  List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
    return analysis.documentation(code, cursor, true);
  }

  /** Interrupts the cell now running. */
  void interrupt() {
    shell.stop();
  }

  @Override
  public void close() {
    shell.close();
  }
}
