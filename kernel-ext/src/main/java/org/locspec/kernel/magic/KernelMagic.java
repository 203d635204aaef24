package org.locspec.kernel.magic;

/**
 * A magic the kernel runs itself, between the statements of a cell, because it needs the session:
 * it times code ({@code %time}), lists the variables ({@code %whos}) or changes the class path
 * ({@code %jars}). It does not run from cell code, so it cannot be called inside a statement;
 * {@code var x = %name args} still assigns its value.
 *
 * @param <R> the type of the magic's value
 */
public interface KernelMagic<R> extends Magic {
  /**
   * Whether the magic can start a cell as {@code %%name args} (with the cell as its body).
   *
   * @return true for a cell magic form; false (the default) for a line magic only
   */
  default boolean hasCellForm() {
    return false;
  }

  /**
   * Whether the magic can be used as {@code %name args} on a line.
   *
   * @return true (the default)
   */
  default boolean hasLineForm() {
    return true;
  }

  /**
   * Runs the magic.
   *
   * @param host the kernel's session
   * @param call how the magic was called ({@link MagicCall#body()} is set for {@code %%name})
   * @return the magic's value (rendered when it ends the cell), or null
   * @throws Exception what the work throws; {@link MagicUsageException} for bad arguments
   */
  R run(MagicHost host, MagicCall call) throws Exception;
}
