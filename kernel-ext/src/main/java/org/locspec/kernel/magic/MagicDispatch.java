package org.locspec.kernel.magic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Runs magics for cell code. The kernel translates a magic that cell code calls ({@link #javaCall})
 * into a call of {@link #line} or {@link #cell}, typed with the magic's result type, so {@code var
 * d = %dataset mnist} gives {@code d} the type {@code ImageDataset}, and a magic on a cell's last
 * line is the cell's value. A {@link KernelMagic}'s value reaches an assignment through {@link
 * #stash} and {@link #take}.
 */
public final class MagicDispatch {
  private static final String SELF = MagicDispatch.class.getName();
  private static final Map<String, Object> STASH = new ConcurrentHashMap<>();
  private static final AtomicLong KEYS = new AtomicLong();

  private MagicDispatch() {}

  /**
   * Runs a line magic of the running notebook kernel.
   *
   * @param name the magic's name, without {@code %}
   * @param args the arguments, split like a shell does (quotes group words)
   * @param <T> the type of the magic's value (the kernel writes the magic's declared type)
   * @return what the magic returns
   * @throws UnknownMagicException if no line magic has that name, listing the known ones
   */
  public static <T> T line(String name, List<String> args) {
    BaseKernel kernel = BaseKernel.notebookKernel();
    MagicsRegistry registry = registry(kernel);
    if (!registry.getLineMagicNames().contains(name)) {
      throw unknown("%" + name, registry);
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
      throw unknown("%%" + name, registry);
    }
    try {
      return registry.evalCellMagic(kernel, name, args, body);
    } catch (Exception e) {
      throw MagicDispatch.<RuntimeException>rethrow(e);
    }
  }

  /**
   * Keeps a value for the code that assigns it (see {@link #take}).
   *
   * @param value a kernel magic's value
   * @return the key to take it with
   */
  public static String stash(Object value) {
    String key = "v" + KEYS.incrementAndGet();
    STASH.put(key, value == null ? STASH : value); // the map itself marks null
    return key;
  }

  /**
   * Takes a value kept by {@link #stash}.
   *
   * @param key the key
   * @param <T> the value's type (the kernel writes the magic's declared type)
   * @return the value
   * @throws IllegalStateException if there is no such value (it was taken already)
   */
  @SuppressWarnings("unchecked")
  public static <T> T take(String key) {
    Object value = STASH.remove(key);
    if (value == null) {
      throw new IllegalStateException("no magic value under key " + key + " (taken already?)");
    }
    return value == STASH ? null : (T) value;
  }

  /**
   * Runs the work kept under a key (see {@link MagicHost#interruptibly}) on the calling thread and
   * keeps its result under the same key for {@link #take}.
   *
   * @param key the key of a {@link java.util.concurrent.Callable} from {@link #stash}
   * @throws IllegalStateException if there is no work under the key
   */
  public static void callStashed(String key) {
    Object work = STASH.remove(key);
    if (!(work instanceof java.util.concurrent.Callable<?> callable)) {
      throw new IllegalStateException("no work under key " + key + " (run already?)");
    }
    Object value;
    try {
      value = callable.call();
    } catch (Exception e) {
      throw MagicDispatch.<RuntimeException>rethrow(e);
    }
    STASH.put(key, value == null ? STASH : value);
  }

  /**
   * Forgets what is kept under a key (after its work failed).
   *
   * @param key the key
   */
  public static void discard(String key) {
    STASH.remove(key);
  }

  /**
   * The Java statement that runs the work kept under a key ({@link #callStashed}).
   *
   * @param key the key from {@link #stash}
   * @return e.g. {@code org.locspec.kernel.magic.MagicDispatch.callStashed("v3");}
   */
  public static String javaCallStashed(String key) {
    return SELF + ".callStashed(" + literal(key) + ");";
  }

  /**
   * The Java statement that runs a magic from cell code, on one line.
   *
   * @param part the magic as it stands in the cell
   * @param type the magic's result type ({@link MagicCatalog#resultType}), or null for Object
   * @return e.g. {@code var d = org.locspec.kernel.magic.MagicDispatch.<T>line("dataset",
   *     java.util.List.of("mnist"));}
   */
  public static String javaCall(CellPart.Magic part, String type) {
    MagicCall call = part.call();
    String args =
        "java.util.List.of("
            + call.args().stream().map(MagicDispatch::literal).collect(Collectors.joining(", "))
            + ")";
    String method = call.isCell() ? "cell" : "line";
    return part.assignment()
        + SELF
        + "."
        + witness(type)
        + method
        + "("
        + literal(call.name())
        + ", "
        + args
        + (call.isCell() ? ", " + literal(call.body()) : "")
        + ");";
  }

  /**
   * The Java statement that assigns a stashed value.
   *
   * @param assignment e.g. {@code "var w = "}
   * @param key the key from {@link #stash}
   * @param type the value's type, or null for Object
   * @return e.g. {@code var w = org.locspec.kernel.magic.MagicDispatch.<T>take("v3");}
   */
  public static String javaTake(String assignment, String key, String type) {
    return assignment + SELF + "." + witness(type) + "take(" + literal(key) + ");";
  }

  private static String witness(String type) {
    return type == null ? "" : "<" + type + ">";
  }

  private static MagicsRegistry registry(BaseKernel kernel) {
    MagicsRegistry registry = kernel.getMagicsRegistry();
    if (registry == null) {
      throw new IllegalStateException(
          "the kernel " + kernel.getName() + " has no magics registry; magics are unavailable");
    }
    return registry;
  }

  /**
   * The exception for a magic that is not registered, listing the known ones.
   *
   * @param written the magic as written, e.g. "%nosuch" or "%%nosuch"
   * @param registry the kernel's magics
   * @return the exception
   */
  public static UnknownMagicException unknown(String written, MagicsRegistry registry) {
    return new UnknownMagicException(
        "unknown magic "
            + written
            + "; known line magics: "
            + names("%", registry.getLineMagicNames())
            + "; known cell magics: "
            + names("%%", registry.getCellMagicNames())
            + " (%lsmagic lists them with their usage)");
  }

  private static String names(String prefix, Set<String> names) {
    return names.isEmpty()
        ? "(none)"
        : names.stream().sorted().map(n -> prefix + n).collect(Collectors.joining(", "));
  }

  /** A Java string literal with the given value. */
  static String literal(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable t) throws T {
    throw (T) t;
  }
}
