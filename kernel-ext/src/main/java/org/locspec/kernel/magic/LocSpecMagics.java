package org.locspec.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** LocSpec's line magics, one class each; {@link #registerAll} adds them to a kernel. */
public final class LocSpecMagics {
  private LocSpecMagics() {}

  /** A fresh instance of every LocSpec magic, in the order {@code %locspec} lists them. */
  public static List<DescribedMagic> all() {
    return List.of(new LocSpecMagic(), new DatasetMagic());
  }

  /**
   * Registers every LocSpec magic as a line magic under its name (re-registering replaces).
   *
   * @param registry the kernel's magics registry
   */
  public static void registerAll(MagicsRegistry registry) {
    for (DescribedMagic m : all()) {
      registry.registerLineMagic(m.name(), m);
    }
  }
}
