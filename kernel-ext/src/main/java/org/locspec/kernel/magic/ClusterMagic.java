package org.locspec.kernel.magic;

import java.util.List;
import org.locspec.cluster.ClusterabilityResult;
import org.locspec.cluster.LocalClustering;
import org.locspec.cluster.Partition;
import org.locspec.cluster.ShuffleOptions;
import org.locspec.cluster.ShuffledBaseline;
import org.locspec.cluster.SpectralClustering;
import org.locspec.cluster.SpectralOptions;
import org.locspec.data.Datasets;
import org.locspec.data.Split;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.model.Network;

/**
 * {@code %cluster}: spectral clustering of the bound network's neuron graph ({@link
 * SpectralClustering}; weights, or activation correlations of training inputs), globally or layer
 * by layer ({@link LocalClustering}); with {@code --shuffles N} also the clusterability test
 * against N shuffled networks ({@link ShuffledBaseline}). Binds {@code partition} (and {@code
 * clusterability}).
 */
public final class ClusterMagic implements KernelMagic<Partition> {
  static final MagicSyntax SYNTAX =
      MagicSyntax.builder()
          .option("k", "K")
          .option("graph", "weights|activations")
          .flag("local")
          .option("shuffles", "N")
          .option("samples", "N")
          .option("seed", "S")
          .option("model", "NAME")
          .option("data", "NAME")
          .option("as", "NAME")
          .flag("java")
          .build();

  /** Creates the magic. */
  public ClusterMagic() {}

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public String usage() {
    return "%cluster [--k 12] [--graph weights|activations] [--local] [--shuffles N] [--samples"
        + " 5000] [--seed 0] [--model model] [--data NAME] [--as partition] [--java]";
  }

  @Override
  public String help() {
    return "clusters the network's neurons (n-cut; with --shuffles, against shuffled networks);"
        + " binds partition (Partition) and clusterability";
  }

  @Override
  public Partition run(MagicHost host, MagicCall call) throws Exception {
    MagicSession s = MagicSession.start(host, this, call, SYNTAX);
    MagicArguments a = s.args();
    boolean activations =
        a.choice("graph", List.of("weights", "activations"))
            .orElse("weights")
            .equals("activations");
    if (a.has("shuffles") && (activations || a.has("local"))) {
      throw a.fail(
          "--shuffles needs the global clustering of the weight graph (the baseline shuffles"
              + " weights); drop --local and --graph activations, or drop --shuffles");
    }
    if (a.has("samples") && !activations) {
      throw a.fail("--samples is for --graph activations");
    }
    Request r =
        new Request(
            a.identifier("model").orElse("model"),
            a.identifier("as").orElse("partition"),
            SpectralOptions.paper(a.intAtLeast("k", 2).orElse(SpectralOptions.paper().k()))
                .withSeed(a.seed("seed").orElse(0L)));
    Network net = s.require(r.model(), Network.class, "%model");
    if (a.has("shuffles")) {
      return withBaseline(s, net, r, a.intAtLeast("shuffles", 2).orElseThrow());
    }
    int samples = a.intAtLeast("samples", 3).orElse(NetworkGraphs.PAPER_ACTIVATION_SAMPLES);
    String data = activations ? ModelData.of(net, a, host.variables()) : null;
    long seed = r.spectral().seed();
    String graph =
        activations
            ? "NetworkGraphs.activations("
                + r.model()
                + ", Datasets.load(\""
                + data
                + "\", Split.TRAIN), "
                + samples
                + ", "
                + seed
                + "L)"
            : "NeuronGraph.fromWeights(NetworkGraphs.weights(" + r.model() + ", Norm.L1))";
    boolean local = a.has("local");
    s.showJava(
        local
            ? "NeuronGraph graph = "
                + graph
                + ";\nPartition "
                + r.as()
                + " = LocalClustering.fit(graph, SpectralClustering.fit(graph, "
                + r.options()
                + "), "
                + r.options()
                + ");"
            : "Partition "
                + r.as()
                + " = SpectralClustering.fit("
                + graph
                + ", "
                + r.options()
                + ");");
    Partition p =
        s.run(
            progress -> {
              NeuronGraph g =
                  activations
                      ? NetworkGraphs.activations(
                          net, Datasets.load(data, Split.TRAIN), samples, seed)
                      : NeuronGraph.fromWeights(NetworkGraphs.weights(net, Norm.L1));
              Partition global = SpectralClustering.fit(g, r.spectral());
              return local ? LocalClustering.fit(g, global, r.spectral()) : global;
            });
    s.bind(r.as(), Partition.class, p);
    return p;
  }

  /**
   * The variables and clustering options of a call.
   *
   * @param model the network's variable
   * @param as the partition's variable
   * @param spectral k and seed
   */
  private record Request(String model, String as, SpectralOptions spectral) {
    String options() {
      return "SpectralOptions.paper(" + spectral.k() + ").withSeed(" + spectral.seed() + "L)";
    }
  }

  private Partition withBaseline(MagicSession s, Network net, Request r, int shuffles)
      throws Exception {
    long seed = r.spectral().seed();
    s.showJava(
        "ClusterabilityResult clusterability = ShuffledBaseline.run(NetworkGraphs.weights("
            + r.model()
            + ", Norm.L1), "
            + r.options()
            + ", ShuffleOptions.paper().withSamples("
            + shuffles
            + ").withSeed("
            + seed
            + "L), Notebook.progress());\nPartition "
            + r.as()
            + " = clusterability.truePartition();");
    ClusterabilityResult c =
        s.run(
            progress ->
                ShuffledBaseline.run(
                    NetworkGraphs.weights(net, Norm.L1),
                    r.spectral(),
                    ShuffleOptions.paper().withSamples(shuffles).withSeed(seed),
                    progress));
    s.host().display(c);
    s.bind(r.as(), Partition.class, c.truePartition());
    s.bind("clusterability", ClusterabilityResult.class, c); // last: %plot draws its charts
    return c.truePartition();
  }
}
