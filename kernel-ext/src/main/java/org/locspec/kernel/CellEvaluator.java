package org.locspec.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
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
import org.locspec.kernel.magic.SessionVariable;

/**
 * Evaluates cells with an in-process JShell: splits a cell into snippets, runs them in order, and
 * turns JShell's events into a value or an exception that says what went wrong and where.
 *
 * <p>Every use of JShell happens on one {@link JShellThread} with a large stack, whoever calls. A
 * failed snippet never poisons later ones: a snippet that does not compile is dropped (as jshell's
 * {@code /drop} would) and JShell's pooled compiler is replaced, because javac keeps the state of a
 * failed class generation (after "constant string too long", every later snippet fails with "UTF8
 * representation ... too long for the constant pool"). An {@link Error} of the compiler itself (a
 * {@link StackOverflowError} on a very deeply nested expression, ...) becomes a {@link
 * CompilerFailureException}, with the same clean-up.
 */
final class CellEvaluator implements AutoCloseable {
  private final JShellThread thread = new JShellThread();
  private final JShell shell;
  private final CellExecutionControl control;
  private final SourceCodeAnalysis analysis;
  private final SnippetLocations locations;

  /** Where each snippet came from, by snippet id. */
  private final Map<String, Where> origins = new ConcurrentHashMap<>();

  private final Path emptyClassPathEntry;

  /** How long a completion waits for JShell's class path index. */
  static final long INDEX_WAIT_MILLIS = 20_000;

  private static final String INDEX_PROBE = "java.util.conc";

  private volatile boolean indexReady;

  /** How many evaluations are in progress (nested ones come from magics that run code). */
  private volatile int depth;

  private volatile boolean interruptRequested;

  /**
   * Starts JShell (on the JShell thread).
   *
   * @param cellContext wraps the code of each snippet run before it starts on its own thread;
   *     {@code UnaryOperator.identity()} for none
   */
  CellEvaluator(UnaryOperator<Runnable> cellContext) {
    CellExecutionControl.Provider provider = new CellExecutionControl.Provider(cellContext);
    this.shell =
        thread.call(
            () ->
                JShell.builder()
                    .out(System.out)
                    .err(System.err)
                    .in(System.in)
                    .executionEngine(provider, Map.of())
                    .compilerOptions("-proc:none")
                    .build());
    this.control = provider.control();
    this.analysis = shell.sourceCodeAnalysis();
    this.locations = new SnippetLocations();
    try {
      this.emptyClassPathEntry = Files.createTempDirectory("locspec-jshell-");
      emptyClassPathEntry.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for JShell", e);
    }
  }

  /**
   * Adds imports to the session.
   *
   * @param imports e.g. "java.util.*"
   * @throws IllegalStateException if one does not compile
   */
  void importAll(List<String> imports) {
    thread.call(
        () -> {
          for (String i : imports) {
            for (SnippetEvent e : shell.eval("import " + i + ";")) {
              if (!e.status().isDefined()) {
                throw new IllegalStateException("default import " + i + " does not compile");
              }
            }
          }
          return null;
        });
  }

  /**
   * Describes a stack frame of cell code, e.g. "cell [3] line 5"; null for other frames.
   *
   * @param frame a frame of any thread
   * @return where the frame's code is in the notebook, or null
   */
  String locate(StackTraceElement frame) {
    return locations.describe(frame);
  }

  /**
   * Evaluates a cell.
   *
   * @param code the cell's code (magics already translated to Java)
   * @param cellLabel a label for stack traces, e.g. "cell [3]"
   * @param firstLine the cell line the code starts on (1 for a whole cell)
   * @return the value of the last snippet if it is an expression, else null
   * @throws CompilerFailureException if the compiler itself failed on the code
   */
  Object eval(String code, String cellLabel, int firstLine) {
    return thread.call(
        () -> {
          Set<String> before = snippetIds();
          if (depth++ == 0) {
            interruptRequested = false;
          }
          try {
            return evalHere(code, cellLabel, firstLine);
          } catch (Error e) { // javac or JShell failed; errors of cell code arrive as events
            dropNewSnippets(before);
            resetCompiler();
            throw new CompilerFailureException(e);
          } finally {
            depth--;
          }
        });
  }

