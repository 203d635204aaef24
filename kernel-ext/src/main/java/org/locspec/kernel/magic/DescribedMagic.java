package org.locspec.kernel.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** A line magic that knows its name, usage line and one-line help (listed by {@code %locspec}). */
public interface DescribedMagic extends LineMagic<Object, BaseKernel> {

  /** The name used after {@code %}, e.g. "dataset". */
  String name();

  /** The usage line, e.g. {@code "%dataset NAME [--split train|test] [--limit N]"}. */
  String usage();

  /** One line saying what the magic does. */
  String help();
}
