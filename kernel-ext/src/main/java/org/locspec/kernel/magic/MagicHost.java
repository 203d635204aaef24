package org.locspec.kernel.magic;

import java.nio.file.Path;
import java.util.List;

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
}
