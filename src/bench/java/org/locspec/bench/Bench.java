package org.locspec.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locspec.data.Datasets;
import org.locspec.train.TorchScope;

/**
 * What every benchmark in {@code src/bench} shares: the repository root and the work folder, the
 * Python peers ({@code environment/bench/*.py}, run with {@value #PYTHON} and a given number of
 * threads), the machine's load average, and the headline.
 *
 * <p>The headline is honest by construction: both sides run with 1 and with 2 threads, interleaved
 * ({@link #compare}), and the headline ratio is LocSpec's best time over the peer's best time,
 * whatever thread counts those were; the per-thread-count times follow below it. {@code
 * environment/bench.sh} collects every {@code headline:} line into its summary.
 *
 * <p>Running this class prints the machine line (cores, load, Java) that {@code bench.sh} starts
 * with.
 */
public final class Bench {
  /**
   * Debian's Python, which has PyTorch, scikit-learn and numpy (never the bare python3 on PATH).
   */
  public static final String PYTHON = "/usr/bin/python3";

  /** The thread counts every benchmark measures on both sides. */
  public static final List<Integer> THREADS = List.of(1, 2);

  private static final Pattern PEER_THREADS = Pattern.compile("peer_threads=(\\d+)");

  private Bench() {}

  /**
   * Prints the machine line: cores, load average and Java version.
   *
   * @param args none
   */
  public static void main(String[] args) {
    if (args.length > 0) {
      throw new IllegalArgumentException("Bench takes no arguments, got " + List.of(args));
    }
    System.out.println(
        "machine: "
            + loadAverage()
            + "; Java "
            + System.getProperty("java.version")
            + "; peers: "
            + PYTHON);
  }

