package org.locspec.kernel.render;

/** HTML helpers for renderers. */
public final class Html {
  private Html() {}

  /**
   * Escapes text for HTML element content and attribute values.
   *
   * @param text any text, may be null (gives "")
   * @return the text with {@code & < > " '} replaced by entities
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
