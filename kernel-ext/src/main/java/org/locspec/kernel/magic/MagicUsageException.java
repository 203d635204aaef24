package org.locspec.kernel.magic;

/**
 * A magic was called with bad arguments. The message names the magic, the argument and the problem,
 * and ends with the magic's usage line.
 */
public final class MagicUsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param magic the magic's name without {@code %}, e.g. "dataset"
   * @param problem what is wrong, e.g. "--limit must be an integer >= 1, got 'x'"
   * @param usage the usage line, e.g. "%dataset NAME [--split train|test] [--limit N]"
   */
  public MagicUsageException(String magic, String problem, String usage) {
    super("%" + magic + ": " + problem + "\nusage: " + usage);
  }
}
