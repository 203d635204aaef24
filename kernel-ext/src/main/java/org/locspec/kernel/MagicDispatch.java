package org.locspec.kernel;

import java.util.List;
import java.util.TreeSet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Runs magics for cell code: {@code %name args} lines and {@code %%name args} cells are translated
 * (by the kernel, before compiling) into calls of {@link #line} and {@link #cell}. The magic's
 * return value becomes the value of the call, so a magic on the last line of a cell is the cell's
 * result, and {@code var t = %locspec} assigns it.
 */
public final class MagicDispatch {
  private MagicDispatch() {}

  /**
   * Runs a line magic of the running notebook kernel.
   *
   * @param name the magic's name, without {@code %}
   * @param args the arguments, split like a shell does (quotes group words)
   * @param <T> the type of the magic's value (inferred from the assignment, else Object)
   * @return what the magic returns
   * @throws UnknownMagicException if no line magic has that name, listing the known ones
   */
  public static <T> T line(String name, List<String> args) {
    BaseKernel kernel = BaseKernel.notebookKernel();
    MagicsRegistry registry = registry(kernel);
    if (!registry.getLineMagicNames().contains(name)) {
      throw new UnknownMagicException(unknown("line magic %" + name, registry));
    }
    try {
      return registry.evalLineMagic(kernel, name, args);
    } catch (Exception e) {
      throw MagicDispatch.<RuntimeException>rethrow(e);
    }
  }

  /**
   * Runs a cell magic of the running notebook kernel.
   *
   * @param name the magic's name, without {@code %%}
   * @param args the arguments on the {@code %%} line
   * @param body the rest of the cell
   * @param <T> the type of the magic's value
   * @return what the magic returns
   * @throws UnknownMagicException if no cell magic has that name, listing the known ones
   */
  public static <T> T cell(String name, List<String> args, String body) {
    BaseKernel kernel = BaseKernel.notebookKernel();
    MagicsRegistry registry = registry(kernel);
    if (!registry.getCellMagicNames().contains(name)) {
      throw new UnknownMagicException(unknown("cell magic %%" + name, registry));
    }
    try {
      return registry.evalCellMagic(kernel, name, args, body);
    } catch (Exception e) {
      throw MagicDispatch.<RuntimeException>rethrow(e);
    }
  }

  private static MagicsRegistry registry(BaseKernel kernel) {
    MagicsRegistry registry = kernel.getMagicsRegistry();
    if (registry == null) {
      throw new IllegalStateException(
          "the kernel " + kernel.getName() + " has no magics registry; magics are unavailable");
    }
    return registry;
  }

  private static String unknown(String what, MagicsRegistry registry) {
    return "unknown "
        + what
        + "; known line magics: "
        + names("%", registry.getLineMagicNames())
        + "; known cell magics: "
        + names("%%", registry.getCellMagicNames());
  }

  private static String names(String prefix, java.util.Set<String> names) {
    if (names.isEmpty()) {
      return "(none)";
    }
    StringBuilder sb = new StringBuilder();
    for (String n : new TreeSet<>(names)) {
      sb.append(sb.length() == 0 ? "" : ", ").append(prefix).append(n);
    }
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable t) throws T {
    throw (T) t;
  }
}