  /**
   * The LocSpec checkout: the first folder at or above the working directory that has {@code
   * environment/bench}.
   *
   * @return the repository root
   * @throws IllegalStateException when run from outside a checkout
   */
  public static Path repoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("environment/bench"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no environment/bench at or above "
            + start
            + "; run the benchmarks from inside the LocSpec checkout (environment/bench.sh)");
  }

  /**
   * A peer script in {@code environment/bench}.
   *
   * @param fileName e.g. {@code "train_mlp_torch.py"}
   * @return its path
   * @throws IllegalStateException when it does not exist
   */
  public static Path script(String fileName) {
    Path s = repoRoot().resolve("environment/bench").resolve(fileName);
    if (!Files.isRegularFile(s)) {
      throw new IllegalStateException("peer script " + s + " is missing; restore it from git");
    }
    return s;
  }

  /**
   * The benchmarks' scratch folder {@code target/bench}, created if needed.
   *
   * @return the folder
   * @throws IOException when it cannot be created
   */
  public static Path workDir() throws IOException {
    return Files.createDirectories(repoRoot().resolve("target/bench"));
  }

  /**
   * The folder holding {@code fashion-mnist/} for the Python peers: LocSpec's data folder, else
   * Debian's {@code /usr/share/datasets}.
   *
   * @return the folder
   */
  public static Path peerDataDir() {
    Path d = Datasets.dataDir();
    return Files.isDirectory(d.resolve(Datasets.FASHION_MNIST))
        ? d
        : Datasets.DEBIAN_FASHION_MNIST.getParent();
  }

  /**
   * The load average over 1, 5 and 15 minutes and the number of cores.
   *
   * @return e.g. {@code "load average 0.52 0.61 0.70 (1, 5, 15 min; 2 cores)"}
   */
  public static String loadAverage() {
    String cores = Runtime.getRuntime().availableProcessors() + " cores";
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return "load average " + f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min; " + cores + ")";
    } catch (IOException e) {
      return "load average unknown (" + e.getMessage() + "; " + cores + ")";
    }
  }

  /**
   * Runs a peer script with {@value #PYTHON} in {@code environment/bench}, limited to {@code
   * threads} threads ({@code OMP_NUM_THREADS}, {@code OPENBLAS_NUM_THREADS} and {@code
   * MKL_NUM_THREADS}), echoes its output and checks that it reports {@code peer_threads=<threads>}.
   *
   * @param threads the number of threads, {@code >= 1}
   * @param script the script's file name in {@code environment/bench}
   * @param args its arguments
   * @return its standard output and error
   * @throws IllegalStateException when it fails or runs with another number of threads
   * @throws IOException when it cannot be started
   * @throws InterruptedException when interrupted while waiting for it
   */
  public static String peer(int threads, String script, String... args)
      throws IOException, InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Path s = script(script);
    List<String> cmd = new ArrayList<>(List.of(PYTHON, s.toString()));
    Collections.addAll(cmd, args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(s.getParent().toFile());
    for (String var : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
      pb.environment().put(var, Integer.toString(threads));
    }
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    System.out.print(out);
    String command = "OMP_NUM_THREADS=" + threads + " " + String.join(" ", cmd);
    if (rc != 0) {
      throw new IllegalStateException(command + " failed with exit code " + rc);
    }
    Matcher m = PEER_THREADS.matcher(out);
    if (!m.find() || Integer.parseInt(m.group(1)) != threads) {
      throw new IllegalStateException(
          command
              + " should print peer_threads="
              + threads
              + ", printed "
              + (m.find(0) ? m.group() : "no peer_threads line"));
    }
    return out;
  }

  /**
   * The number after {@code key=} in a peer's output.
   *
   * @param output the output
   * @param key e.g. {@code "torch_seconds"}
   * @return the number
   * @throws IllegalStateException when the output has no such number
   */
  public static double number(String output, String key) {
    Matcher m =
        Pattern.compile("\\b" + Pattern.quote(key) + "=([-+0-9.eE]+|nan|inf)").matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("the peer printed no " + key + "=<number>:\n" + output);
    }
    return Double.parseDouble(m.group(1));
  }

  /**
   * Runs pure-Java work with at most {@code threads} threads: parallel streams started inside
   * {@code task} run in a pool of that size instead of the common pool.
   *
   * @param threads the number of threads, {@code >= 1}
   * @param task the work
   * @param <T> its result type
   * @return its result
   * @throws Exception what the task throws
   */
  public static <T> T javaThreads(int threads, Callable<T> task) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(task).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Runs LocSpec work that uses PyTorch (through DJL) with {@code threads} intra-op threads and
   * times it.
   *
   * @param threads the number of threads, {@code >= 1}
   * @param task the work
   * @return the seconds it took
   * @throws Exception what the task throws
   */
  public static double torchSeconds(int threads, Callable<?> task) throws Exception {
    try (TorchScope scope = TorchScope.threads(threads)) {
      long t0 = System.nanoTime();
      task.call();
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /** Seconds taken by one side of a benchmark at a given number of threads. */
  @FunctionalInterface
  public interface Timed {
    /**
     * Runs the work once (or its timed repetitions) with {@code threads} threads.
     *
     * @param threads the number of threads
     * @return the seconds it took (lower is better)
     * @throws Exception when the work fails
     */
    double seconds(int threads) throws Exception;
  }

  /**
   * Times both sides at every count of {@link #THREADS}, interleaved (LocSpec 1, peer 2, LocSpec 2,
   * peer 1) so that a change in the machine's load touches both alike.
   *
   * @param peer the peer's name, e.g. {@code "PyTorch"}
   * @param locspec LocSpec's side
   * @param peerSide the peer's side
   * @return the times
   * @throws Exception when a side fails
   */
  public static Comparison compare(String peer, Timed locspec, Timed peerSide) throws Exception {
    SortedMap<Integer, Double> ours = new TreeMap<>();
    SortedMap<Integer, Double> theirs = new TreeMap<>();
    List<Integer> reversed = new ArrayList<>(THREADS);
    Collections.reverse(reversed);
    for (int i = 0; i < THREADS.size(); i++) {
      int t = THREADS.get(i);
      ours.put(t, locspec.seconds(t));
      int u = reversed.get(i);
      theirs.put(u, peerSide.seconds(u));
    }
    return new Comparison(peer, ours, theirs);
  }

  /**
   * LocSpec's and a peer's seconds per thread count.
   *
   * @param peer the peer's name
   * @param locspec LocSpec's seconds by thread count
   * @param peerSeconds the peer's seconds by thread count
   */
  public record Comparison(
      String peer, SortedMap<Integer, Double> locspec, SortedMap<Integer, Double> peerSeconds) {

    /** Validates and copies the maps. */
    public Comparison {
      if (locspec.isEmpty() || peerSeconds.isEmpty()) {
        throw new IllegalArgumentException(
            "both sides need a time, got LocSpec " + locspec + ", " + peer + " " + peerSeconds);
      }
      locspec = Collections.unmodifiableSortedMap(new TreeMap<>(locspec));
      peerSeconds = Collections.unmodifiableSortedMap(new TreeMap<>(peerSeconds));
    }

    /**
     * LocSpec's best time over its thread counts.
     *
     * @return seconds
     */
    public double bestLocspec() {
      return best(locspec).getValue();
    }

    /**
     * The peer's best time over its thread counts.
     *
     * @return seconds
     */
    public double bestPeer() {
      return best(peerSeconds).getValue();
    }

    /**
     * LocSpec's best time over the peer's best time: below 1, LocSpec is faster.
     *
     * @return the ratio
     */
    public double ratio() {
      return bestLocspec() / bestPeer();
    }

    /**
     * Prints the headline (best against best) and below it the times per thread count.
     *
     * @param task what was timed, e.g. {@code "seconds per epoch of the papers' MLP"}
     */
    public void print(String task) {
      Map.Entry<Integer, Double> a = best(locspec);
      Map.Entry<Integer, Double> b = best(peerSeconds);
      System.out.printf(
          Locale.ROOT,
          "headline: %s: LocSpec best %s (%s) vs %s best %s (%s): LocSpec/%s %.2f%n",
          task,
          seconds(a.getValue()),
          threads(a.getKey()),
          peer,
          seconds(b.getValue()),
          threads(b.getKey()),
          peer,
          ratio());
      System.out.printf(
          Locale.ROOT, "  %-8s %12s %12s %12s%n", "threads", "LocSpec", peer, "ratio");
      for (int t : THREADS) {
        Double x = locspec.get(t);
        Double y = peerSeconds.get(t);
        System.out.printf(
            Locale.ROOT,
            "  %-8d %12s %12s %12s%n",
            t,
            x == null ? "-" : seconds(x),
            y == null ? "-" : seconds(y),
            x == null || y == null ? "-" : String.format(Locale.ROOT, "%.2f", x / y));
      }
    }

    private static Map.Entry<Integer, Double> best(SortedMap<Integer, Double> times) {
      return times.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
    }

    private static String seconds(double s) {
      return String.format(Locale.ROOT, s < 10 ? "%.3f s" : "%.2f s", s);
    }

    private static String threads(int n) {
      return n + (n == 1 ? " thread" : " threads");
    }
  }
}
