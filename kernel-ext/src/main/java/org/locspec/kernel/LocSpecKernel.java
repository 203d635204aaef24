package org.locspec.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.locspec.kernel.magic.MagicUsageException;
import org.locspec.kernel.render.Html;

/**
 * LocSpec's Jupyter kernel: Java cells evaluated by JShell in the kernel's own JVM.
 *
 * <p>Because cells run in process, a cell's value is the real object and is drawn by the kernel's
 * {@link Renderer} (tables as HTML, charts as PNG, ...), and every class on the kernel's class path
 * (LocSpec, Tablesaw, XChart, DJL, Smile) can be imported by cells. Magics ({@code %name args} on a
 * line, {@code %%name args} starting a cell) are translated into Java calls of {@link
 * MagicDispatch}; their value is the cell's value when they come last. Extensions on the class path
 * (such as {@link LocSpecExtension}) are installed by {@link #onStartup()}.
 *
 * <p>Start it against a Jupyter connection with {@link KernelMain}; tests create it with {@link
 * #create()} and call {@link #eval(String)} directly.
 */
public final class LocSpecKernel extends BaseKernel {
  /** The kernel's name as reported to Jupyter. */
  public static final String NAME = "LocSpec";

  private static final Pattern MAGIC_PREFIX = Pattern.compile("^\\s*(%{1,2})([\\w-]*)$");
  private static final String RED = "\u001b[1;31m";
  private static final String RESET = "\u001b[0m";

  /** Imports every cell starts with (compiling them also warms up the compiler). */
  public static final List<String> DEFAULT_IMPORTS =
      List.of("java.util.*", "java.util.stream.*", "java.io.*", "java.nio.file.*");

  private final CompletableFuture<CellEvaluator> evaluator;

  private LocSpecKernel(
      JupyterIO io, Renderer renderer, MagicsRegistry magics, boolean extensionsEnabled) {
    super(
        NAME,
        version(),
        new LanguageInfo.Builder("Java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("text/x-java")
            .build(),
        List.of(
            new HelpLink("LocSpec (local specialization)", "https://arxiv.org/abs/2110.08058"),
            new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/")),
        null,
        io,
        new CommManager(),
        renderer,
        new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicCallTranspiler()),
        magics,
        extensionsEnabled,
        new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_RESET_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_RESET_FG)
            .build());
    // JShell and its compiler take seconds to start: do it in the background so that the kernel
    // answers Jupyter at once; the first request that needs JShell waits for it.
    this.evaluator = new CompletableFuture<>();
    Thread boot =
        new Thread(
            () -> {
              try {
                CellEvaluator e = new CellEvaluator(System.out, System.err, System.in);
                e.importAll(DEFAULT_IMPORTS);
                evaluator.complete(e);
              } catch (Throwable t) {
                evaluator.completeExceptionally(t);
              }
            },
            "locspec-jshell-boot");
    boot.setDaemon(true);
    boot.start();
  }

