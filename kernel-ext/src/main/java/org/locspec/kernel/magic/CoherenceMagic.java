package org.locspec.kernel.magic;

import java.util.List;
import org.locspec.cluster.Partition;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.DatasetExamples;
import org.locspec.coherence.FeatureVisualization;
import org.locspec.model.Network;

/**
 * {@code %coherence examples|visualization}: whether the bound partition's sub-clusters respond to
 * one kind of input, against random same-size unit sets of their layer: by the labels of their top
 * dataset examples ({@link DatasetExamples}, on the model's test set) or by feature visualization
 * ({@link FeatureVisualization}), by LocSpec's sequential test ({@link
 * CoherenceOptions#defaults()}) or the papers' fixed draws ({@code --paper}). Binds {@code
 * coherence}.
 */
public final class CoherenceMagic implements KernelMagic<CoherenceResult> {
  static final MagicSyntax SYNTAX =
      MagicSyntax.builder()
          .required("analysis")
          .option("sample", "N")
          .option("steps", "N")
          .option("layer", "LAYER")
          .option("draws", "N")
          .flag("paper")
          .option("seed", "S")
          .option("model", "NAME")
          .option("partition", "NAME")
          .option("data", "NAME")
          .option("as", "NAME")
          .flag("java")
          .build();

  private static final String EXAMPLES = "examples";
  private static final String VISUALIZATION = "visualization";

  /** Creates the magic. */
  public CoherenceMagic() {}

  @Override
  public String name() {
    return "coherence";
  }

  @Override
  public String usage() {
    return "%coherence examples|visualization [--sample N] [--steps 64] [--layer LAYER] [--paper]"
        + " [--draws 19] [--seed 0] [--model model] [--partition partition] [--data NAME] [--as"
        + " coherence] [--java]   (--sample for examples, --steps for visualization; LocSpec's"
        + " sequential test, or --paper: the papers' fixed draws)";
  }

  @Override
  public String help() {
    return "coherence of each sub-cluster by its top dataset examples or its feature visualization,"
        + " against random sets; binds coherence (CoherenceResult)";
  }

  @Override
  public CoherenceResult run(MagicHost host, MagicCall call) throws Exception {
    MagicSession s = MagicSession.start(host, this, call, SYNTAX);
    MagicArguments a = s.args();
    boolean examples =
        a.choice("analysis", List.of(EXAMPLES, VISUALIZATION)).orElseThrow().equals(EXAMPLES);
    if (a.has(examples ? "steps" : "sample")) {
      throw a.fail(
          examples
              ? "--steps is for visualization (dataset examples need no optimization)"
              : "--sample is for examples (feature visualization uses no data set)");
    }
    String layer = a.value("layer").orElse(null);
    int steps = a.positiveInt("steps").orElse(0);
    SubClusterAnalysis shared = SubClusterAnalysis.read(s, "coherence");
    Request r = new Request(examples, shared, layer, steps);
    String data = examples ? shared.dataset(s) : null;
    s.showJava(r.java(data));
    Network net = shared.network();
    Partition partition = shared.partition();
    CoherenceResult result =
        s.run(
            progress -> {
              List<SubCluster> chosen =
                  (examples
                          ? SubClusters.forCoherence(partition, net)
                          : SubClusters.forImportance(partition, net))
                      .stream().filter(c -> layer == null || c.layer().equals(layer)).toList();
              return examples
                  ? DatasetExamples.run(net, shared.test(data), chosen, r.options(), progress)
                  : FeatureVisualization.run(net, chosen, r.options(), progress);
            });
    s.bind(shared.as(), CoherenceResult.class, result);
    return result;
  }

  /**
   * What a call asks for.
   *
   * @param examples dataset examples (else feature visualization)
   * @param shared the network, partition, result variable, seed, draws and test images
   * @param layer the only layer to analyse, or null for all
   * @param steps optimization steps of a visualization (0: the options' own)
   */
  private record Request(boolean examples, SubClusterAnalysis shared, String layer, int steps) {

    /** The options: {@link CoherenceOptions#paper()} or {@code defaults()} with the choices. */
    CoherenceOptions options() {
      CoherenceOptions o =
          (shared.paper() ? CoherenceOptions.paper() : CoherenceOptions.defaults());
      o = o.withSeed(shared.seed());
      o = shared.draws() > 0 ? o.withRandomSets(shared.draws()) : o;
      return steps > 0 ? o.withSteps(steps) : o;
    }

    /** The plain Java of the call. */
    String java(String data) {
      String javaOptions =
          "CoherenceOptions."
              + (shared.paper() ? "paper" : "defaults")
              + "().withSeed("
              + shared.seed()
              + "L)"
              + (shared.draws() > 0 ? ".withRandomSets(" + shared.draws() + ")" : "")
              + (steps > 0 ? ".withSteps(" + steps + ")" : "");
      String subClusters =
          "SubClusters."
              + (examples ? "forCoherence(" : "forImportance(")
              + shared.partitionVar()
              + ", "
              + shared.modelVar()
              + ")"
              + (layer == null
                  ? ""
                  : ".stream().filter(c -> c.layer().equals(\"" + layer + "\")).toList()");
      return examples
          ? shared.testJava(data)
              + "\nCoherenceResult "
              + shared.as()
              + " = DatasetExamples.run("
              + shared.modelVar()
              + ", test, "
              + subClusters
              + ", "
              + javaOptions
              + ", Notebook.progress());"
          : "CoherenceResult "
              + shared.as()
              + " = FeatureVisualization.run("
              + shared.modelVar()
              + ", "
              + subClusters
              + ", "
              + javaOptions
              + ", Notebook.progress());";
    }
  }
}
