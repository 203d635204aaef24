package org.locspec.kernel.output;

/** The two output streams of a cell. */
public enum StreamName {
  /** Standard output ({@code System.out}). */
  STDOUT,
  /** Standard error ({@code System.err}). */
  STDERR
}
