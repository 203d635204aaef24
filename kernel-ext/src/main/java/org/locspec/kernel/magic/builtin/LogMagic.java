package org.locspec.kernel.magic.builtin;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.locspec.kernel.log.KernelLogging;
import org.locspec.kernel.log.LogLevel;
import org.locspec.kernel.magic.DescribedMagic;
import org.locspec.kernel.magic.MagicArguments;
import org.locspec.kernel.magic.MagicSyntax;

/**
 * {@code %log [LEVEL]}: shows library log records (DJL, Smile, ...) at LEVEL and above in cell
 * output, or hides them ({@code %log off}, the default); without LEVEL it tells the settings.
 */
public final class LogMagic implements DescribedMagic<LogSettings> {
  private static final MagicSyntax SYNTAX = MagicSyntax.builder().optional("level").build();

  /** Creates the magic. */
  public LogMagic() {}

  @Override
  public String name() {
    return "log";
  }

  @Override
  public String usage() {
    return "%log [off|error|warn|info|debug|trace]   (default off: library log stays out of cells)";
  }

  @Override
  public String help() {
    return "shows library log messages at a level and above in cell output, or hides them";
  }

  @Override
  public LogSettings eval(BaseKernel kernel, List<String> args) {
    MagicArguments a = MagicArguments.parse(this, SYNTAX, args);
    a.value("level")
        .ifPresent(
            level -> {
              try {
                KernelLogging.cellLevel(LogLevel.parse(level));
              } catch (IllegalArgumentException e) {
                throw a.fail(e.getMessage());
              }
            });
    return new LogSettings(KernelLogging.cellLevel(), KernelLogging.kernelLogLevel());
  }
}
