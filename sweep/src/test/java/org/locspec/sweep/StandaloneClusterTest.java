package org.locspec.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.zoo.ZooGrid;

/**
 * The sweep on a real Spark standalone cluster: a master and two workers (one core each) started on
 * 127.0.0.1 from this module's own class path (a {@code SPARK_HOME} whose {@code jars} folder links
 * the test class path's jars), one of whose executors is killed while the analysis stage runs. The
 * job must finish, and its results table must equal, byte for byte, that of a {@code local[2]} run
 * of the same grid (and a re-run must compute nothing).
 */
class StandaloneClusterTest {
  private static final String OPENS =
      "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
          + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
          + " --add-opens=java.base/java.util=ALL-UNNAMED";

  @TempDir Path tmp;
  private final List<Process> daemons = new ArrayList<>();

  /** Two quick models on 1000 images, a few shuffles and draws: a small grid of 14 units. */
  private SweepJob job(Path zoo, Path out) {
    ZooGrid grid =
        SweepGrid.check(
            "test grid",
            List.of(
                "datasets=fashion-mnist architectures=mlp regimes=plain,l1 seeds=0",
                "epochs=1 pruning-epochs=1"));
    SweepOptions o =
        SweepOptions.defaults()
            .withShuffles(4, 2)
            .withDraws(9)
            .withVisSteps(4)
            .withImages(1000, 300);
    return new SweepJob(zoo, out, grid, o, 0);
  }

