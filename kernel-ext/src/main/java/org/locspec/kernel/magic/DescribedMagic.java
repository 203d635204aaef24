package org.locspec.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * A line magic that cell code calls ({@code %name args} becomes a call of {@link
 * MagicDispatch#line}), one class per magic. It parses its arguments with {@link MagicArguments}
 * (errors carry the usage line), maps them to the library's options, calls the library and returns
 * the result; no analysis logic of its own.
 *
 * <p>Declare the result type on {@link #eval}: the kernel gives {@code var x = %name args} that
 * type (e.g. {@code DatasetMagic.eval} returns {@code ImageDataset}).
 *
 * @param <R> the type of the magic's value
 */
public interface DescribedMagic<R> extends Magic, LineMagic<R, BaseKernel> {
  /**
   * Runs the magic.
   *
   * @param kernel the kernel the cell runs in
   * @param args the arguments, split like a shell does
   * @return the magic's value (rendered when it ends the cell)
   * @throws Exception what the library throws; {@link MagicUsageException} for bad arguments
   */
  @Override
  R eval(BaseKernel kernel, List<String> args) throws Exception;
}
