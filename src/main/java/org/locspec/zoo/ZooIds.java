package org.locspec.zoo;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the names of the zoo's enumerations (architectures, regimes) in one way. */
final class ZooIds {
  private ZooIds() {}

  /**
   * The constant with a given name.
   *
   * @param values the constants
   * @param id the name of each
   * @param what what they are, for the message, e.g. "regime"
   * @param input the name to read (case-insensitive, trimmed)
   * @return the constant
   * @throws IllegalArgumentException naming the input and the known names
   */
  static <E> E parse(E[] values, Function<E, String> id, String what, String input) {
    String key = input == null ? "" : input.trim();
    for (E e : values) {
      if (id.apply(e).equalsIgnoreCase(key)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown "
            + what
            + " '"
            + input
            + "'; use one of "
            + Arrays.stream(values).map(id).collect(Collectors.joining(", ")));
  }
}
