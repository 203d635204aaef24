package org.locspec.kernel.magic;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * The LocSpec magics of one kernel, by name, next to its JJava {@link MagicsRegistry} (which only
 * runs magics: it cannot tell their kind, usage or result type). {@link #register} puts a magic in
 * both; magics other extensions put in the registry directly are still run, as untyped line or cell
 * magics.
 */
public final class MagicCatalog {
  private static final Map<MagicsRegistry, MagicCatalog> CATALOGS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final MagicsRegistry registry;
  private final Map<String, Magic> lineMagics = new ConcurrentHashMap<>();
  private final Map<String, Magic> cellMagics = new ConcurrentHashMap<>();

  private MagicCatalog(MagicsRegistry registry) {
    this.registry = registry;
  }

  /**
   * The catalog that goes with a registry (created on first use).
   *
   * @param registry a kernel's magics registry
   * @return its catalog
   */
  public static MagicCatalog of(MagicsRegistry registry) {
    return CATALOGS.computeIfAbsent(registry, MagicCatalog::new);
  }

  /** The JJava registry the magics run through. */
  public MagicsRegistry registry() {
    return registry;
  }

  /**
   * Registers a magic (replacing one of the same name): a {@link DescribedMagic} as a line magic
   * (and as a cell magic if it also implements JJava's {@link CellMagic}); a {@link KernelMagic} in
   * its forms, with registry entries that explain it cannot run inside a statement.
   *
   * @param magic the magic
   * @throws IllegalArgumentException for a magic that is neither kind
   */
  public void register(Magic magic) {
    String name = magic.name();
    if (magic instanceof DescribedMagic<?> line) {
      registry.registerLineMagic(name, line);
      lineMagics.put(name, magic);
      if (magic instanceof CellMagic<?, ?> cell) {
        registry.registerCellMagic(name, cell);
        cellMagics.put(name, magic);
      }
    } else if (magic instanceof KernelMagic<?> kernelMagic) {
      if (kernelMagic.hasLineForm()) {
        registry.registerLineMagic(
            name,
            (kernel, args) -> {
              throw notInAStatement(kernelMagic);
            });
        lineMagics.put(name, magic);
      }
      if (kernelMagic.hasCellForm()) {
        registry.registerCellMagic(
            name,
            (kernel, args, body) -> {
              throw notInAStatement(kernelMagic);
            });
        cellMagics.put(name, magic);
      }
    } else {
      throw new IllegalArgumentException(
          "magic %"
              + name
              + " ("
              + magic.getClass().getName()
              + ") must implement DescribedMagic or KernelMagic");
    }
  }

  private static MagicUsageException notInAStatement(KernelMagic<?> magic) {
    return new MagicUsageException(
        magic.name(),
        "it is run by the LocSpec kernel between statements, so it must start a line of the cell"
            + " (or be assigned: var x = %"
            + magic.name()
            + " ...), not be called from code",
        magic.usage());
  }

  /** The LocSpec line magic of this name, if one is registered. */
  public Optional<Magic> lineMagic(String name) {
    return Optional.ofNullable(lineMagics.get(name));
  }

  /** The LocSpec cell magic of this name, if one is registered. */
  public Optional<Magic> cellMagic(String name) {
    return Optional.ofNullable(cellMagics.get(name));
  }

  /** Every line magic name the kernel runs (LocSpec's and other extensions'), sorted. */
  public SortedSet<String> lineMagicNames() {
    return new TreeSet<>(registry.getLineMagicNames());
  }

  /** Every cell magic name the kernel runs, sorted. */
  public SortedSet<String> cellMagicNames() {
    return new TreeSet<>(registry.getCellMagicNames());
  }

  /** The LocSpec magics, sorted by name (a magic with both forms once). */
  public List<Magic> all() {
    Map<String, Magic> byName = new java.util.TreeMap<>(cellMagics);
    byName.putAll(lineMagics);
    return new ArrayList<>(byName.values());
  }

  /**
   * The Java type of a magic's value, as declared by its {@code eval} or {@code run} method.
   *
   * @param magic a magic
   * @return the canonical name of a public type, or empty when it is {@code Object} or cannot be
   *     named in cell code
   */
  public static Optional<String> resultType(Magic magic) {
    Method method;
    try {
      method =
          magic instanceof KernelMagic
              ? magic.getClass().getMethod("run", MagicHost.class, MagicCall.class)
              : magic.getClass().getMethod("eval", BaseKernel.class, List.class);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
    Class<?> type = method.getReturnType();
    if (type == Object.class || type.isPrimitive() || type.getCanonicalName() == null) {
      return Optional.empty();
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return Optional.empty();
      }
    }
    return Optional.of(type.getCanonicalName());
  }
}
