package org.locspec.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.NCut;
import org.locspec.cluster.Partition;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NeuronGraph;
import org.locspec.progress.TerminalProgressBar;

/**
 * Benchmark (not a test): LocSpec's spectral clustering against sklearn's on the same adjacency.
 *
 * <p>Cases: a paper-MLP-shaped weight graph (784-256-256-256-256-10, random uniform weights, seed
 * 0), the same shape with 12 planted modules (cross-module weights scaled by 0.1, seed 2), a 4 x
 * 1024 random one (seed 1), and optionally an adjacency file ({@code --adj FILE}: .npy dense
 * float32/float64, .csv dense, or .bin as written here). For each: LocSpec's clustering (one cold
 * run, then the median of {@code --reps} warm runs), sklearn's {@code
 * SpectralClustering(n_clusters=12, affinity='precomputed', eigen_solver='arpack',
 * assign_labels='kmeans', n_init=25, random_state=0)} through {@code
 * environment/bench/spectral_sklearn.py} (fit time measured inside Python, median of {@code
 * --sklearn-reps}), both with 1 and with 2 threads (LocSpec: its k-means restarts and matrix-vector
 * products run in a pool of that size; sklearn: OpenMP/OpenBLAS threads), and both n-cuts computed
 * by {@link NCut}. Each case ends with its headline: LocSpec's best warm time against sklearn's
 * best, with the times per thread count below it. Then a 50-sample shuffled baseline of the MLP
 * case (LocSpec only).
 *
 * <p>Options: {@code --adj FILE}, {@code --reps N} (3), {@code --sklearn-reps N} (1), {@code
 * --samples N} (50), {@code --no-sklearn}, {@code --no-big}, {@code --no-baseline}, {@code
 * --sparse} (pass sklearn a CSR matrix instead of the dense array the paper's MLP code used).
 */
public final class SpectralClusteringBench {
  /** Runs of the shuffled baseline; the median is reported (this VM's timings vary by ±15 %). */
  private static final int BASELINE_RUNS = 3;

  /** Issue 14's target for 50 shuffles of the papers' MLP graph on 2 cores. */
  private static final double BASELINE_TARGET_SECONDS = 5.0;

