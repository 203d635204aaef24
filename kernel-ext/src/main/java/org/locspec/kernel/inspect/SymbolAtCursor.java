package org.locspec.kernel.inspect;

/**
 * The dotted name under or just before a cursor, e.g. {@code ImportanceTest.run} in {@code var r =
 * ImportanceTest.ru|n(net, test, subs)} or in {@code Datasets.load |}.
 *
 * @param start where the name starts
 * @param memberStart where its last part starts
 * @param end where the name ends
 * @param call the position just after the {@code (} that follows the name, or -1
 */
public record SymbolAtCursor(int start, int memberStart, int end, int call) {
  /**
   * Finds the name at a cursor.
   *
   * @param code the code
   * @param cursor the cursor position
   * @return the name, or null if the cursor is not on or after one
   */
  public static SymbolAtCursor find(String code, int cursor) {
    int at = Math.min(Math.max(cursor, 0), code.length());
    if ((at == code.length() || !Character.isJavaIdentifierPart(code.charAt(at)))
        && (at == 0 || !Character.isJavaIdentifierPart(code.charAt(at - 1)))) {
      int back = at; // "before the cursor": step back over blanks to a name
      while (back > 0 && (code.charAt(back - 1) == ' ' || code.charAt(back - 1) == '\t')) {
        back--;
      }
      if (back == 0 || !Character.isJavaIdentifierPart(code.charAt(back - 1))) {
        return null;
      }
      at = back;
    }
    int end = at;
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    int memberStart = at;
    while (memberStart > 0 && Character.isJavaIdentifierPart(code.charAt(memberStart - 1))) {
      memberStart--;
    }
    if (memberStart == end || !Character.isJavaIdentifierStart(code.charAt(memberStart))) {
      return null;
    }
    int start = memberStart;
    while (start > 1
        && code.charAt(start - 1) == '.'
        && Character.isJavaIdentifierPart(code.charAt(start - 2))) {
      start -= 2;
      while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
        start--;
      }
    }
    int next = end;
    while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
      next++;
    }
    int call = next < code.length() && code.charAt(next) == '(' ? next + 1 : -1;
    return new SymbolAtCursor(start, memberStart, end, call);
  }

  /** Whether the name has a qualifier ({@code Datasets.load}, not {@code load}). */
  public boolean qualified() {
    return memberStart > start;
  }

  /** The name's last part. */
  public String member(String code) {
    return code.substring(memberStart, end);
  }
}
