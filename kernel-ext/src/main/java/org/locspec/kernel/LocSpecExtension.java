package org.locspec.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.locspec.kernel.magic.LocSpecMagics;
import org.locspec.kernel.render.ArrayRenderers;
import org.locspec.kernel.render.ChartRenderers;
import org.locspec.kernel.render.CodeRenderers;
import org.locspec.kernel.render.DatasetRenderers;
import org.locspec.kernel.render.ImageRenderers;
import org.locspec.kernel.render.NetworkRenderers;
import org.locspec.kernel.render.ResultRenderers;
import org.locspec.kernel.render.TableRenderers;

/**
 * LocSpec's JJava extension: registers LocSpec's renderers (Tablesaw tables as HTML, XChart charts
 * as PNG, data sets as tables with an image grid, arrays as their contents, images as PNG, networks
 * as their layers, partitions as cluster sizes per layer, Java code as a code block) and analysis
 * magics ({@code %model}, {@code %cluster}, {@code %importance}, {@code %coherence}, {@code %plot},
 * ...).
 *
 * <p>Listed in {@code META-INF/services/org.dflib.jjava.jupyter.Extension}, so any JJava-based
 * kernel (LocSpec's own or a stock JJava kernel) installs it at start-up. It uses only the {@link
 * BaseKernel} API. A failure is reported on standard error and does not stop the kernel.
 */
public final class LocSpecExtension implements Extension {

  /** Creates the extension (called by {@link java.util.ServiceLoader}). */
  public LocSpecExtension() {}

  @Override
  public void install(BaseKernel kernel) {
    try {
      Renderer renderer = kernel.getRenderer();
      TableRenderers.registerAll(renderer);
      ChartRenderers.registerAll(renderer);
      DatasetRenderers.registerAll(renderer);
      ResultRenderers.registerAll(renderer);
      ArrayRenderers.registerAll(renderer);
      ImageRenderers.registerAll(renderer);
      NetworkRenderers.registerAll(renderer);
      CodeRenderers.registerAll(renderer);
      MagicsRegistry magics = kernel.getMagicsRegistry();
      if (magics == null) {
        System.err.println(
            "LocSpec extension: kernel "
                + kernel.getName()
                + " has no magics registry;"
                + " renderers are installed, %locspec magics are not");
      } else {
        LocSpecMagics.registerAll(magics, LocSpecKernel.version());
      }
    } catch (Throwable e) { // the kernel does not catch what install throws
      System.err.println(
          "LocSpec extension could not be installed in kernel "
              + kernel.getName()
              + ": "
              + e
              + "\nCheck that locspec-core and its dependencies (tablesaw, xchart, djl) are on the"
              + " kernel's class path, e.g. kernel-ext/target/lib/*.");
      e.printStackTrace();
    }
  }
}
