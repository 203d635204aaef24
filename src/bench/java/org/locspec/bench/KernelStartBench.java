package org.locspec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark (not a test): seconds from starting the LocSpec kernel to the reply of its first
 * executed cell, as a notebook front end sees it (through {@code jupyter_client}, by {@code
 * environment/bench/kernel_start.py}), against the target of 3 s and, as a peer, against
 * ipykernel's time to its first reply on the same machine. Rounds alternate between the two
 * kernels; the best round of each counts. Also prints the time to the {@code kernel_info} reply.
 *
 * <p>Run: {@code environment/bench.sh KernelStartBench} ({@code
 * BENCH_ARGS_KernelStartBench=ROUNDS}, default 3). Needs the {@code locspec} kernelspec ({@code
 * environment/install-kernel.sh}, which also writes the kernel's class-data-sharing archive) in
 * {@code JUPYTER_DATA_DIR}, by default {@code .jupyter} of the checkout.
 */
public final class KernelStartBench {
  /** The target: the first cell's reply within this many seconds of starting the kernel. */
  public static final double TARGET_SECONDS = 3.0;

  private static final String SCRIPT = "kernel_start.py";
  private static final String CELL = "1 + 1";

  private KernelStartBench() {}

  /**
   * Runs the benchmark and prints the headline.
   *
   * @param args optionally the number of rounds per kernel ({@code >= 1})
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
    }
    System.out.println(Bench.loadAverage() + " (before)");
    String env = System.getenv("JUPYTER_DATA_DIR");
    Path data = env != null && !env.isBlank() ? Path.of(env) : Bench.repoRoot().resolve(".jupyter");
    if (!Files.isRegularFile(data.resolve("kernels/locspec/kernel.json"))) {
      throw new IllegalStateException(
          "no locspec kernelspec in "
              + data
              + "; install it with: JUPYTER_DATA_DIR="
              + data
              + " environment/install-kernel.sh");
    }
    Path archive = Bench.repoRoot().resolve("kernel-ext/target/locspec-kernel.jsa");
    System.out.println(
        "class archive: "
            + (Files.isRegularFile(archive)
                ? archive + " (used while no jar is newer)"
                : "none (environment/install-kernel.sh writes it)"));
    double[] locspec = {Double.MAX_VALUE, Double.MAX_VALUE};
    double[] ipykernel = {Double.MAX_VALUE, Double.MAX_VALUE};
    for (int r = 0; r < rounds; r++) {
      best(locspec, Bench.peer(1, SCRIPT, "locspec", "1", CELL, data.toString()));
      best(ipykernel, Bench.peer(1, SCRIPT, "python3", "1", CELL, data.toString()));
    }
    System.out.printf(
        Locale.ROOT,
        "kernel_info reply: LocSpec %.3f s, ipykernel %.3f s (best of %d)%n",
        locspec[0],
        ipykernel[0],
        rounds);
    System.out.printf(
        Locale.ROOT,
        "first cell (%s) reply: LocSpec %.3f s, target %.1f s: LocSpec/target %.2f (%s)%n",
        CELL,
        locspec[1],
        TARGET_SECONDS,
        locspec[1] / TARGET_SECONDS,
        locspec[1] <= TARGET_SECONDS ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "headline: seconds from starting the kernel to its first cell's reply (jupyter_client):"
            + " LocSpec best %.3f s vs ipykernel best %.3f s: LocSpec/ipykernel %.2f;"
            + " LocSpec/target (%.0f s) %.2f%n",
        locspec[1],
        ipykernel[1],
        locspec[1] / ipykernel[1],
        TARGET_SECONDS,
        locspec[1] / TARGET_SECONDS);
    System.out.println(Bench.loadAverage() + " (after)");
  }

  /** Keeps the smaller kernel_info and first-cell seconds of a round's output. */
  private static void best(double[] best, String out) {
    best[0] = Math.min(best[0], Bench.number(out, "best_ready_seconds"));
    best[1] = Math.min(best[1], Bench.number(out, "best_first_cell_seconds"));
  }
}
