package org.locspec.kernel.output;

/** UTF-8 helpers for text that arrives in arbitrary byte pieces. */
final class Utf8 {
  private Utf8() {}

  /**
   * The length of the longest prefix that does not end inside a multi-byte character.
   *
   * @param bytes UTF-8 bytes, possibly cut in the middle of a character
   * @return bytes.length, or the start of a last character that is not complete yet
   */
  static int completeLength(byte[] bytes) {
    int n = bytes.length;
    int i = n - 1;
    while (i >= 0 && i > n - 4 && (bytes[i] & 0xC0) == 0x80) {
      i--; // continuation bytes
    }
    if (i < 0) {
      return n;
    }
    int lead = bytes[i] & 0xFF;
    int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return n - i < needed ? i : n;
  }
}
