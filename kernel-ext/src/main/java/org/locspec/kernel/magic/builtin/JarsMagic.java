package org.locspec.kernel.magic.builtin;

import org.locspec.kernel.magic.KernelMagic;
import org.locspec.kernel.magic.MagicCall;
import org.locspec.kernel.magic.MagicHost;

/**
 * {@code %jars PATH...}: adds jars to the class path of the running kernel; a PATH is a jar, a
 * directory (its jars) or a glob ({@code lib/*.jar}). Later cells can import their classes.
 */
public final class JarsMagic implements KernelMagic<ClassPathChange> {
  /** Creates the magic. */
  public JarsMagic() {}

  @Override
  public String name() {
    return "jars";
  }

  @Override
  public String usage() {
    return "%jars PATH...   (PATH: a .jar, a directory of jars, or a glob such as lib/*.jar)";
  }

  @Override
  public String help() {
    return "adds jars to the class path of the running kernel";
  }

  @Override
  public ClassPathChange run(MagicHost host, MagicCall call) {
    return ClassPathEntries.add(host, this, call, true);
  }
}
