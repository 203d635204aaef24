package org.locspec.kernel.magic;

import java.util.Objects;

/**
 * A variable of the notebook session.
 *
 * @param name its name
 * @param type its declared type as written in the cell, e.g. "List<String>"
 * @param value its current value (null for null)
 */
public record SessionVariable(String name, String type, Object value) {
  /** Validates. */
  public SessionVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
