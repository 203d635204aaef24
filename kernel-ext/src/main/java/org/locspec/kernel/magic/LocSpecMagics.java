package org.locspec.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** LocSpec's analysis magics, one class each; {@link #registerAll} adds them to a kernel. */
public final class LocSpecMagics {
  private LocSpecMagics() {}

  /**
   * A fresh instance of every LocSpec analysis magic.
   *
   * @param version LocSpec's version (shown by {@code %locspec})
   * @return the magics
   */
  public static List<Magic> all(String version) {
    return List.of(
        new LocSpecMagic(version),
        new HelpMagic(),
        new DatasetMagic(),
        new ModelMagic(),
        new ClusterMagic(),
        new ImportanceMagic(),
        new CoherenceMagic(),
        new PlotMagic(),
        new ExportMagic());
  }

  /**
   * Registers every LocSpec analysis magic under its name (re-registering replaces).
   *
   * @param registry the kernel's magics registry
   * @param version LocSpec's version (shown by {@code %locspec})
   */
  public static void registerAll(MagicsRegistry registry, String version) {
    MagicCatalog catalog = MagicCatalog.of(registry);
    for (Magic m : all(version)) {
      catalog.register(m);
    }
  }
}
