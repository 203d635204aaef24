package org.locspec.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.locspec.cluster.Partition;
import org.locspec.coherence.CoherenceResult;
import org.locspec.kernel.CellInterruptedException;
import org.locspec.kernel.WithKernel;
import org.locspec.kernel.render.JavaCode;
import org.locspec.lesion.ImportanceResult;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;
import tech.tablesaw.api.Table;

/**
 * The analysis magics chained in one kernel as a notebook runs them, on the papers' MLP trained one
 * epoch on 2000 real Fashion-MNIST images.
 */
class AnalysisMagicsInKernelTest extends WithKernel {
  @BeforeAll
  static void model() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(org.locspec.data.Datasets.DEBIAN_FASHION_MNIST),
        "Debian Fashion-MNIST not installed");
    kernel.evalRaw("%model --train mlp --data fashion-mnist --epochs 1 --limit 2000 --seed 1");
  }

  /** The kernel as a magic's host, remembering what the magic displays. */
  static final class Recording implements MagicHost {
    final List<Object> displayed = new ArrayList<>();

    @Override
    public Object run(String code) throws Exception {
      return kernel.run(code);
    }

    @Override
    public List<SessionVariable> variables() {
      return kernel.variables();
    }

    @Override
    public List<Path> addToClassPath(List<Path> entries) {
      return kernel.addToClassPath(entries);
    }

    @Override
    public MagicCatalog magics() {
      return kernel.magics();
    }

    @Override
    public ProgressListener progress() {
      return ProgressListener.none();
    }

    @Override
    public void display(Object value) {
      displayed.add(value);
    }

    String java() {
      return displayed.stream()
          .filter(d -> d instanceof JavaCode)
          .map(Object::toString)
          .collect(Collectors.joining("\n"));
    }
  }

  private static Map<String, String> types() {
    return kernel.variables().stream()
        .collect(Collectors.toMap(SessionVariable::name, SessionVariable::type, (a, b) -> b));
  }

  @Test
  void theMethodRunsInMagicsThatBindTypedVariablesForTheNextOne(@TempDir Path out)
      throws Exception {
    assertEquals("org.locspec.model.Network", types().get("model"));
    assertEquals("org.locspec.train.TrainedNetwork", types().get("trained"));
    Partition p = assertInstanceOf(Partition.class, kernel.evalRaw("%cluster --k 4 --shuffles 2"));
    assertEquals(4, p.k());
    assertEquals(p, kernel.evalRaw("clusterability.truePartition()"));
    assertEquals("org.locspec.cluster.ClusterabilityResult", types().get("clusterability"));
    ImportanceResult i =
        assertInstanceOf(
            ImportanceResult.class, kernel.evalRaw("%importance --sample 300 --paper --draws 4"));
    assertEquals(i, kernel.evalRaw("importance"));
    assertEquals(4, i.rows().get(0).draws());
    CoherenceResult c =
        assertInstanceOf(
            CoherenceResult.class,
            kernel.evalRaw("%coherence examples --sample 400 --paper --draws 3"));
    assertEquals(CoherenceResult.Analysis.DATASET_EXAMPLES, c.analysis());
    kernel.evalRaw(
        "int steps = 2;\n%coherence visualization --steps $steps --paper --draws 2 --layer dense2 --as vis");
    CoherenceResult vis = (CoherenceResult) kernel.evalRaw("vis");
    assertTrue(vis.subClusters().stream().allMatch(s -> s.layer().equals("dense2")));
    Table charts = (Table) kernel.evalRaw("%plot");
    assertEquals(List.of("scores", "visualization"), charts.stringColumn("chart").asList());
    assertInstanceOf(CategoryChart.class, kernel.evalRaw("%plot profile --of importance"));
    Table files = (Table) kernel.evalRaw("%export " + out);
    List<String> written = files.stringColumn("file").asList();
    for (String f :
        List.of(
            "importance.csv",
            "importance-importance-vs-size.svg",
            "clusterability-histogram.png",
            "coherence-examples.png",
            "vis-visualization.png",
            "partition.csv",
            "trained-loss.png")) {
      assertTrue(written.contains(f), f + " in " + written);
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
  }

  @Test
  void theJavaAMagicShowsComputesWhatTheMagicComputed() throws Exception {
    Recording host = new Recording();
    Partition fromMagic =
        new ClusterMagic()
            .run(host, MagicCall.line("cluster", "--k 8 --seed 2 --as viaMagic --java"));
    kernel.evalRaw(host.java().replace("Partition viaMagic", "Partition viaJava"));
    assertEquals(fromMagic, kernel.evalRaw("viaJava"));

    host.displayed.clear();
    ImportanceResult importance =
        new ImportanceMagic()
            .run(
                host,
                MagicCall.line(
                    "importance",
                    "--partition viaMagic --sample 200 --paper --draws 3 --seed 4 --as i1 --java"));
    kernel.evalRaw(host.java().replace("ImportanceResult i1", "ImportanceResult i2"));
    assertEquals(importance, kernel.evalRaw("i2"));

    host.displayed.clear();
    CoherenceResult examples =
        new CoherenceMagic()
            .run(
                host,
                MagicCall.line(
                    "coherence",
                    "examples --partition viaMagic --sample 300 --paper --draws 2 --as c1 --java"));
    kernel.evalRaw(host.java().replace("CoherenceResult c1", "CoherenceResult c2"));
    assertEquals(examples, kernel.evalRaw("c2"));

    host.displayed.clear();
    new ModelMagic()
        .run(
            host,
            MagicCall.line(
                "model",
                "--train mlp --data fashion-mnist --epochs 1 --limit 500 --seed 3 --as m1 --java"));
    kernel.evalRaw("TrainedNetwork fromMagic = trained;");
    kernel.evalRaw(host.java());
    assertEquals(
        true,
        kernel.evalRaw(
            "Arrays.deepEquals(fromMagic.weights(\"dense3\"), trained.weights(\"dense3\"))"
                + " && fromMagic.evaluation().equals(trained.evaluation())"));
  }

  @Test
  void anInterruptedMagicLeavesTheKernelAndTheBoundVariablesAsTheyWere() throws Exception {
    Object before = kernel.evalRaw("model");
    CompletableFuture<Throwable> run =
        evalAsync("%model --train mlp --data fashion-mnist --epochs 30 --seed 5");
    Thread.sleep(6000);
    kernel.interrupt();
    Throwable t = run.get(30, TimeUnit.SECONDS);
    assertInstanceOf(CellInterruptedException.class, t, String.valueOf(t));
    assertEquals(before, kernel.evalRaw("model"), "model is still the network bound before");
    assertEquals(2, kernel.evalRaw("1 + 1"));
  }

  @Test
  void libraryRefusalsAreOneLineMessages(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("broken.pt"), "not a TorchScript archive");
    MagicFailedException e =
        assertThrows(
            MagicFailedException.class, () -> kernel.evalRaw("%model " + bad + " --as broken"));
    assertTrue(e.getMessage().startsWith("%model: "), e.getMessage());
    assertEquals(1, kernel.formatError(e).size(), "no stack trace");
    assertEquals(3, kernel.evalRaw("1 + 2"));
    kernel.evalRaw("%cluster --k 8 --as p8");
    MagicFailedException big =
        assertThrows(
            MagicFailedException.class,
            () -> kernel.evalRaw("%importance --partition p8 --sample 20000"));
    assertTrue(big.getMessage().contains("n must be in [0, 10000]"), big.getMessage());
    Network model = (Network) kernel.evalRaw("model");
    assertTrue(model.name().startsWith("mlp-fashion-mnist"), model.name());
  }
}
