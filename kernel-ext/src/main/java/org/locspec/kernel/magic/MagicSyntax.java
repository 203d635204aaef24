package org.locspec.kernel.magic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a magic accepts: positional arguments (the first {@code required} of them required), options
 * with a value ({@code --k 12} or {@code --k=12}) and switches without one ({@code --local}).
 * {@link MagicArguments#parse} reads arguments against it.
 *
 * <pre>{@code
 * MagicSyntax s = MagicSyntax.builder().optional("source").option("k", "K").flag("local").build();
 * }</pre>
 *
 * @param positionals the names of the positional arguments, in order
 * @param required how many of them are required (the first ones)
 * @param options option names (without {@code --}) with the placeholder of their value
 * @param flags switch names (without {@code --})
 */
public record MagicSyntax(
    List<String> positionals, int required, Map<String, String> options, List<String> flags) {

  /** A syntax that accepts nothing. */
  public static final MagicSyntax NONE = builder().build();

  /** Validates and copies. */
  public MagicSyntax {
    positionals = List.copyOf(positionals);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    flags = List.copyOf(flags);
    if (required < 0 || required > positionals.size()) {
      throw new IllegalArgumentException(
          "required must be in [0, " + positionals.size() + "], got " + required);
    }
    for (String f : flags) {
      if (options.containsKey(f)) {
        throw new IllegalArgumentException("--" + f + " is both an option and a switch");
      }
    }
  }

  /** Starts a syntax. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every option and switch name, for suggestions. */
  public List<String> names() {
    List<String> out = new ArrayList<>(options.keySet());
    out.addAll(flags);
    return out;
  }

  /** Collects a {@link MagicSyntax}. */
  public static final class Builder {
    private final List<String> positionals = new ArrayList<>();
    private int required;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();

    private Builder() {}

    /** Adds a required positional argument (before any optional one). */
    public Builder required(String name) {
      if (required != positionals.size()) {
        throw new IllegalStateException("required positional '" + name + "' after optional ones");
      }
      positionals.add(Objects.requireNonNull(name));
      required++;
      return this;
    }

    /** Adds an optional positional argument. */
    public Builder optional(String name) {
      positionals.add(Objects.requireNonNull(name));
      return this;
    }

    /**
     * Adds an option that takes a value.
     *
     * @param name the name without {@code --}, e.g. "k"
     * @param placeholder how usage text shows its value, e.g. "K"
     * @return this builder
     */
    public Builder option(String name, String placeholder) {
      options.put(Objects.requireNonNull(name), Objects.requireNonNull(placeholder));
      return this;
    }

    /** Adds a switch that takes no value, e.g. "local" for {@code --local}. */
    public Builder flag(String name) {
      flags.add(Objects.requireNonNull(name));
      return this;
    }

    /** The syntax. */
    public MagicSyntax build() {
      return new MagicSyntax(positionals, required, options, flags);
    }
  }
}