  private Object evalHere(String code, String cellLabel, int firstLine) {
    Object last = null;
    String rest = code;
    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
    while (info.completeness().isComplete()) {
      if (interruptRequested) { // between two snippets: the rest of the cell does not run
        throw new CellInterruptedException(null);
      }
      int restStart = code.length() - rest.length();
      int start = locate(info.source(), code, restStart);
      int line = firstLine + (start < 0 ? 0 : SnippetLocations.lineOf(code, start) - 1);
      last = evalSnippet(info.source(), new Where(code, start, cellLabel, line));
      rest = info.remaining();
      info = analysis.analyzeCompletion(rest);
    }
    if (info.completeness() != Completeness.EMPTY) {
      throw new IncompleteCellException(info.remaining().strip());
    }
    return last;
  }

  /**
   * Where a snippet is.
   *
   * @param cell the code it came from
   * @param start its position in that code, or -1 if unknown
   * @param label the cell's label
   * @param line the cell line it starts on
   */
  private record Where(String cell, int start, String label, int line) {}

  private Object evalSnippet(String source, Where where) {
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
    recordLocations(events, where);
    Object value = null;
    try {
      for (SnippetEvent event : events) {
        if (event.causeSnippet() == null) { // not an update of an older snippet
          value = outcome(event, where);
        }
      }
    } finally {
      control.clearValues();
    }
    return value;
  }

  /**
   * Maps the classes of the snippets just compiled to cell lines; updated older snippets keep the
   * cell they came from.
   */
  private void recordLocations(List<SnippetEvent> events, Where where) {
    for (SnippetEvent event : events) {
      Snippet snippet = event.snippet();
      Where origin = event.causeSnippet() == null ? where : origins.get(snippet.id());
      if (origin == null || !event.status().isDefined()) {
        continue;
      }
      origins.put(snippet.id(), origin);
      try {
        locations.record(analysis.wrapper(snippet), origin.label(), origin.line());
      } catch (RuntimeException e) {
        // JShell has no wrapper for this snippet: its frames keep their class names
      }
    }
  }

