package org.locspec.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.locspec.kernel.channel.KernelConnection;
import org.locspec.kernel.inspect.Inspector;
import org.locspec.kernel.inspect.JavadocSources;
import org.locspec.kernel.magic.MagicCatalog;
import org.locspec.kernel.magic.MagicFailedException;
import org.locspec.kernel.magic.MagicHost;
import org.locspec.kernel.magic.MagicUsageException;
import org.locspec.kernel.magic.SessionVariable;
import org.locspec.kernel.magic.UnknownMagicException;
import org.locspec.kernel.magic.builtin.BuiltinMagics;
import org.locspec.kernel.output.CellOutput;
import org.locspec.kernel.render.Html;
import org.locspec.progress.ProgressListener;

/**
 * LocSpec's Jupyter kernel: Java cells evaluated by JShell in the kernel's own JVM.
 *
 * <p>Because cells run in process, a cell's value is the real object and is drawn by the kernel's
 * {@link Renderer} (tables as HTML, charts as PNG, ...), and every class on the kernel's class path
 * (LocSpec, Tablesaw, XChart, DJL, Smile) can be imported by cells. Magics ({@code %name args}
 * starting a statement line, {@code %%name args} starting a cell; see {@link
 * org.locspec.kernel.magic.MagicScanner}) run as typed Java calls or, for the kernel's own magics
 * ({@code %time}, {@code %whos}, {@code %jars}, ...), between the cell's statements ({@link
 * CellRun}); their value is the cell's value when they come last. Extensions on the class path
 * (such as {@link LocSpecExtension}) are installed by {@link #onStartup()}.
 *
 * <p>A cell can fail in any way without harming the kernel: every {@link Throwable} of evaluation
 * or rendering becomes an error reply, the idle status is always sent, and what the cell printed is
 * delivered in batches ({@link CellOutput}) before its result.
 *
 * <p>Start it against a Jupyter connection with {@link KernelMain}; tests create it with {@link
 * #create()} and call {@link #eval(String)} directly.
 */
public final class LocSpecKernel extends BaseKernel implements MagicHost {
  /** The kernel's name as reported to Jupyter. */
  public static final String NAME = "LocSpec";

  /**
   * Imports every cell starts with (compiling them also warms up the compiler): the JDK's
   * collections, streams and files, every package of the LocSpec library, {@link Notebook},
   * Tablesaw's {@code tech.tablesaw.api} (Table, the column types) and XChart's {@code
   * org.knowm.xchart} (the charts, their builders and encoders). No two of these packages declare a
   * public type of the same simple name (a kernel test checks it), so no name is ambiguous; a class
   * a cell declares hides an imported one of its name.
   */
  public static final List<String> DEFAULT_IMPORTS =
      List.of(
          "java.util.*",
          "java.util.stream.*",
          "java.io.*",
          "java.nio.file.*",
          "org.locspec.data.*",
          "org.locspec.model.*",
          "org.locspec.architecture.*",
          "org.locspec.train.*",
          "org.locspec.modelfile.*",
          "org.locspec.zoo.*",
          "org.locspec.graph.*",
          "org.locspec.cluster.*",
          "org.locspec.lesion.*",
          "org.locspec.coherence.*",
          "org.locspec.stats.*",
          "org.locspec.report.*",
          "org.locspec.viz.*",
          "org.locspec.progress.*",
          "org.locspec.kernel.Notebook",
          "tech.tablesaw.api.*",
          "org.knowm.xchart.*");

  private static final Pattern MAGIC_PREFIX = Pattern.compile("^\\s*(%{1,2})([\\w-]*)$");

  private final CompletableFuture<CellEvaluator> evaluator = new CompletableFuture<>();
  private final KernelIO kernelIO;
  private final CellOutput output;
  private final CellTraces traces;
  private final List<Path> addedToClassPath = new ArrayList<>();
  private Inspector inspector;
  private volatile boolean executing;

