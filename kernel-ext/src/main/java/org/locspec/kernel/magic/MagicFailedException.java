package org.locspec.kernel.magic;

/**
 * The library refused a magic's work with a message meant for people (a missing or corrupt file, a
 * network that does not fit the data, ...). The kernel shows the message on one line, without a
 * stack trace; the library's exception is the cause.
 */
public final class MagicFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param magic the magic's name without {@code %}
   * @param cause what the library threw; its message says what is wrong and how to fix it
   */
  public MagicFailedException(String magic, RuntimeException cause) {
    super("%" + magic + ": " + cause.getMessage(), cause);
  }
}
