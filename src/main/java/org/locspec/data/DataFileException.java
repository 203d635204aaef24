package org.locspec.data;

import java.nio.file.Path;

/**
 * A data file is missing, truncated or not in the expected format.
 *
 * <p>The message names the file, what is wrong with it and how to fix it, e.g. "Fashion-MNIST file
 * not found: /x/train-images-idx3-ubyte.gz. Run datasets/fetch.sh or pass the directory that holds
 * the IDX files."
 */
public class DataFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates an exception about one file.
   *
   * @param file the file at fault (may be {@code null} when no single file is at fault)
   * @param message what is wrong and how to fix it; should name the file
   */
  public DataFileException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /**
   * Creates an exception about one file, with the underlying cause.
   *
   * @param file the file at fault (may be {@code null})
   * @param message what is wrong and how to fix it; should name the file
   * @param cause the underlying I/O or parse error
   */
  public DataFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The file at fault, or {@code null} when the problem is not tied to one file. */
  public Path file() {
    return file;
  }
}
