package org.locspec.kernel.magic;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.locspec.progress.ProgressListener;

/** What a {@link KernelMagic} may ask of the kernel it runs in (LocSpec's kernel implements it). */
public interface MagicHost {
  /**
   * Runs code as a cell runs it (Java statements and magics) in the current session.
   *
   * @param code the code
   * @return the value of its last expression, or null
   * @throws Exception what the code throws
   */
  Object run(String code) throws Exception;

  /**
   * The session's variables, in the order they were declared.
   *
   * @return the variables with their declared types and current values
   */
  List<SessionVariable> variables();

  /**
   * Adds jars or class folders to the class path of the cells (and of their compiler).
   *
   * @param entries existing jars or directories, absolute
   * @return every entry added to the session so far, in order
   */
  List<Path> addToClassPath(List<Path> entries);

  /**
   * The magics of this kernel.
   *
   * @return the catalog
   */
  MagicCatalog magics();

  /**
   * A progress listener that draws in the running cell, updated in place (a terminal progress bar
   * outside a notebook).
   *
   * @return a fresh listener
   */
  ProgressListener progress();

  /**
   * Shows a value in the running cell as a cell's value is shown (tables as HTML, charts as PNG,
   * ...), before the cell's own value.
   *
   * @param value what to show
   */
  void display(Object value);

  /**
   * Runs work as cell code runs: on a cell thread of its own, with the cell's output, so that the
   * kernel's interrupt stops it (the thread is interrupted, then stopped if it does not react) and
   * the kernel answers the next cell. Nothing of the session changes unless the work changes it.
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws Exception what the work throws ({@code CellInterruptedException} when interrupted)
   */
  default <T> T interruptibly(Callable<T> work) throws Exception {
    String key = MagicDispatch.stash(work);
    try {
      run(MagicDispatch.javaCallStashed(key));
    } catch (Exception | Error e) {
      MagicDispatch.discard(key);
      throw e;
    }
    return MagicDispatch.take(key);
  }
}
