package org.locspec.kernel.magic.builtin;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import org.locspec.kernel.magic.KernelMagic;
import org.locspec.kernel.magic.MagicCall;
import org.locspec.kernel.magic.MagicHost;
import org.locspec.kernel.magic.MagicUsageException;

/**
 * {@code %time CODE} (the rest of the line) and {@code %%time} (the rest of the cell): runs the
 * code in the session and prints its wall time and the kernel process's CPU time (all threads, so
 * parallel work shows as CPU time above wall time). The value is the code's value.
 */
public final class TimeMagic implements KernelMagic<Object> {
  /** Creates the magic. */
  public TimeMagic() {}

  @Override
  public String name() {
    return "time";
  }

  @Override
  public String usage() {
    return "%time CODE  (one line)  |  %%time  (first line of a cell: times the cell)";
  }

  @Override
  public String help() {
    return "runs code and prints its wall time and the kernel's CPU time";
  }

  @Override
  public boolean hasCellForm() {
    return true;
  }

  @Override
  public Object run(MagicHost host, MagicCall call) throws Exception {
    String code = call.isCell() ? call.body() : call.rawArgs();
    if (call.isCell() && !call.rawArgs().isEmpty()) {
      throw new MagicUsageException(
          name(),
          "%%time takes no arguments, got '"
              + call.rawArgs()
              + "'; the code goes on the next lines",
          usage());
    }
    if (code.isBlank()) {
      throw new MagicUsageException(name(), "there is no code to time", usage());
    }
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    try {
      return host.run(code);
    } finally {
      long wall = System.nanoTime() - t0;
      long cpu = processCpuNanos() - cpu0;
      System.out.println(
          "Wall time: " + format(wall) + (cpu0 < 0 ? "" : ", CPU time (kernel): " + format(cpu)));
    }
  }

  private static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * A duration in the unit that suits it.
   *
   * @param nanos nanoseconds
   * @return e.g. "850 µs", "12.3 ms", "4.56 s", "2 min 3.4 s"
   */
  static String format(long nanos) {
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    if (nanos < 60_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
    long minutes = nanos / 60_000_000_000L;
    return String.format(Locale.ROOT, "%d min %.1f s", minutes, (nanos - minutes * 60e9) / 1e9);
  }
}
