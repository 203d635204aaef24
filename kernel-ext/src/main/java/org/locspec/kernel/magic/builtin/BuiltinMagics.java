package org.locspec.kernel.magic.builtin;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.locspec.kernel.magic.Magic;
import org.locspec.kernel.magic.MagicCatalog;

/** The kernel's general magics; {@link #registerAll} adds them to a kernel. */
public final class BuiltinMagics {
  private BuiltinMagics() {}

  /** A fresh instance of every general magic. */
  public static List<Magic> all() {
    return List.of(
        new LsmagicMagic(),
        new TimeMagic(),
        new WhosMagic(),
        new JarsMagic(),
        new ClasspathMagic(),
        new LogMagic());
  }

  /**
   * Registers every general magic (re-registering replaces).
   *
   * @param registry the kernel's magics registry
   */
  public static void registerAll(MagicsRegistry registry) {
    MagicCatalog catalog = MagicCatalog.of(registry);
    for (Magic m : all()) {
      catalog.register(m);
    }
  }
}
