package org.locspec.kernel.magic;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import org.locspec.viz.Spelling;

/**
 * The parsed arguments of one magic call, read against the magic's {@link MagicSyntax}. Every
 * problem (an unknown option, a missing or malformed value, a value outside its range or list) is a
 * {@link MagicUsageException} that names the argument, suggests the nearest valid spelling where
 * one is close, and ends with the magic's usage line.
 *
 * <p>Arguments: positional words in order; {@code --name value} or {@code --name=value} for an
 * option; {@code --name} for a switch. A value may start with {@code -} (a negative number), but
 * not with {@code --}.
 */
public final class MagicArguments {
  private final Magic magic;
  private final MagicSyntax syntax;
  private final Map<String, String> values;

  private MagicArguments(Magic magic, MagicSyntax syntax, Map<String, String> values) {
    this.magic = magic;
    this.syntax = syntax;
    this.values = values;
  }

  /**
   * Parses a magic's arguments.
   *
   * @param magic the magic (for its name and usage)
   * @param syntax what it accepts
   * @param args the tokens after the magic's name
   * @return the parsed arguments
   * @throws MagicUsageException naming the bad argument, with the usage line
   */
  public static MagicArguments parse(Magic magic, MagicSyntax syntax, List<String> args) {
    Map<String, String> values = new HashMap<>();
    MagicArguments parsed = new MagicArguments(magic, syntax, values);
    int positional = 0;
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (!token.startsWith("--") || token.length() == 2) {
        if (positional >= syntax.positionals().size()) {
          throw parsed.fail(
              "unexpected argument '"
                  + token
                  + "'"
                  + (syntax.positionals().isEmpty()
                      ? " (it takes no positional arguments)"
                      : " after "
                          + String.join(
                              ", ", syntax.positionals().stream().map(parsed::label).toList())));
        }
        values.put(syntax.positionals().get(positional++), token);
        continue;
      }
      int eq = token.indexOf('=');
      String name = token.substring(2, eq < 0 ? token.length() : eq);
      if (values.containsKey(name)) {
        throw parsed.fail("--" + name + " is given twice; give it once");
      }
      if (syntax.flags().contains(name)) {
        if (eq >= 0) {
          throw parsed.fail("--" + name + " is a switch and takes no value, got '" + token + "'");
        }
        values.put(name, "");
      } else if (syntax.options().containsKey(name)) {
        String value;
        if (eq >= 0) {
          value = token.substring(eq + 1);
        } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          value = args.get(++i);
        } else {
          throw parsed.fail(
              "--" + name + " needs a value: --" + name + " " + syntax.options().get(name));
        }
        values.put(name, value);
      } else {
        throw parsed.fail(
            "unknown option --"
                + name
                + suggest(name, syntax.names(), "--")
                + (syntax.names().isEmpty()
                    ? " (it takes no options)"
                    : " (options: --" + String.join(", --", syntax.names()) + ")"));
      }
    }
    if (positional < syntax.required()) {
      throw parsed.fail(parsed.label(syntax.positionals().get(positional)) + " is missing");
    }
    return parsed;
  }

  /**
   * Checks that a magic that takes no arguments got none.
   *
   * @param magic the magic (for its name and usage)
   * @param args the tokens after the magic's name
   * @throws MagicUsageException naming the unexpected argument, with the usage line
   */
  public static void none(Magic magic, List<String> args) {
    parse(magic, MagicSyntax.NONE, args);
  }

  private static String suggest(String typed, Collection<String> known, String prefix) {
    return Spelling.nearest(typed, known).map(n -> "; did you mean " + prefix + n + "?").orElse("");
  }

  /** Whether a switch (e.g. {@code --local}), an option or a positional argument was given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value of a positional argument or an option, if given. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * An integer value of at least {@code min}.
   *
   * @param name the option, without {@code --}
   * @param min the smallest valid value
   * @return the value, if the option was given
   * @throws MagicUsageException if it is not an integer or below {@code min}
   */
  public Optional<Integer> intAtLeast(String name, int min) {
    return value(name)
        .map(
            raw -> {
              long n = longAtLeast(name, raw, min);
              if (n > Integer.MAX_VALUE) {
                throw fail("--" + name + " must be at most " + Integer.MAX_VALUE + ", got " + n);
              }
              return (int) n;
            });
  }

  /**
   * A positive integer value.
   *
   * @param name the option, without {@code --}
   * @return the value, if the option was given
   * @throws MagicUsageException if it is not an integer or not positive
   */
  public Optional<Integer> positiveInt(String name) {
    return intAtLeast(name, 1);
  }

  /**
   * A seed: any integer of at least 0.
   *
   * @param name the option, without {@code --}
   * @return the value, if the option was given
   * @throws MagicUsageException if it is not a non-negative integer
   */
  public Optional<Long> seed(String name) {
    return value(name).map(raw -> longAtLeast(name, raw, 0));
  }

  private long longAtLeast(String name, String raw, long min) {
    long n;
    try {
      n = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw fail("--" + name + " must be an integer >= " + min + ", got '" + raw + "'");
    }
    if (n < min) {
      throw fail("--" + name + " must be an integer >= " + min + ", got " + raw.trim());
    }
    return n;
  }

  /**
   * A value from a list (case-insensitive).
   *
   * @param name the option or positional argument
   * @param allowed the valid values
   * @return the valid value as the list spells it, if given
   * @throws MagicUsageException naming the valid values and the nearest one
   */
  public Optional<String> choice(String name, List<String> allowed) {
    Optional<String> raw = value(name);
    if (raw.isEmpty()) {
      return raw;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(raw.get().trim())) {
        return Optional.of(a);
      }
    }
    throw fail(
        label(name)
            + " must be one of "
            + String.join(", ", allowed)
            + ", got '"
            + raw.get()
            + "'"
            + Spelling.suggestion(raw.get(), allowed));
  }

  /** How an argument is written in messages: "--k" for an option, "GRAPH" for a positional. */
  private String label(String name) {
    return syntax.positionals().contains(name)
        ? name.toUpperCase(java.util.Locale.ROOT)
        : "--" + name;
  }

  /**
   * A Java variable name (for {@code --as}).
   *
   * @param name the option, without {@code --}
   * @return the identifier, if given
   * @throws MagicUsageException if it is not a valid Java identifier
   */
  public Optional<String> identifier(String name) {
    Optional<String> raw = value(name);
    if (raw.isPresent() && !SourceVersion.isName(raw.get())) {
      throw fail(
          "--"
              + name
              + " must be a Java variable name (letters, digits, _), got '"
              + raw.get()
              + "'");
    }
    return raw;
  }

  /** A usage error of this magic with the given problem. */
  public MagicUsageException fail(String problem) {
    return new MagicUsageException(magic.name(), problem, magic.usage());
  }
}
