package org.locspec.kernel.magic;

/**
 * What every LocSpec magic tells about itself: its name, a usage line (shown with every argument
 * error, see {@link MagicArguments}) and one line of help (listed by {@code %lsmagic}).
 *
 * <p>A magic is either a {@link DescribedMagic} (a JJava line magic that cell code calls; its value
 * can be assigned, {@code var d = %dataset mnist}, and keeps its Java type) or a {@link
 * KernelMagic} (run by the kernel itself between a cell's statements, for magics that need the
 * session: {@code %time}, {@code %whos}, {@code %jars}).
 */
public interface Magic {
  /** The name used after {@code %}, e.g. "dataset". */
  String name();

  /** The usage line, e.g. {@code "%dataset NAME [--split train|test] [--limit N]"}. */
  String usage();

  /** One line saying what the magic does. */
  String help();
}
