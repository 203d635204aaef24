package org.locspec.kernel.magic;

import java.util.List;
import org.locspec.cluster.Partition;
import org.locspec.cluster.SubCluster;
import org.locspec.cluster.SubClusters;
import org.locspec.coherence.CoherenceOptions;
import org.locspec.coherence.CoherenceResult;
import org.locspec.coherence.DatasetExamples;
import org.locspec.coherence.FeatureVisualization;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
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
    Request r =
        new Request(
            examples,
            a.identifier("model").orElse("model"),
            a.identifier("partition").orElse("partition"),
            a.identifier("as").orElse("coherence"),
            a.value("layer").orElse(null),
            a.positiveInt("sample").orElse(0),
            a.has("paper"),
            a.positiveInt("draws").orElse(0),
            a.positiveInt("steps").orElse(0),
            a.seed("seed").orElse(0L));
    Network net = s.require(r.model(), Network.class, "%model");
    Partition partition = s.require(r.partition(), Partition.class, "%cluster");
    String data = examples ? ModelData.of(net, a, host.variables()) : null;
    s.showJava(r.java(data));
    CoherenceResult result =
        s.run(
            progress -> {
              List<SubCluster> chosen =
                  (examples
                          ? SubClusters.forCoherence(partition, net)
                          : SubClusters.forImportance(partition, net))
                      .stream()
                          .filter(c -> r.layer() == null || c.layer().equals(r.layer()))
                          .toList();
              if (!examples) {
                return FeatureVisualization.run(net, chosen, r.options(), progress);
              }
              ImageDataset test = Datasets.load(data, Split.TEST);
              if (r.sample() > 0) {
                test = test.stratifiedSample(r.sample(), r.seed());
              }
              return DatasetExamples.run(net, test, chosen, r.options(), progress);
            });
    s.bind(r.as(), CoherenceResult.class, result);
    return result;
  }

  /**
   * What a call asks for.
   *
   * @param examples dataset examples (else feature visualization)
   * @param model the network's variable
   * @param partition the partition's variable
   * @param as the result's variable
   * @param layer the only layer to analyse, or null for all
   * @param sample test images to rank (0: all)
   * @param paper the papers' fixed draws (else LocSpec's sequential test)
   * @param draws the papers' random sets (0: the options' own)
   * @param steps optimization steps of a visualization (0: the options' own)
   * @param seed the seed
   */
  private record Request(
      boolean examples,
      String model,
      String partition,
      String as,
      String layer,
      int sample,
      boolean paper,
      int draws,
      int steps,
      long seed) {

    /** The options: {@link CoherenceOptions#paper()} or {@code defaults()} with the choices. */
    CoherenceOptions options() {
      CoherenceOptions o = (paper ? CoherenceOptions.paper() : CoherenceOptions.defaults());
      o = o.withSeed(seed);
      o = draws > 0 ? o.withRandomSets(draws) : o;
      return steps > 0 ? o.withSteps(steps) : o;
    }

    /** The plain Java of the call. */
    String java(String data) {
      String javaOptions =
          "CoherenceOptions."
              + (paper ? "paper" : "defaults")
              + "().withSeed("
              + seed
              + "L)"
              + (draws > 0 ? ".withRandomSets(" + draws + ")" : "")
              + (steps > 0 ? ".withSteps(" + steps + ")" : "");
      String subClusters =
          "SubClusters."
              + (examples ? "forCoherence(" : "forImportance(")
              + partition
              + ", "
              + model
              + ")"
              + (layer == null
                  ? ""
                  : ".stream().filter(c -> c.layer().equals(\"" + layer + "\")).toList()");
      return examples
          ? "ImageDataset test = Datasets.load(\""
              + data
              + "\", Split.TEST)"
              + (sample > 0 ? ".stratifiedSample(" + sample + ", " + seed + "L)" : "")
              + ";\nCoherenceResult "
              + as
              + " = DatasetExamples.run("
              + model
              + ", test, "
              + subClusters
              + ", "
              + javaOptions
              + ", Notebook.progress());"
          : "CoherenceResult "
              + as
              + " = FeatureVisualization.run("
              + model
              + ", "
              + subClusters
              + ", "
              + javaOptions
              + ", Notebook.progress());";
    }
  }
}