  private SpectralClusteringBench() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    String adj = null;
    int reps = 3;
    int skReps = 1;
    int samples = 50;
    boolean sklearn = true;
    boolean big = true;
    boolean baseline = true;
    boolean sparse = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--adj" -> adj = args[++i];
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--sklearn-reps" -> skReps = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--no-sklearn" -> sklearn = false;
        case "--no-big" -> big = false;
        case "--no-baseline" -> baseline = false;
        case "--sparse" -> sparse = true;
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; options: --adj FILE --reps N --sklearn-reps N "
                    + "--samples N --no-sklearn --no-big --no-baseline --sparse");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "cores %d, java %s, max heap %d MiB%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    SpectralOptions options = SpectralOptions.paper();
    LayerWeights mlp = randomWeights(new int[] {784, 256, 256, 256, 256, 10}, 0);
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"mlp 784-256x4-10 random", NeuronGraph.fromWeights(mlp)});
    cases.add(
        new Object[] {
          "mlp 784-256x4-10 modular (12 planted blocks, leak 0.1)",
          NeuronGraph.fromWeights(
              modularWeights(new int[] {784, 256, 256, 256, 256, 10}, 12, 0.1, 2))
        });
    if (big) {
      cases.add(
          new Object[] {
            "4x1024 random",
            NeuronGraph.fromWeights(randomWeights(new int[] {1024, 1024, 1024, 1024}, 1))
          });
    }
    if (adj != null) {
      cases.add(new Object[] {"file " + adj, readAdjacency(Path.of(adj))});
    }
    for (Object[] c : cases) {
      String name = (String) c[0];
      NeuronGraph g = (NeuronGraph) c[1];
      System.out.printf(Locale.ROOT, "%n== %s: %s%n", name, g);
      benchCase(g, options, reps, sklearn ? skReps : 0, sparse);
    }
    if (baseline) {
      System.out.printf(
          Locale.ROOT,
          "%n== shuffled baseline, %d samples, mlp 784-256x4-10, %d runs%n",
          samples,
          BASELINE_RUNS);
      double[] secs = new double[BASELINE_RUNS];
      for (int run = 0; run < BASELINE_RUNS; run++) {
        long t0 = System.nanoTime();
        ClusterabilityResult r =
            ShuffledBaseline.run(
                mlp,
                options,
                ShuffleOptions.paper().withSamples(samples),
                new TerminalProgressBar());
        secs[run] = (System.nanoTime() - t0) / 1e9;
        System.out.println(r);
      }
      double median = median(secs);
      System.out.printf(
          Locale.ROOT,
          "baseline wall time median %.2f s of %s (%.3f s per clustering)%n",
          median,
          Arrays.toString(Arrays.stream(secs).map(x -> Math.round(x * 100) / 100.0).toArray()),
          median / (samples + 1));
      if (samples == 50) {
        System.out.printf(
            Locale.ROOT,
            "shuffled baseline (50 samples, k = %d, %d restarts): median %.2f s, target %.0f s:"
                + " LocSpec/target %.2f%n",
            options.k(),
            options.restartsFor(mlp.unitCount()),
            median,
            BASELINE_TARGET_SECONDS,
            median / BASELINE_TARGET_SECONDS);
      }
    }
  }

  /**
   * One case: LocSpec's clustering (cold, then warm at 1 and 2 threads) and, unless {@code skReps}
   * is 0, sklearn's at 1 and 2 threads on the same adjacency; prints n-cuts and the headline.
   */
  static void benchCase(
      NeuronGraph g, SpectralOptions options, int reps, int skReps, boolean sparse)
      throws Exception {
    long t0 = System.nanoTime();
    Partition[] p = {SpectralClustering.fit(g, options)};
    System.out.printf(
        Locale.ROOT, "locspec: cold %.3f s (default threads)%n", (System.nanoTime() - t0) / 1e9);
    Bench.Timed locspec =
        threads ->
            Bench.javaThreads(
                threads,
                () -> {
                  double[] warm = new double[Math.max(1, reps)];
                  for (int r = 0; r < warm.length; r++) {
                    long t = System.nanoTime();
                    p[0] = SpectralClustering.fit(g, options);
                    warm[r] = (System.nanoTime() - t) / 1e9;
                  }
                  System.out.printf(
                      Locale.ROOT,
                      "locspec %d thread(s): warm %s s%n",
                      threads,
                      Arrays.toString(round(warm)));
                  return median(warm);
                });
    if (skReps == 0) {
      for (int t : Bench.THREADS) {
        locspec.seconds(t);
      }
      System.out.printf(
          Locale.ROOT,
          "locspec n-cut %.5f, sizes %s%n",
          p[0].ncut(g),
          Arrays.toString(p[0].clusterSizes()));
      return;
    }
    Path dir = Files.createTempDirectory("locspec-bench");
    Path adjFile = dir.resolve("adjacency.bin");
    Path labelsFile = dir.resolve("labels.i32");
    try {
      writeAdjacency(g, adjFile);
      Bench.Comparison c =
          Bench.compare(
              "sklearn",
              locspec,
              threads -> {
                double[] sk = new double[skReps];
                for (int r = 0; r < skReps; r++) {
                  sk[r] = runSklearn(threads, adjFile, labelsFile, options, g.nodeCount(), sparse);
                }
                return median(sk);
              });
      double javaNcut = p[0].ncut(g);
      double skNcut = NCut.of(g, readLabels(labelsFile, g.nodeCount()));
      System.out.printf(
          Locale.ROOT,
          "n-cut: locspec %.5f (sizes %s), sklearn (%s) %.5f, locspec/sklearn %.4f%n",
          javaNcut,
          Arrays.toString(p[0].clusterSizes()),
          sparse ? "CSR" : "dense",
          skNcut,
          javaNcut / skNcut);
      c.print(
          String.format(
              Locale.ROOT,
              "seconds of spectral clustering (k = %d, %d restarts) of %d nodes, warm median",
              options.k(),
              options.restartsFor(g.nodeCount()),
              g.nodeCount()));
    } finally {
      Files.deleteIfExists(adjFile);
      Files.deleteIfExists(labelsFile);
      Files.deleteIfExists(dir);
    }
  }

  /** Random uniform weights U(-1/sqrt(in), 1/sqrt(in)), PyTorch's default init scale. */
  static LayerWeights randomWeights(int[] widths, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> names = new ArrayList<>();
    List<float[][]> ws = new ArrayList<>();
    for (int i = 0; i < widths.length; i++) {
      names.add(i == 0 ? "input" : i == widths.length - 1 ? "output" : "dense_" + i);
    }
    for (int i = 0; i + 1 < widths.length; i++) {
      float[][] w = new float[widths[i + 1]][widths[i]];
      double b = 1 / Math.sqrt(widths[i]);
      for (float[] row : w) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) rng.nextDouble(-b, b);
        }
      }
      ws.add(w);
    }
    return LayerWeights.ofDense(names, ws);
  }

  /**
   * Weights of a network with planted modules: unit u of a layer of width w belongs to module
   * {@code u * blocks / w}; weights within a module are U(-b, b), across modules {@code leak} times
   * that.
   */
  static LayerWeights modularWeights(int[] widths, int blocks, double leak, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> names = new ArrayList<>();
    List<float[][]> ws = new ArrayList<>();
    for (int i = 0; i < widths.length; i++) {
      names.add(i == 0 ? "input" : i == widths.length - 1 ? "output" : "dense_" + i);
    }
    for (int i = 0; i + 1 < widths.length; i++) {
      float[][] w = new float[widths[i + 1]][widths[i]];
      double b = 1 / Math.sqrt(widths[i]);
      for (int o = 0; o < w.length; o++) {
        int mo = (int) ((long) o * blocks / w.length);
        for (int j = 0; j < w[o].length; j++) {
          int mi = (int) ((long) j * blocks / w[o].length);
          w[o][j] = (float) (rng.nextDouble(-b, b) * (mo == mi ? 1 : leak));
        }
      }
      ws.add(w);
    }
    return LayerWeights.ofDense(names, ws);
  }

  /** sklearn's fit seconds with the k-means restarts LocSpec uses for a graph of this size. */
  static double runSklearn(
      int threads, Path adj, Path labels, SpectralOptions o, int nodes, boolean sparse)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                adj.toString(),
                labels.toString(),
                "--k",
                "" + o.k(),
                "--n-init",
                "" + o.restartsFor(nodes),
                "--seed",
                "" + o.seed()));
    if (sparse) {
      args.add("--sparse");
    }
    return Bench.number(
        Bench.peer(threads, "spectral_sklearn.py", args.toArray(String[]::new)), "fit_seconds");
  }

  /** Writes all stored entries in the format read by spectral_sklearn.py, atomically. */
  static void writeAdjacency(NeuronGraph g, Path file) throws IOException {
    long nnz = 2 * g.edgeCount();
    int[] rows = new int[(int) nnz];
    int[] cols = new int[(int) nnz];
    double[] vals = new double[(int) nnz];
    int[] p = {0};
    g.forEachEntry(
        (i, j, w) -> {
          rows[p[0]] = i;
          cols[p[0]] = j;
          vals[p[0]++] = w;
        });
    Path tmp = Files.createTempFile(file.getParent(), "adj", ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      head.putInt(0x4C534A41).putInt(g.nodeCount()).putLong(nnz).flip();
      ch.write(head);
      ByteBuffer b = ByteBuffer.allocate((int) nnz * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(rows);
      ch.write(b);
      b.clear();
      b.asIntBuffer().put(cols);
      ch.write(b);
      ByteBuffer d = ByteBuffer.allocate((int) nnz * 8).order(ByteOrder.LITTLE_ENDIAN);
      d.asDoubleBuffer().put(vals);
      ch.write(d);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static int[] readLabels(Path file, int n) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() != 4 * n) {
      throw new IllegalStateException(
          file + " holds " + b.remaining() / 4 + " labels, expected " + n);
    }
    int[] l = new int[n];
    b.asIntBuffer().get(l);
    return l;
  }

  /** Reads .bin (this benchmark's format), .npy (dense 2-D float32/float64) or .csv (dense). */
  static NeuronGraph readAdjacency(Path file) throws IOException {
    String name = file.getFileName().toString();
    double[][] a;
    if (name.endsWith(".csv")) {
      List<String> lines = Files.readAllLines(file).stream().filter(s -> !s.isBlank()).toList();
      a = new double[lines.size()][];
      for (int i = 0; i < a.length; i++) {
        a[i] =
            Arrays.stream(lines.get(i).split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim()))
                .toArray();
      }
    } else if (name.endsWith(".npy")) {
      a = readNpy(file);
    } else if (name.endsWith(".bin")) {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt() != 0x4C534A41) {
        throw new IOException(file + " is not a LocSpec adjacency .bin file");
      }
      int n = b.getInt();
      int nnz = (int) b.getLong();
      int[] rows = new int[nnz];
      int[] cols = new int[nnz];
      for (int i = 0; i < nnz; i++) {
        rows[i] = b.getInt();
      }
      for (int i = 0; i < nnz; i++) {
        cols[i] = b.getInt();
      }
      a = new double[n][n];
      for (int i = 0; i < nnz; i++) {
        a[rows[i]][cols[i]] = b.getDouble();
      }
    } else {
      throw new IllegalArgumentException(
          "adjacency file must end in .npy, .csv or .bin, got " + name);
    }
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        a[i][j] = Math.abs(a[i][j]);
      }
      a[i][i] = 0;
    }
    return NeuronGraph.fromAdjacency(List.of(new LayerUnits("file", a.length)), a);
  }

  static double[][] readNpy(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (all[0] != (byte) 0x93 || all[1] != 'N') {
      throw new IOException(file + " is not a .npy file");
    }
    int major = all[6];
    int headerLen = major == 1 ? (b.getShort(8) & 0xffff) : b.getInt(8);
    int start = (major == 1 ? 10 : 12);
    String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
    if (header.contains("'fortran_order': True")) {
      throw new IOException(file + " is Fortran-ordered; save it with np.ascontiguousarray");
    }
    boolean f4 = header.contains("<f4");
    if (!f4 && !header.contains("<f8")) {
      throw new IOException(file + " must hold little-endian float32 or float64, header " + header);
    }
    String shape = header.substring(header.indexOf('(') + 1, header.indexOf(')'));
    int[] dims =
        Arrays.stream(shape.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .mapToInt(Integer::parseInt)
            .toArray();
    if (dims.length != 2 || dims[0] != dims[1]) {
      throw new IOException(file + " must hold a square 2-D array, shape " + shape);
    }
    b.position(start + headerLen);
    double[][] a = new double[dims[0]][dims[1]];
    for (double[] row : a) {
      for (int j = 0; j < row.length; j++) {
        row[j] = f4 ? b.getFloat() : b.getDouble();
      }
    }
    return a;
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double[] round(double[] x) {
    return Arrays.stream(x).map(v -> Math.round(v * 1000) / 1000.0).toArray();
  }
}
