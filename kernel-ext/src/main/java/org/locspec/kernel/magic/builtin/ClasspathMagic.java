package org.locspec.kernel.magic.builtin;

import org.locspec.kernel.magic.KernelMagic;
import org.locspec.kernel.magic.MagicCall;
import org.locspec.kernel.magic.MagicHost;

/**
 * {@code %classpath PATH...}: adds jars or folders of classes to the class path of the running
 * kernel (globs such as {@code build/*.jar} work too).
 */
public final class ClasspathMagic implements KernelMagic<ClassPathChange> {
  /** Creates the magic. */
  public ClasspathMagic() {}

  @Override
  public String name() {
    return "classpath";
  }

  @Override
  public String usage() {
    return "%classpath PATH...   (PATH: a .jar or a folder of .class files; globs allowed)";
  }

  @Override
  public String help() {
    return "adds jars or class folders to the class path of the running kernel";
  }

  @Override
  public ClassPathChange run(MagicHost host, MagicCall call) {
    return ClassPathEntries.add(host, this, call, false);
  }
}
