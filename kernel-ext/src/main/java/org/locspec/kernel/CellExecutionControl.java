package org.locspec.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * stops the thread (possible on Java 17). Values and exceptions of the snippets are kept, keyed
 * by the string that JShell reports as the snippet's value, until {@link #takeValue} or {@link
 * #takeThrown} collects them.
 */
final class CellExecutionControl extends DirectExecutionControl {
  private static final String VALUE_KEY_PREFIX = "\u0000locspec-value-";
  private static final long STOP_GRACE_MILLIS = 1500;

  private final CellLoader loader;
  private final ExecutorService worker;
  private final Map<String, Object> values = new ConcurrentHashMap<>();
  private final AtomicLong keys = new AtomicLong();
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
    private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
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
          loaded.put(cbcs[i].name(), classLoader.loadClass(cbcs[i].name()));
          installed[i] = true;
        } catch (ClassNotFoundException | LinkageError e) {
          throw new ClassInstallException(
              "could not load snippet class " + cbcs[i].name() + ": " + e, installed);
        }
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
