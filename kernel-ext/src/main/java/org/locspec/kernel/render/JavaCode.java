package org.locspec.kernel.render;

import java.util.Objects;

/**
 * Java source to show in a cell, e.g. what a magic runs ({@code --java}); rendered as a code block
 * by {@link CodeRenderers}.
 *
 * @param code Java statements
 */
public record JavaCode(String code) {
  /** Validates. */
  public JavaCode {
    Objects.requireNonNull(code, "code must not be null");
  }

  /** The code itself. */
  @Override
  public String toString() {
    return code;
  }
}