  private CellEvaluator evaluator() {
    try {
      return evaluator.join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "JShell could not be started, so cells cannot run: "
              + e.getCause()
              + "; check the Java installation (the jdk.jshell module is needed)",
          e.getCause());
    }
  }

  /**
   * Creates a kernel that loads the extensions on its class path at {@link #onStartup()}.
   *
   * @return a new kernel, not yet started and not connected
   */
  public static LocSpecKernel create() {
    return create(true);
  }

  /**
   * Creates a kernel.
   *
   * @param extensionsEnabled whether {@link #onStartup()} installs the {@code Extension}s found on
   *     the class path
   * @return a new kernel, not yet started and not connected
   */
  public static LocSpecKernel create(boolean extensionsEnabled) {
    return new LocSpecKernel(
        new JupyterIO(StandardCharsets.UTF_8),
        new Renderer(),
        new MagicsRegistry(),
        extensionsEnabled);
  }

  /** LocSpec's version, from the build; "unknown" when run from unpackaged classes. */
  public static String version() {
    try (InputStream in = LocSpecKernel.class.getResourceAsStream("locspec-kernel.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  /** Whether an extension with this class name has been installed. */
  public boolean hasExtension(String className) {
    return extensions.containsKey(className);
  }

  @Override
  public Object evalRaw(String source) {
    String java = magicParser.resolveMagics(source);
    int count = Math.max(1, executionCount.get() - 1);
    return evaluator().eval(java, "cell [" + count + "]");
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    int cursor = Math.min(Math.max(at, 0), code.length());
    while (cursor < code.length() && Character.isJavaIdentifierPart(code.charAt(cursor))) {
      cursor++;
    }
    int next = cursor;
    while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
      next++;
    }
    if (next < code.length() && code.charAt(next) == '(') {
      cursor = next + 1;
    }
    List<SourceCodeAnalysis.Documentation> docs = evaluator().documentation(code, cursor);
    if (docs == null || docs.isEmpty()) {
      return null;
    }
    String text =
        docs.stream()
            .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
            .collect(Collectors.joining("\n\n"));
    DisplayData data = new DisplayData(text);
    data.putHTML(
        docs.stream()
            .map(
                d ->
                    "<pre><b>"
                        + Html.escape(d.signature())
                        + "</b>"
                        + (d.javadoc() == null ? "" : "\n" + Html.escape(d.javadoc()))
                        + "</pre>")
            .collect(Collectors.joining("\n")));
    return data;
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int cursor = Math.min(Math.max(at, 0), code.length());
    int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
    Matcher m = MAGIC_PREFIX.matcher(code.substring(lineStart, cursor));
    if (m.matches() && magicsRegistry != null) {
      String percent = m.group(1);
      String prefix = m.group(2);
      List<String> names =
          (percent.length() == 2
                  ? magicsRegistry.getCellMagicNames()
                  : magicsRegistry.getLineMagicNames())
              .stream().filter(n -> n.startsWith(prefix)).sorted().map(n -> percent + n).toList();
      if (!names.isEmpty()) {
        return new ReplacementOptions(names, cursor - percent.length() - prefix.length(), cursor);
      }
    }
    int[] anchor = {cursor};
    List<String> options = evaluator().complete(code, cursor, anchor);
    return new ReplacementOptions(options, anchor[0], cursor);
  }

  @Override
  public String isComplete(String code) {
    String java;
    try {
      java = magicParser.resolveMagics(code);
    } catch (RuntimeException e) {
      return IS_COMPLETE_BAD;
    }
    String answer = evaluator().isComplete(java);
    return switch (answer) {
      case "complete" -> IS_COMPLETE_YES;
      case "invalid" -> IS_COMPLETE_BAD;
      default -> answer;
    };
  }

  @Override
  public void interrupt() {
    if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
      evaluator.join().interrupt();
    }
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    try {
      super.onShutdown(isRestarting);
    } finally {
      if (!evaluator.isCompletedExceptionally()) {
        evaluator().close();
      }
    }
  }

  /**
   * The class loader extensions are looked up in: the kernel's own. (Cell classes are loaded by a
   * child of it that adds nothing to the class path.)
   */
  @Override
  protected ClassLoader getClassLoader() {
    return LocSpecKernel.class.getClassLoader();
  }

  @Override
  public List<String> formatError(Throwable e) {
    List<String> lines = new ArrayList<>();
    if (e instanceof CellCompilationException cce) {
      List<String> report = cce.report();
      for (String line : report) {
        lines.add(line.startsWith("compile error") ? RED + line + RESET : line);
      }
      return lines;
    }
    if (e instanceof IncompleteCellException
        || e instanceof UnknownMagicException
        || e instanceof CellInterruptedException
        || e instanceof MagicUsageException) {
      lines.add(RED + e.getClass().getSimpleName() + RESET + ": " + e.getMessage());
      return lines;
    }
    Throwable shown = e instanceof CellErrorException && e.getCause() != null ? e.getCause() : e;
    appendTrace(lines, shown, "", null);
    return lines;
  }

  /** Prints the exception with the frames of cell and library code, without the kernel's frames. */
  private void appendTrace(
      List<String> lines, Throwable t, String prefix, StackTraceElement[] enclosing) {
    lines.add(
        prefix
            + RED
            + t.getClass().getName()
            + RESET
            + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    StackTraceElement[] frames = t.getStackTrace();
    int end = frames.length;
    int lastCell = -1;
    for (int i = 0; i < frames.length; i++) {
      if (frames[i].getClassName().startsWith("REPL.")) {
        lastCell = i;
      }
    }
    if (lastCell >= 0) {
      end = lastCell + 1;
    } else if (enclosing != null) {
      int common = 0;
      while (common < Math.min(frames.length, enclosing.length)
          && frames[frames.length - 1 - common].equals(enclosing[enclosing.length - 1 - common])) {
        common++;
      }
      end = frames.length - common;
    } else {
      for (int i = 0; i < frames.length; i++) {
        if (frames[i].getClassName().startsWith("org.locspec.kernel.CellExecutionControl")
            || frames[i].getClassName().startsWith("jdk.internal.reflect")) {
          end = i;
          break;
        }
      }
    }
    int shown = 0;
    for (int i = 0; i < end; i++) {
      StackTraceElement f = frames[i];
      if (f.getClassName().startsWith("jdk.internal.reflect")
          || f.getClassName().startsWith("java.lang.reflect.Method")) {
        continue;
      }
      if (++shown > 40) {
        lines.add("\t... " + (end - i) + " more");
        break;
      }
      lines.add("\tat " + frame(f));
    }
    Throwable cause = t.getCause();
    if (cause != null && cause != t && !prefix.startsWith("Caused by: Caused by: Caused by")) {
      appendTrace(lines, cause, "Caused by: ", frames);
    }
  }

  private String frame(StackTraceElement f) {
    if (f.getClassName().startsWith("REPL.")) {
      String file = f.getFileName(); // "#<snippet id>" after CellEvaluator relabels the frame
      CellEvaluator.Origin origin =
          file != null && file.startsWith("#") ? evaluator().origin(file.substring(1)) : null;
      if (origin != null && f.getLineNumber() > 0) {
        String method = f.getMethodName().startsWith("do_it$") ? "" : f.getMethodName() + ", ";
        return method + origin.cell() + " line " + (origin.firstLine() + f.getLineNumber() - 1);
      }
    }
    return f.toString();
  }
}
