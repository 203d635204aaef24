package org.locspec.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in the kernel's own JVM, so that a cell's value is the real object (which
 * the kernel's renderer can then draw) and the kernel's class path is the cells' class path.
 *
 * <p>Snippet code runs on one long-lived worker thread. The calling thread waits for it; an
 * interrupt first interrupts the worker and, if the code does not react within a grace period,
 * stops the thread (possible on Java 17). Values and exceptions of the snippets are kept, keyed by
 * the string that JShell reports as the snippet's value, until {@link #takeValue} or {@link
 * #takeThrown} collects them.
 *
 * <p>Variables survive JShell's updates of their snippets. When the session changes (e.g. a cell
 * adds an import), JShell recompiles the snippets that may depend on the change and asks to {@link
 * #redefine} the classes whose bytecode changed. A recompilation that only moved the wrapper's
 * lines is accepted: the loaded class stays (its line numbers are corrected in stack traces through
 * {@link #lineShift}). Any other change makes JShell load the snippet under a new class name; then
 * {@link CellLoader#load} copies each variable's value from the snippet's previous class, unless
 * the snippet being evaluated declares that variable anew. A value that no longer fits the
 * variable's type (its class was redefined) is dropped and reported by {@link #takeResetWarnings}.
 */
final class CellExecutionControl extends DirectExecutionControl {
  private static final String VALUE_KEY_PREFIX = "\u0000locspec-value-";
  private static final long STOP_GRACE_MILLIS = 1500;

  private final CellLoader loader;
  private final ExecutorService worker;
  private final Map<String, Object> values = new ConcurrentHashMap<>();
  private final AtomicLong keys = new AtomicLong();
  private final Map<String, Integer> lineShifts = new ConcurrentHashMap<>();
  private volatile Thread runningThread;
  private volatile boolean interruptRequested;
  private volatile Throwable lastThrown;

  private CellExecutionControl(CellLoader loader) {
    super(loader);
    this.loader = loader;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "locspec-cell");
              t.setDaemon(true);
              t.setContextClassLoader(loader.classLoader);
              return t;
            });
  }

  /** A provider that hands JShell this control; {@link #control()} gives it to the kernel. */
  static final class Provider implements ExecutionControlProvider {
    private final CellExecutionControl control = new CellExecutionControl(new CellLoader());

    @Override
    public String name() {
      return "locspec-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return control;
    }

    CellExecutionControl control() {
      return control;
    }
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    interruptRequested = false;
    lastThrown = null;
    Future<Object> task =
        worker.submit(
            () -> {
              runningThread = Thread.currentThread();
              try {
                return doitMethod.invoke(null);
              } finally {
                runningThread = null;
                Thread.interrupted(); // do not leak an interrupt into the next snippet
              }
            });
    Object value;
    try {
      value = waitFor(task);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvocationTargetException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (interruptRequested) {
        cause = new CellInterruptedException(cause);
      }
      lastThrown = cause;
      // JShell converts the cause (e.g. an unresolved reference) into its own exception types.
      throw new InvocationTargetException(cause);
    }
    if (value == null) {
      return "null";
    }
    String key = VALUE_KEY_PREFIX + keys.incrementAndGet();
    values.put(key, value);
    return key;
  }

  private static Object waitFor(Future<Object> task) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the cell keeps the worker; the kernel thread must wait for it
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Removes and returns the object behind a value string that JShell reported.
   *
   * @param valueString {@code SnippetEvent.value()}
   * @return the object, or null if the string is not a key of this control (e.g. null, void)
   */
  Object takeValue(String valueString) {
    return valueString == null ? null : values.remove(valueString);
  }

  /** Forgets all values not collected (values of snippets whose result nobody asked for). */
  void clearValues() {
    values.clear();
  }

  /** The exception thrown by the last snippet run, or null; clears it. */
  Throwable takeThrown() {
    Throwable t = lastThrown;
    lastThrown = null;
    return t;
  }

  /** Interrupts the snippet now running, then stops its thread if it does not end in time. */
  @SuppressWarnings({"deprecation", "removal"})
  void interruptRunning() {
    Thread t = runningThread;
    if (t == null) {
      return;
    }
    interruptRequested = true;
    t.interrupt();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                t.join(STOP_GRACE_MILLIS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              if (t.isAlive() && runningThread == t) {
                try {
                  t.stop();
                } catch (UnsupportedOperationException e) {
                  System.err.println(
                      "The cell ignores the interrupt and this Java version cannot stop threads;"
                          + " restart the kernel to end it.");
                }
              }
            },
            "locspec-interrupt");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * Accepts a redefinition only if each class differs from the loaded one in nothing but its line
   * numbers (the loaded class keeps running); otherwise JShell replaces the classes, see {@link
   * CellLoader#load}.
   */
  @Override
  public void redefine(ClassBytecodes[] cbcs) throws NotImplementedException {
    int[] shifts = new int[cbcs.length];
    for (int i = 0; i < cbcs.length; i++) {
      byte[] current = loader.bytecodes.get(cbcs[i].name());
      OptionalInt shift =
          current == null
              ? OptionalInt.empty()
              : ClassFileLines.lineShift(current, cbcs[i].bytecodes());
      if (shift.isEmpty()) {
        throw new NotImplementedException(
            "in-process classes cannot be redefined; " + cbcs[i].name() + " changed");
      }
      shifts[i] = shift.getAsInt();
    }
    for (int i = 0; i < cbcs.length; i++) {
      loader.bytecodes.put(cbcs[i].name(), cbcs[i].bytecodes());
      lineShifts.merge(cbcs[i].name(), shifts[i], Integer::sum);
    }
  }

  /**
   * How many lines the source JShell now has for this class lies below the line numbers of the
   * loaded class (non-zero after {@link #redefine} accepted a class whose lines moved).
   *
   * @param className a snippet class name, e.g. {@code REPL.$JShell$7}
   * @return the number to add to a line number of the loaded class
   */
  int lineShift(String className) {
    return lineShifts.getOrDefault(className, 0);
  }

  /**
   * Names the variables that the snippet about to be evaluated declares: their values are not
   * copied from earlier declarations (the new declaration sets them).
   *
   * @param names variable names; empty for a snippet that declares none
   */
  void declaring(Set<String> names) {
    loader.declaring = Set.copyOf(names);
  }

  /** Warnings about variables whose values were lost since the last call; clears them. */
  List<String> takeResetWarnings() {
    synchronized (loader.resetWarnings) {
      List<String> out = List.copyOf(loader.resetWarnings);
      loader.resetWarnings.clear();
      return out;
    }
  }

  @Override
  public void stop() {
    interruptRunning();
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Loads the classes JShell compiles for the snippets; parent is the kernel's loader. */
  private static final class CellLoader implements LoaderDelegate {
    /**
     * A top-level snippet wrapper class: JShell names it after the keys of its snippets, each
     * followed by letters that count the snippet's replacements ("REPL.$JShell$7", "$JShell$7B").
     */
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$([0-9A-Z_]+)");

    private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    /** Snippet keys (a wrapper's name without the replacement letters) to its newest class. */
    private final Map<String, Class<?>> newestWrapper = new ConcurrentHashMap<>();

    private final List<String> resetWarnings = new ArrayList<>();
    private volatile Set<String> declaring = Set.of();
    private final CellClassLoader classLoader =
        new CellClassLoader(CellExecutionControl.class.getClassLoader());

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
      boolean[] installed = new boolean[cbcs.length];
      for (ClassBytecodes cbc : cbcs) {
        bytecodes.put(cbc.name(), cbc.bytecodes());
      }
      for (int i = 0; i < cbcs.length; i++) {
        try {
          Class<?> c = classLoader.loadClass(cbcs[i].name());
          loaded.put(cbcs[i].name(), c);
          installed[i] = true;
        } catch (ClassNotFoundException | LinkageError e) {
          throw new ClassInstallException(
              "could not load snippet class " + cbcs[i].name() + ": " + e, installed);
        }
      }
      for (ClassBytecodes cbc : cbcs) {
        Matcher m = WRAPPER.matcher(cbc.name());
        if (m.matches()) {
          String key = m.group(1).replaceAll("[A-Z]", "");
          Class<?> replacement = loaded.get(cbc.name());
          Class<?> previous = newestWrapper.put(key, replacement);
          if (previous != null && previous != replacement) {
            carryOver(previous, replacement);
          }
        }
      }
    }

    /**
     * Gives the variables of a snippet's new wrapper class the values they had in the previous one,
     * except variables that the snippet now being evaluated declares.
     */
    private void carryOver(Class<?> previous, Class<?> replacement) {
      for (Field to : replacement.getDeclaredFields()) {
        int mods = to.getModifiers();
        if (!Modifier.isStatic(mods)
            || Modifier.isFinal(mods)
            || declaring.contains(to.getName())) {
          continue;
        }
        Field from;
        Object value;
        try {
          from = previous.getDeclaredField(to.getName());
          if (!Modifier.isStatic(from.getModifiers())) {
            continue;
          }
          from.setAccessible(true);
          value = from.get(null);
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
          continue;
        }
        Class<?> type = to.getType();
        boolean fits =
            type.isPrimitive() ? from.getType() == type : value == null || type.isInstance(value);
        if (!fits) {
          if (!isDefault(value)) {
            warn(
                to,
                type.isPrimitive() || from.getType().isPrimitive()
                    ? "its type changed from "
                        + from.getType().getSimpleName()
                        + " to "
                        + type.getSimpleName()
                    : "its type "
                        + type.getSimpleName()
                        + " was redefined and the old value is a "
                        + value.getClass().getSimpleName()
                        + " of the old definition");
          }
          continue;
        }
        try {
          to.setAccessible(true);
          to.set(null, value);
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
          if (!isDefault(value)) {
            warn(to, "its value could not be copied to the recompiled snippet (" + e + ")");
          }
        }
      }
    }

    private static boolean isDefault(Object value) {
      return value == null
          || value.equals(Boolean.FALSE)
          || value.equals('\0')
          || (value instanceof Number n && n.doubleValue() == 0);
    }

    private void warn(Field variable, String why) {
      Class<?> type = variable.getType();
      String reset =
          !type.isPrimitive()
              ? "null"
              : type == boolean.class ? "false" : type == char.class ? "'\\0'" : "0";
      synchronized (resetWarnings) {
        resetWarnings.add(
            "warning: variable "
                + variable.getName()
                + " was reset to "
                + reset
                + " because "
                + why
                + "; run the cell that declares it again to give it a value");
      }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
      for (ClassBytecodes cbc : cbcs) {
        bytecodes.put(cbc.name(), cbc.bytecodes());
      }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
      for (String part : path.split(java.io.File.pathSeparator)) {
        if (part.isBlank()) {
          continue;
        }
        try {
          classLoader.addUrl(Path.of(part).toUri().toURL());
        } catch (Exception e) {
          throw new InternalException("cannot add '" + part + "' to the class path: " + e);
        }
      }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
      Class<?> c = loaded.get(name);
      return c != null ? c : classLoader.loadClass(name);
    }

    /** Defines snippet classes from their bytecode; everything else comes from the parent. */
    private final class CellClassLoader extends URLClassLoader {
      CellClassLoader(ClassLoader parent) {
        super("locspec-cells", new URL[0], parent);
      }

      void addUrl(URL url) {
        addURL(url);
      }

      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] code = bytecodes.get(name);
        if (code == null) {
          return super.findClass(name);
        }
        return defineClass(name, code, 0, code.length);
      }
    }
  }
}
