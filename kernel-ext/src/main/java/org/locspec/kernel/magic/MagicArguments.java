package org.locspec.kernel.magic;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dflib.jjava.jupyter.kernel.magic.MagicArgsParseException;
import org.dflib.jjava.jupyter.kernel.magic.MagicsArgs;

/**
 * Parsed arguments of one magic call: JJava's {@link MagicsArgs} does the parsing, this class turns
 * its errors and the values into {@link MagicUsageException}s that carry the usage line.
 */
public final class MagicArguments {
  private static final MagicsArgs NONE =
      MagicsArgs.builder().onlyKnownKeywords().onlyKnownFlags().build();

  private final Magic magic;
  private final Map<String, List<String>> values;

  private MagicArguments(Magic magic, Map<String, List<String>> values) {
    this.magic = magic;
    this.values = values;
  }

  /**
   * Parses a magic's arguments.
   *
   * @param magic the magic (for its name and usage)
   * @param schema the accepted arguments, built with {@code onlyKnownKeywords().onlyKnownFlags()}
   * @param args the tokens after the magic's name
   * @return the parsed arguments
   * @throws MagicUsageException naming the bad argument, with the usage line
   */
  public static MagicArguments parse(Magic magic, MagicsArgs schema, List<String> args) {
    try {
      return new MagicArguments(magic, schema.parse(List.copyOf(args)));
    } catch (MagicArgsParseException e) {
      throw new MagicUsageException(magic.name(), e.getMessage(), magic.usage());
    }
  }

  /**
   * Checks that a magic that takes no arguments got none.
   *
   * @param magic the magic (for its name and usage)
   * @param args the tokens after the magic's name
   * @throws MagicUsageException naming the unexpected argument, with the usage line
   */
  public static void none(Magic magic, List<String> args) {
    parse(magic, NONE, args);
  }

  /** The values of a positional argument given several times (varargs) or a repeated keyword. */
  public List<String> values(String name) {
    List<String> v = values.get(name);
    return v == null ? List.of() : List.copyOf(v);
  }

  /** Whether a flag (e.g. {@code -v}) or a keyword was given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value of a positional argument or a keyword given once, if present. */
  public Optional<String> value(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /**
   * An integer keyword value that must be positive.
   *
   * @param name the keyword, without {@code --}
   * @return the value, if the keyword was given
   * @throws MagicUsageException if it is not an integer or not positive
   */
  public Optional<Integer> positiveInt(String name) {
    Optional<String> raw = value(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    int n;
    try {
      n = Integer.parseInt(raw.get().trim());
    } catch (NumberFormatException e) {
      throw fail("--" + name + " must be a positive integer, got '" + raw.get() + "'");
    }
    if (n < 1) {
      throw fail("--" + name + " must be >= 1, got " + n);
    }
    return Optional.of(n);
  }

  /** A usage error of this magic with the given problem. */
  public MagicUsageException fail(String problem) {
    return new MagicUsageException(magic.name(), problem, magic.usage());
  }
}