  private LocSpecKernel(
      KernelIO io,
      CellOutput output,
      Renderer renderer,
      MagicsRegistry magics,
      boolean extensionsEnabled) {
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
        null, // magics are found by MagicScanner, not by JJava's MagicParser
        magics,
        extensionsEnabled,
        new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_RESET_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_RESET_FG)
            .build());
    this.kernelIO = io;
    this.output = output;
    this.traces = new CellTraces(this::locate);
    BuiltinMagics.registerAll(magics);
    bootJShell();
  }

  /**
   * JShell and its compiler take seconds to start: do it in the background so that the kernel
   * answers Jupyter at once; the first request that needs JShell waits for it.
   */
  private void bootJShell() {
    Thread boot =
        new Thread(
            () -> {
              try {
                CellEvaluator e = new CellEvaluator(output::bindToCurrentCell);
                e.importAll(DEFAULT_IMPORTS);
                e.indexReady(); // starts JShell's class path indexing now
                evaluator.complete(e);
              } catch (Throwable t) {
                evaluator.completeExceptionally(t);
              }
            },
            "locspec-jshell-boot");
    boot.setDaemon(true);
    boot.start();
  }

  /**
   * Runs an action once JShell has started (or failed to), on the thread that started it, unless a
   * cell is being executed then. {@link KernelMain} uses it to publish {@code idle} after the
   * {@code starting} status, so that Jupyter's state of a (re)started kernel does not stay
   * "starting" until the first request.
   *
   * @param action what to run
   */
  public void whenReady(Runnable action) {
    evaluator.whenComplete(
        (e, t) -> {
          if (!executing) {
            action.run();
          }
        });
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

  private boolean evaluatorReady() {
    return evaluator.isDone() && !evaluator.isCompletedExceptionally();
  }

  private String locate(StackTraceElement frame) {
    return evaluatorReady() ? evaluator.join().locate(frame) : null;
  }

  /**
   * Creates a kernel that loads the extensions on its class path at {@link #onStartup()}; its
   * output goes to the current {@code System.out} and {@code System.err} between cells.
   *
   * @return a new kernel, not yet started and not connected
   */
  public static LocSpecKernel create() {
    return create(new CellOutput(System.out, System.err), true);
  }

  /**
   * Creates a kernel.
   *
   * @param output the cells' standard output and error (installed by the caller)
   * @param extensionsEnabled whether {@link #onStartup()} installs the {@code Extension}s found on
   *     the class path
   * @return a new kernel, not yet started and not connected
   */
  public static LocSpecKernel create(CellOutput output, boolean extensionsEnabled) {
    return new LocSpecKernel(
        new KernelIO(), output, new Renderer(), new MagicsRegistry(), extensionsEnabled);
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

  /**
   * Handles requests of a connection; with a {@link KernelConnection}, buffered cell output is sent
   * before every other message a request publishes.
   */
  @Override
  public void becomeHandlerForConnection(JupyterConnection connection) {
    super.becomeHandlerForConnection(connection);
    if (connection instanceof KernelConnection kc) {
      kc.beforePublish(
          m -> {
            if (!(m.getContent() instanceof PublishStream)) {
              output.flush();
            }
          });
    }
  }

  /**
   * Runs a cell. Unlike the base class, any {@link Throwable} becomes an error reply, and output
   * goes through {@link CellOutput} (batched, to this cell, flushed before the result).
   */
  @Override
  protected synchronized void handleExecuteRequest(
      ShellReplyEnvironment env, Message<ExecuteRequest> message) {
    commManager.setMessageContext(message);
    ExecuteRequest request = message.getContent();
    int count = executionCount.getAndIncrement();
    env.setBusyDeferIdle();
    env.publish(new PublishExecuteInput(request.getCode(), count));
    RequestSink sink = new RequestSink(env, "cell [" + count + "]");
    output.begin(sink);
    kernelIO.attach(env, request.isStdinEnabled());
    executing = true;
    try {
      DisplayData result = eval(request.getCode());
      output.flush();
      if (result != null) {
        env.publish(new PublishExecuteResult(count, result));
      }
      env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
    } catch (Throwable t) {
      output.flush();
      replyError(env, count, t);
      if (causedBy(t, OutOfMemoryError.class)) {
        System.gc(); // give the memory the cell took back now (G1 shrinks the heap after it)
      }
    } finally {
      executing = false;
      output.end(sink);
      kernelIO.detach(env);
    }
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private void replyError(ShellReplyEnvironment env, int count, Throwable t) {
    Throwable shown = t instanceof CellErrorException && t.getCause() != null ? t.getCause() : t;
    String name = shown.getClass().getSimpleName();
    String message = String.valueOf(shown.getMessage());
    List<String> lines;
    try {
      lines = formatError(t);
    } catch (Throwable f) { // the report must not fail the reply
      lines = List.of(shown.toString(), "(the stack trace could not be formatted: " + f + ")");
    }
    ErrorReply error = new ErrorReply(name, message, lines);
    error.setExecutionCount(count);
    env.publish(new PublishError(name, message, lines));
    env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
  }

  /**
   * Reports an exception that no code caught in a thread (install as the default uncaught exception
   * handler): with the frames of cell code as cell lines and the cell that started the thread, on
   * standard error, so in the running cell, else in the cell that started the thread, else in the
   * kernel's log. A stopped cell thread ({@link ThreadDeath}) is not reported.
   *
   * @param thread the thread that ends
   * @param e what it threw
   */
  public void reportUncaught(Thread thread, Throwable e) {
    if (e instanceof ThreadDeath) {
      return;
    }
    String started =
        output.origin() instanceof RequestSink origin ? " (started by " + origin.label() + ")" : "";
    List<String> lines;
    try {
      lines = traces.format(e, "Exception in thread \"" + thread.getName() + "\"" + started + " ");
    } catch (RuntimeException f) {
      lines = List.of("Exception in thread \"" + thread.getName() + "\"" + started + " " + e);
    }
    System.err.println(String.join(System.lineSeparator(), lines));
  }

  @Override
  public Object evalRaw(String source) {
    try {
      return run(source);
    } catch (Exception e) {
      throw LocSpecKernel.<RuntimeException>sneaky(e);
    }
  }

  /**
   * Runs code as a cell: Java and magics, in the session.
   *
   * @param code the code
   * @return the value of its last piece, or null
   * @throws Exception what the code or a magic throws
   */
  @Override
  public Object run(String code) throws Exception {
    int count = Math.max(1, executionCount.get() - 1);
    return CellRun.run(code, "cell [" + count + "]", evaluator(), magics(), this);
  }

  @Override
  public List<SessionVariable> variables() {
    return evaluator().variables();
  }

  @Override
  public synchronized List<Path> addToClassPath(List<Path> entries) {
    for (Path entry : entries) {
      if (!addedToClassPath.contains(entry)) {
        evaluator().addToClasspath(entry);
        addedToClassPath.add(entry);
      }
    }
    return List.copyOf(addedToClassPath);
  }

  @Override
  public MagicCatalog magics() {
    return MagicCatalog.of(magicsRegistry);
  }

  @Override
  public ProgressListener progress() {
    return Notebook.progress();
  }

  /** Shows a value in the running cell; outside a Jupyter request, prints its text form. */
  @Override
  public void display(Object value) {
    Notebook.display(this, value);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /**
   * Documents the symbol under or just before the cursor: its signatures (every overload of a
   * method, without needing its {@code (}) and its Javadoc from the sources ({@link Inspector}).
   */
  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String java = CellRun.blankMagics(code);
    int cursor = Math.min(Math.max(at, 0), java.length());
    CellEvaluator e = evaluator();
    int start = e.snippetStart(java, cursor);
    List<Inspector.Entry> entries = inspector().inspect(java.substring(start), cursor - start);
    if (entries.isEmpty()) {
      return null;
    }
    DisplayData data =
        new DisplayData(
            entries.stream()
                .map(
                    d -> d.javadoc().isEmpty() ? d.signature() : d.signature() + "\n" + d.javadoc())
                .collect(Collectors.joining("\n\n")));
    data.putHTML(
        entries.stream()
            .map(
                d ->
                    "<div><pre><b>"
                        + Html.escape(d.signature())
                        + "</b></pre>"
                        + (d.javadoc().isEmpty()
                            ? ""
                            : "<pre>" + Html.escape(d.javadoc()) + "</pre>")
                        + "</div>")
            .collect(Collectors.joining("\n")));
    return data;
  }

  private synchronized Inspector inspector() {
    if (inspector == null) {
      CellEvaluator e = evaluator();
      inspector =
          new Inspector(
              new Inspector.Analysis() {
                @Override
                public List<SourceCodeAnalysis.Documentation> documentation(String code, int at) {
                  return e.documentation(code, at);
                }

                @Override
                public List<String> qualifiedNames(String code, int at) {
                  return e.qualifiedNames(code, at);
                }

                @Override
                public String typeOf(String code, int at) {
                  return e.typeOf(code, at);
                }
              },
              JavadocSources.fromSystemProperties());
    }
    return inspector;
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int cursor = Math.min(Math.max(at, 0), code.length());
    int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
    Matcher m = MAGIC_PREFIX.matcher(code.substring(lineStart, cursor));
    if (m.matches()) {
      String percent = m.group(1);
      String prefix = m.group(2);
      List<String> names =
          (percent.length() == 2 ? magics().cellMagicNames() : magics().lineMagicNames())
              .stream().filter(n -> n.startsWith(prefix)).map(n -> percent + n).toList();
      if (!names.isEmpty()) {
        return new ReplacementOptions(names, cursor - percent.length() - prefix.length(), cursor);
      }
    }
    int[] anchor = {cursor};
    List<String> options = evaluator().complete(CellRun.blankMagics(code), cursor, anchor);
    return new ReplacementOptions(options, anchor[0], cursor);
  }

  @Override
  public String isComplete(String code) {
    try {
      String java = CellRun.javaOnly(code);
      if (java == null) {
        return IS_COMPLETE_YES;
      }
      String answer = evaluator().isComplete(java);
      return switch (answer) {
        case "complete" -> IS_COMPLETE_YES;
        case "invalid" -> IS_COMPLETE_BAD;
        case "unknown" -> IS_COMPLETE_MAYBE;
        default -> answer;
      };
    } catch (RuntimeException e) {
      return IS_COMPLETE_BAD;
    }
  }

  @Override
  public void interrupt() {
    if (evaluatorReady()) {
      evaluator.join().interrupt();
    }
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    try {
      super.onShutdown(isRestarting);
    } finally {
      if (evaluatorReady()) {
        evaluator.join().close();
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
    if (e instanceof CellCompilationException cce) {
      List<String> lines = new ArrayList<>();
      for (String line : cce.report()) {
        lines.add(
            line.startsWith("compile error") ? CellTraces.RED + line + CellTraces.RESET : line);
      }
      return lines;
    }
    if (e instanceof IncompleteCellException
        || e instanceof CompilerFailureException
        || e instanceof UnknownMagicException
        || e instanceof CellInterruptedException
        || e instanceof MagicUsageException
        || e instanceof MagicFailedException) {
      return List.of(
          CellTraces.RED + e.getClass().getSimpleName() + CellTraces.RESET + ": " + e.getMessage());
    }
    Throwable shown = e instanceof CellErrorException && e.getCause() != null ? e.getCause() : e;
    return traces.format(shown, "");
  }
}
