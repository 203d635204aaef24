package org.locspec.kernel;

import java.util.List;
import java.util.Optional;
import org.locspec.kernel.magic.CellPart;
import org.locspec.kernel.magic.KernelMagic;
import org.locspec.kernel.magic.Magic;
import org.locspec.kernel.magic.MagicCatalog;
import org.locspec.kernel.magic.MagicDispatch;
import org.locspec.kernel.magic.MagicHost;
import org.locspec.kernel.magic.MagicScanner;

/**
 * Runs one cell: Java code and the magics that cell code calls go to JShell together (a magic
 * becomes a typed call of {@link MagicDispatch} on its own line, so cell lines stay right); a
 * {@link KernelMagic} runs here, between the Java before and after it. Every magic name is checked
 * before anything runs. The cell's value is the value of its last piece.
 */
final class CellRun {
  private final CellEvaluator evaluator;
  private final MagicCatalog catalog;
  private final MagicHost host;
  private final String label;
  private final StringBuilder java = new StringBuilder();
  private int javaLine;

  private CellRun(CellEvaluator evaluator, MagicCatalog catalog, MagicHost host, String label) {
    this.evaluator = evaluator;
    this.catalog = catalog;
    this.host = host;
    this.label = label;
  }

  /**
   * Runs a cell.
   *
   * @param cell the cell's text
   * @param label its label for stack traces, e.g. "cell [3]"
   * @param evaluator the session
   * @param catalog the kernel's magics
   * @param host the kernel, for kernel magics
   * @return the value of the cell's last piece, or null
   * @throws Exception what the code or a magic throws
   */
  static Object run(
      String cell, String label, CellEvaluator evaluator, MagicCatalog catalog, MagicHost host)
      throws Exception {
    List<CellPart> parts = MagicScanner.scan(cell);
    for (CellPart part : parts) {
      if (part instanceof CellPart.Magic m) {
        check(m, catalog);
      }
    }
    return new CellRun(evaluator, catalog, host, label).run(parts);
  }

  private static void check(CellPart.Magic m, MagicCatalog catalog) {
    String name = m.call().name();
    boolean known =
        m.call().isCell()
            ? catalog.cellMagicNames().contains(name)
            : catalog.lineMagicNames().contains(name);
    if (!known) {
      throw MagicDispatch.unknown((m.call().isCell() ? "%%" : "%") + name, catalog.registry());
    }
  }

  private Object run(List<CellPart> parts) throws Exception {
    Object value = null;
    for (CellPart part : parts) {
      if (part instanceof CellPart.Java j) {
        append(j.code(), j.line());
        continue;
      }
      CellPart.Magic m = (CellPart.Magic) part;
      Optional<Magic> magic =
          m.call().isCell()
              ? catalog.cellMagic(m.call().name())
              : catalog.lineMagic(m.call().name());
      String type = magic.flatMap(MagicCatalog::resultType).orElse(null);
      if (magic.isPresent() && magic.get() instanceof KernelMagic<?> kernelMagic) {
        value = flushJava(value);
        Object result = kernelMagic.run(host, m.call());
        value =
            m.assignment().isBlank()
                ? result
                : evaluator.eval(
                    MagicDispatch.javaTake(m.assignment(), MagicDispatch.stash(result), type),
                    label,
                    m.line());
      } else {
        append(MagicDispatch.javaCall(m, type), m.line());
      }
    }
    return flushJava(value);
  }

  private void append(String code, int line) {
    if (java.length() == 0) {
      javaLine = line;
    }
    java.append(code);
  }

  /** Runs the Java collected so far; its value, or the previous one if it was only blank. */
  private Object flushJava(Object previous) {
    String code = java.toString();
    java.setLength(0);
    return code.isBlank() ? previous : evaluator.eval(code, label, javaLine);
  }

  /**
   * The cell as Java for completeness checks: magics become blank lines (a magic line is complete
   * by itself); a cell magic makes the whole cell complete.
   *
   * @param cell the cell's text
   * @return Java code, or null if the cell is a cell magic
   */
  static String javaOnly(String cell) {
    StringBuilder sb = new StringBuilder();
    for (CellPart part : MagicScanner.scan(cell)) {
      if (part instanceof CellPart.Java j) {
        sb.append(j.code());
      } else if (((CellPart.Magic) part).call().isCell()) {
        return null;
      }
    }
    return sb.toString();
  }

  /**
   * The cell with its magic lines blanked out (same length, line breaks kept), for analyses that
   * work on positions: completion, inspection. A cell magic's body is kept (it is usually Java).
   *
   * @param cell the cell's text
   * @return the text with every magic's own line replaced by blanks
   */
  static String blankMagics(String cell) {
    List<CellPart> parts = MagicScanner.scan(cell);
    if (parts.size() == 1 && parts.get(0) instanceof CellPart.Magic m && m.call().isCell()) {
      int bodyStart = cell.length() - m.call().body().length();
      return " ".repeat(bodyStart - 1) + "\n" + m.call().body();
    }
    StringBuilder sb = new StringBuilder(cell.length());
    for (CellPart part : parts) {
      if (part instanceof CellPart.Java j) {
        sb.append(j.code());
      } else {
        int lineStart = sb.length();
        int lineEnd = cell.indexOf('\n', lineStart);
        sb.append(" ".repeat((lineEnd < 0 ? cell.length() : lineEnd) - lineStart));
      }
    }
    return sb.toString();
  }
}