  @Test
  void clusterRunWithAKilledExecutorEqualsALocalRun() throws Exception {
    Path localOut = tmp.resolve("local-out");
    SweepJob.Outcome local;
    try (SparkSession spark = session("local[2]").getOrCreate()) {
      local = job(tmp.resolve("local-zoo"), localOut).run(spark);
    }
    assertEquals(2, local.models());
    assertEquals(12, local.unitsRun());
    String expected = Files.readString(localOut.resolve(SweepFiles.RESULTS_CSV));

    Path clusterOut = tmp.resolve("cluster-out");
    String master = startCluster();
    AtomicInteger removed = new AtomicInteger();
    AtomicInteger failedTasks = new AtomicInteger();
    AtomicReference<String> killed = new AtomicReference<>();
    SweepJob.Outcome cluster;
    try (SparkSession spark = clusterSession(master).getOrCreate()) {
      spark
          .sparkContext()
          .addSparkListener(
              new SparkListener() {
                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                  removed.incrementAndGet();
                }

                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                  if (!e.taskInfo().successful()) {
                    failedTasks.incrementAndGet();
                  }
                }
              });
      Thread killer = killAnExecutorWhenUnitsRun(clusterOut, killed);
      cluster = job(tmp.resolve("cluster-zoo"), clusterOut).run(spark);
      killer.interrupt();
      killer.join();
    }
    assertTrue(killed.get() != null, "no executor was killed while the analysis stage ran");
    assertTrue(removed.get() >= 1, "the master did not report the killed executor as removed");
    assertTrue(failedTasks.get() >= 1, "no task was lost with the killed executor");
    assertEquals(12, cluster.unitsRun() + cluster.unitsStored());
    assertEquals(expected, Files.readString(clusterOut.resolve(SweepFiles.RESULTS_CSV)));
    assertNoTemporaryFiles(clusterOut);
    assertNoTemporaryFiles(tmp.resolve("cluster-zoo"));

    try (SparkSession spark = session("local[2]").getOrCreate()) {
      SweepJob.Outcome again = job(tmp.resolve("cluster-zoo"), clusterOut).run(spark);
      assertEquals(0, again.unitsRun(), "a re-run must skip every finished unit");
      assertEquals(12, again.unitsStored());
    }
    assertEquals(expected, Files.readString(clusterOut.resolve(SweepFiles.RESULTS_CSV)));
    assertTrue(Files.isDirectory(clusterOut.resolve(SweepFiles.RESULTS_PARQUET)));
  }

  private static SparkSession.Builder session(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("locspec-sweep-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
  }

  private SparkSession.Builder clusterSession(String master) {
    List<String> dirs = new ArrayList<>();
    for (String e : classPath()) {
      if (Files.isDirectory(Path.of(e))) {
        dirs.add(e);
      }
    }
    return session(master)
        .config("spark.executor.memory", "1500m")
        .config("spark.cores.max", "2")
        .config("spark.executor.cores", "1")
        .config("spark.executor.extraClassPath", String.join(File.pathSeparator, dirs))
        .config(
            "spark.executor.extraJavaOptions",
            OPENS
                + " -Dai.djl.offline=true -Dlocspec.data="
                + System.getProperty("locspec.data", "../datasets/data"))
        .config("spark.executorEnv.ONEDNN_MAX_CPU_ISA", "AVX2")
        .config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
  }

  /** Starts a master and two one-core workers; returns the master's URL once both registered. */
  private String startCluster() throws Exception {
    Path home = tmp.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String e : classPath()) {
      Path p = Path.of(e);
      if (e.endsWith(".jar") && Files.isRegularFile(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
    int port = freePort();
    int ui = freePort();
    daemons.add(
        daemon(
            home,
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--webui-port",
            String.valueOf(ui)));
    String url = "spark://127.0.0.1:" + port;
    for (int w = 1; w <= 2; w++) {
      daemons.add(
          daemon(
              home,
              "worker" + w,
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--cores",
              "1",
              "--memory",
              "2g",
              "--webui-port",
              "0",
              "--work-dir",
              tmp.resolve("work" + w).toString(),
              url));
    }
    awaitWorkers(ui, 2);
    return url;
  }

  private Process daemon(Path home, String name, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(List.of(OPENS.split(" ")));
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + File.separator + "*");
    cmd.add(main);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
    return pb.start();
  }

  private void awaitWorkers(int uiPort, int workers) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      try {
        body =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (body.contains("\"aliveworkers\" : " + workers)) {
          return;
        }
      } catch (IOException e) {
        // the master is still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the master did not see " + workers + " workers within 90 s: " + body + "\n" + logs());
  }

  /**
   * A thread that waits until the analysis stage has stored its first unit results (so tasks are
   * running), then kills one worker's executor (a process this test's worker started) with SIGKILL.
   */
  private Thread killAnExecutorWhenUnitsRun(Path out, AtomicReference<String> killed) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  if (unitFiles(out) >= 2) {
                    Optional<ProcessHandle> executor = executorOf(daemons.get(1));
                    if (executor.isPresent()) {
                      killed.set(executor.get().info().commandLine().orElse("executor"));
                      executor.get().destroyForcibly();
                      return;
                    }
                  }
                  Thread.sleep(100);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "executor-killer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static Optional<ProcessHandle> executorOf(Process worker) {
    return worker
        .descendants()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("CoarseGrainedExecutorBackend"))
                    .orElse(false))
        .findFirst();
  }

  private static long unitFiles(Path out) {
    Path cells = out.resolve(SweepFiles.CELLS);
    if (!Files.isDirectory(cells)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(cells)) {
      return s.filter(p -> p.toString().endsWith(".json")).count();
    } catch (IOException | UncheckedIOException e) {
      return 0; // a file renamed while walking
    }
  }

  private static void assertNoTemporaryFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> temps =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".tmp") || n.contains(".tmp-") || n.contains(".partial-");
                  })
              .toList();
      assertEquals(List.of(), temps, "temporary files left behind");
    }
  }

  private static List<String> classPath() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private String logs() {
    StringBuilder sb = new StringBuilder();
    for (String n : List.of("master", "worker1", "worker2")) {
      try {
        sb.append("== ").append(n).append(":\n");
        List<String> lines = Files.readAllLines(tmp.resolve(n + ".log"), StandardCharsets.UTF_8);
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      } catch (IOException e) {
        sb.append("(no log)\n");
      }
    }
    return sb.toString();
  }

  @AfterEach
  void stopCluster() throws Exception {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    daemons.clear();
  }
}
