package org.locspec.kernel.magic;

/** A cell uses a magic that nobody registered; the message lists the known magics. */
public final class UnknownMagicException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the unknown magic and lists the known ones
   */
  public UnknownMagicException(String message) {
    super(message);
  }
}