  /** The value of a snippet's event, or the exception that says why it failed. */
  private Object outcome(SnippetEvent event, Where where) {
    Snippet snippet = event.snippet();
    if (event.exception() != null) {
      throw runtimeFailure(event.exception());
    }
    if (!event.status().isDefined()) {
      CellCompilationException failure =
          CompileReport.of(shell, snippet, where.cell(), where.start());
      if (shell.diagnostics(snippet).anyMatch(Diag::isError)) {
        shell.drop(snippet); // a snippet with errors is not kept for later (jshell's /drop)
        resetCompiler();
      }
      throw failure;
    }
    if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
        && snippet instanceof DeclarationSnippet decl) {
      String missing = shell.unresolvedDependencies(decl).collect(Collectors.joining(", "));
      if (!missing.isEmpty()) {
        System.err.println(
            "note: "
                + CompileReport.describe(decl)
                + " is declared but cannot be used until "
                + missing
                + " is declared");
      }
    }
    return isValueKind(snippet.subKind()) ? control.takeValue(event.value()) : null;
  }

  private static boolean isValueKind(Snippet.SubKind kind) {
    return kind == Snippet.SubKind.VAR_VALUE_SUBKIND
        || kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
        || kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
  }

  private Set<String> snippetIds() {
    return shell.snippets().map(Snippet::id).collect(Collectors.toCollection(HashSet::new));
  }

  private void dropNewSnippets(Set<String> before) {
    for (Snippet s : shell.snippets().toList()) {
      if (!before.contains(s.id()) && shell.status(s) != Snippet.Status.VALID) {
        shell.drop(s);
      }
    }
  }

  /**
   * Replaces JShell's pooled javac contexts (adding a class path entry makes JShell create a new
   * pool), so that nothing a failed compilation left behind reaches the next snippet.
   */
  private void resetCompiler() {
    shell.addToClasspath(emptyClassPathEntry.toString());
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

  private RuntimeException runtimeFailure(JShellException e) {
    Throwable thrown = control.takeThrown();
    if (e instanceof UnresolvedReferenceException ure) {
      DeclarationSnippet decl = ure.getSnippet();
      String missing = shell.unresolvedDependencies(decl).collect(Collectors.joining(", "));
      return new IllegalStateException(
          CompileReport.describe(decl)
              + " cannot be used until "
              + missing
              + " is declared; declare it first");
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

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /**
   * Whether the code is ready to run: {@code "complete"}, {@code "invalid"}, {@code "unknown"} (the
   * analysis failed), or the indent to continue an unfinished statement with.
   */
  String isComplete(String code) {
    return quietly(() -> isCompleteHere(code), "unknown");
  }

  private String isCompleteHere(String code) {
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
    return open > 0 ? lead + CompileReport.INDENT : lead;
  }

  /**
   * Completion candidates at {@code cursor}, from the snippet the cursor is in; {@code anchor[0]}
   * gets where the replacement starts. While JShell still indexes the class path (the first seconds
   * after start), an empty answer is retried until the index is ready, for up to {@value
   * #INDEX_WAIT_MILLIS} ms. Empty if the analysis fails.
   */
  List<String> complete(String code, int cursor, int[] anchor) {
    int start = snippetStart(code, cursor);
    String snippet = code.substring(start, cursor);
    List<String> options = completeHere(snippet, anchor);
    long deadline = System.currentTimeMillis() + INDEX_WAIT_MILLIS;
    while (options.isEmpty() && !indexReady() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      options = completeHere(snippet, anchor);
    }
    anchor[0] += start;
    return options;
  }

  private List<String> completeHere(String code, int[] anchor) {
    List<SourceCodeAnalysis.Suggestion> suggestions =
        quietly(() -> analysis.completionSuggestions(code, code.length(), anchor), List.of());
    return suggestions.stream()
        .sorted(Comparator.comparing(s -> s.matchesType() ? 0 : 1))
        .map(SourceCodeAnalysis.Suggestion::continuation)
        .distinct()
        .toList();
  }

  /**
   * Whether JShell has indexed the class path (it does so in the background after start; until then
   * package names do not complete). Asking also starts the indexing.
   */
  boolean indexReady() {
    if (!indexReady) {
      indexReady = !completeHere(INDEX_PROBE, new int[1]).isEmpty();
    }
    return indexReady;
  }

  /**
   * Where the snippet that the cursor is in starts (cells hold several snippets; JShell analyses
   * one at a time).
   *
   * @param code the cell's code (magic lines blanked)
   * @param cursor a position in it
   * @return the start of the cursor's snippet, 0 for the first
   */
  int snippetStart(String code, int cursor) {
    String prefix = code.substring(0, Math.min(Math.max(cursor, 0), code.length()));
    return quietly(
        () -> {
          int start = 0;
          String rest = prefix;
          SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
          while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            start += rest.length() - info.remaining().length();
            rest = info.remaining();
            info = analysis.analyzeCompletion(rest);
          }
          return start;
        },
        0);
  }

  /** Documentation (signature and Javadoc) of the symbol at {@code cursor}; empty on failure. */
  List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
    return quietly(() -> analysis.documentation(code, cursor, true), List.of());
  }

  /**
   * Canonical names a simple class name ending at {@code cursor} may stand for (not imported);
   * waits, like {@link #complete}, for JShell's class path index.
   */
  List<String> qualifiedNames(String code, int cursor) {
    long deadline = System.currentTimeMillis() + INDEX_WAIT_MILLIS;
    while (!indexReady() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return quietly(() -> analysis.listQualifiedNames(code, cursor).getNames(), List.of());
  }

  /** The type of the expression ending at {@code cursor}, or null. */
  String typeOf(String code, int cursor) {
    return quietly(() -> analysis.analyzeType(code, cursor), null);
  }

  /**
   * The session's variables (not JShell's temporary {@code $n} ones), in declaration order.
   *
   * @return name, declared type and current value of each valid variable
   */
  List<SessionVariable> variables() {
    return thread.call(
        () ->
            shell
                .variables()
                .filter(v -> shell.status(v) == Snippet.Status.VALID && !v.name().startsWith("$"))
                .map(v -> new SessionVariable(v.name(), v.typeName(), valueOf(v)))
                .toList());
  }

  private Object valueOf(VarSnippet v) {
    try {
      return control.staticValue(analysis.wrapper(v).fullClassName(), v.name());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return "(unreadable: " + e + ")";
    }
  }

  /**
   * Adds a jar or class folder to the class path of cells and of their compiler.
   *
   * @param entry an existing jar or directory
   */
  void addToClasspath(Path entry) {
    thread.call(
        () -> {
          shell.addToClasspath(entry.toString());
          return null;
        });
  }

  /** Runs a JShell analysis; any failure (javac's stack overflow included) gives the fallback. */
  private <T> T quietly(Callable<T> task, T fallback) {
    try {
      return thread.call(task);
    } catch (RuntimeException | Error e) {
      return fallback;
    }
  }

  /**
   * Interrupts the cell being evaluated, if any (from any thread; JShell is not involved): its
   * running snippet is interrupted and its later snippets do not run. An interrupt while no cell is
   * evaluated has no effect on later cells.
   */
  void interrupt() {
    if (depth > 0) {
      interruptRequested = true;
    }
    control.interruptRunning();
  }

  @Override
  public void close() {
    control.interruptRunning();
    thread.call(
        () -> {
          shell.close();
          return null;
        });
    thread.close();
  }
}
