package org.locspec.kernel.magic;

/**
 * A piece of a cell as {@link MagicScanner} splits it: Java code, or one magic call. The pieces of
 * a cell, joined in order, give back its lines: a line magic is exactly one line.
 */
public sealed interface CellPart permits CellPart.Java, CellPart.Magic {
  /** The cell line (1-based) the piece starts on. */
  int line();

  /**
   * Java code (statements, declarations, ...), with the line breaks around it.
   *
   * @param code the code
   * @param line the cell line it starts on
   */
  record Java(String code, int line) implements CellPart {}

  /**
   * A magic call, alone on its line (or starting the cell for {@code %%}).
   *
   * @param call the call
   * @param assignment the Java that assigns the magic's value, e.g. {@code "var d = "}, or ""
   * @param line the cell line it is on
   */
  record Magic(MagicCall call, String assignment, int line) implements CellPart {}
}
