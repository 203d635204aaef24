package org.locspec.kernel.output;

/**
 * Where the output of one cell goes, e.g. stream messages on IOPub with the cell's request as their
 * parent.
 */
@FunctionalInterface
public interface OutputSink {
  /**
   * Delivers text (called by one thread at a time, in the order the text was printed).
   *
   * @param stream the stream the text was printed on
   * @param text the text, never empty
   */
  void write(StreamName stream, String text);
}
