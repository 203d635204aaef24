package org.locspec.kernel.render;

import java.lang.reflect.Array;

/**
 * Short, readable text for any value: arrays show their type, length and first elements ({@code
 * int[5] {1, 2, 3, 4, 5}}, {@code float[2][3] {{0.5, 1.0, 1.5}, {2.0, 2.5, 3.0}}}) instead of
 * {@code [I@4bc9f9c5}; other values their {@code toString()}, cut to a length.
 */
public final class ValueText {
  /** Elements shown per array dimension before "...". */
  public static final int ELEMENTS = 20;

  private ValueText() {}

  /**
   * A one-line text of a value, at most {@code maxChars} long.
   *
   * @param value any value, may be null
   * @param maxChars the longest text, at least 10
   * @return the text; cut ones end with "..."
   */
  public static String shortText(Object value, int maxChars) {
    String text;
    try {
      text = value != null && value.getClass().isArray() ? arrayText(value) : String.valueOf(value);
    } catch (RuntimeException | LinkageError e) {
      text = value.getClass().getName() + " (toString failed: " + e + ")";
    }
    text = text.replaceAll("\\s*\\R\\s*", " ");
    return text.length() <= maxChars ? text : text.substring(0, Math.max(7, maxChars - 3)) + "...";
  }

  /**
   * The text of an array: its element type with every dimension's length, then its elements (the
   * first {@value #ELEMENTS} and the last of each dimension).
   *
   * @param array an array of any type and rank
   * @return e.g. {@code double[3] {0.5, 1.0, 1.5}}
   * @throws IllegalArgumentException if the value is not an array
   */
  public static String arrayText(Object array) {
    if (array == null || !array.getClass().isArray()) {
      throw new IllegalArgumentException("not an array: " + array);
    }
    return type(array) + " " + elements(array);
  }

  private static String type(Object array) {
    Class<?> c = array.getClass();
    StringBuilder dims = new StringBuilder();
    Object level = array;
    while (c.isArray()) {
      int n = level == null ? 0 : Array.getLength(level);
      dims.append('[').append(level == null ? "" : n).append(']');
      level = level != null && n > 0 && c.getComponentType().isArray() ? Array.get(level, 0) : null;
      c = c.getComponentType();
    }
    return c.getSimpleName() + dims;
  }

  private static String elements(Object array) {
    int n = Array.getLength(array);
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      if (i == ELEMENTS - 1 && n > ELEMENTS) {
        sb.append("..., ");
        i = n - 1;
      }
      Object e = Array.get(array, i);
      sb.append(e != null && e.getClass().isArray() ? elements(e) : element(e));
      if (i < n - 1) {
        sb.append(", ");
      }
    }
    return sb.append('}').toString();
  }

  private static String element(Object e) {
    if (e instanceof String s) {
      return '"' + s + '"';
    }
    if (e instanceof Character ch) {
      return "'" + ch + "'";
    }
    return String.valueOf(e);
  }
}
