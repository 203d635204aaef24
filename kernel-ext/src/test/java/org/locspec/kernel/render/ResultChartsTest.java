package org.locspec.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.Partition;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralOptions;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.DatasetExamples;
import org.locspec.data.ImageDataset;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.Norm;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.progress.ProgressListener;

/** The named charts of real results of a small seeded MLP. */
class ResultChartsTest {
  static Network net;
  static ClusterabilityResult clusterability;
  static ImportanceResult importance;
  static CoherenceResult examples;

  static float[] randn(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  @BeforeAll
  static void results() {
    Random r = new Random(1);
    net =
        Network.of(
            "small",
            new long[] {1, 4, 4},
            List.of(
                new Layer.Flatten("flatten1"),
                new Layer.Dense("dense1", 16, 30, randn(r, 480), randn(r, 30)),
                new Layer.Relu("relu1"),
                new Layer.Dense("dense2", 30, 30, randn(r, 900), randn(r, 30)),
                new Layer.Relu("relu2"),
                new Layer.Dense("dense3", 30, 3, randn(r, 90), randn(r, 3))));
    int n = 300;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    ImageDataset data =
        ImageDataset.of("small/test", 1, 4, 4, randn(r, n * 16), labels, List.of("a", "b", "c"));
    clusterability =
        ShuffledBaseline.run(
            NetworkGraphs.weights(net, Norm.L1),
            SpectralOptions.paper(4),
            ShuffleOptions.paper().withSamples(2),
            ProgressListener.none());
    List<SubCluster> subs = SubClusters.forImportance(clusterability.truePartition(), net);
    importance =
        ImportanceTest.run(
            net,
            data,
            subs,
            ImportanceOptions.paper().withRandomLesions(3),
            ProgressListener.none());
    examples =
        DatasetExamples.run(
            net,
            data,
            subs,
            CoherenceOptions.paper().withRandomSets(3).withTopK(5),
            ProgressListener.none());
  }

  @AfterAll
  static void close() {
    net.close();
  }

  private static List<String> names(Object value) {
    return ResultCharts.of(value).stream().map(ResultCharts.Chart::name).toList();
  }

  @Test
  void eachResultNamesItsCharts() {
    assertEquals(List.of("histogram", "cluster-sizes"), names(clusterability));
    assertEquals(List.of("cluster-sizes"), names(clusterability.truePartition()));
    assertEquals(List.of("importance-vs-size", "profile"), names(importance));
    assertEquals(List.of("scores", "examples"), names(examples));
    assertEquals(List.of(), names("text"));
    assertEquals(List.of(), names(null));
  }

  @Test
  void drawsEveryChartFromTheLibrary() {
    assertInstanceOf(XYChart.class, ResultCharts.draw(clusterability, "histogram", null));
    assertInstanceOf(XYChart.class, ResultCharts.draw(importance, "Importance-vs-Size", null));
    CategoryChart profile =
        assertInstanceOf(CategoryChart.class, ResultCharts.draw(importance, "profile", null));
    double best = importance.rows().stream().mapToDouble(x -> x.pMean()).min().orElseThrow();
    assertTrue(profile.getTitle().contains("p mean " + org.locspec.viz.Format.number(best)));
    SubCluster first = importance.rows().get(0).subCluster();
    String spec = ResultCharts.name(first);
    CategoryChart named =
        assertInstanceOf(CategoryChart.class, ResultCharts.draw(importance, "profile", spec));
    assertTrue(named.getTitle().contains(first.layer() + " #" + first.cluster()), named.getTitle());
    assertInstanceOf(BufferedImage.class, ResultCharts.draw(examples, "examples", null));
  }

  @Test
  void unknownChartsAndSubClustersSayWhatThereIs() {
    String chart =
        assertThrows(
                IllegalArgumentException.class, () -> ResultCharts.draw(importance, "profil", null))
            .getMessage();
    assertEquals(
        "a ImportanceResult has no chart 'profil'; did you mean 'profile'?; its charts:"
            + " importance-vs-size, profile",
        chart);
    String sub =
        assertThrows(
                IllegalArgumentException.class,
                () -> ResultCharts.draw(importance, "profile", "dense9#1"))
            .getMessage();
    assertTrue(sub.startsWith("no sub-cluster 'dense9#1' in this result"), sub);
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ResultCharts.draw(importance, "importance-vs-size", "dense1#0"))
            .getMessage()
            .contains("shows no single sub-cluster"));
  }

  @Test
  void partitionsRenderAsClusterSizesPerLayerAndCodeAsABlock() {
    Renderer renderer = new Renderer();
    NetworkRenderers.registerAll(renderer);
    CodeRenderers.registerAll(renderer);
    ResultRenderers.registerAll(renderer);
    Partition p = clusterability.truePartition();
    DisplayData d = renderer.render(p);
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("cluster sizes (units per layer and cluster)"), html);
    assertEquals(p.layers().size(), NetworkRenderers.sizes(p).rowCount());
    assertEquals(p.k() + 1, NetworkRenderers.sizes(p).columnCount());
    assertEquals(p.toString(), d.getData(MIMEType.TEXT_PLAIN));
    String layers = (String) renderer.render(net).getData(MIMEType.TEXT_HTML);
    assertTrue(layers.contains("<td>dense2</td><td>Dense</td><td>30</td>"), layers);
    DisplayData code = renderer.render(new JavaCode("int x = 1 < 2 ? 1 : 0;"));
    assertTrue(((String) code.getData(MIMEType.TEXT_HTML)).contains("int x = 1 &lt; 2 ? 1 : 0;"));
    assertEquals("int x = 1 < 2 ? 1 : 0;", code.getData(MIMEType.TEXT_PLAIN));
  }
}
