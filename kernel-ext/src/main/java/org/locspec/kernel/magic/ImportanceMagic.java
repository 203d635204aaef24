package org.locspec.kernel.magic;

import java.util.Optional;
import org.locspec.cluster.Partition;
import org.locspec.cluster.SubClusters;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;
import org.locspec.model.Network;

/**
 * {@code %importance}: the {@link ImportanceTest} of the bound partition's sub-clusters on the
 * bound network: each lesioned and compared with random same-size lesions of its layer, on the test
 * set of the model's data set (or a stratified sample of it), by LocSpec's sequential test ({@link
 * ImportanceOptions#defaults()}) or the papers' fixed draws ({@code --paper}, {@link
 * ImportanceOptions#paper()}). Binds {@code importance}.
 */
public final class ImportanceMagic implements KernelMagic<ImportanceResult> {
  static final MagicSyntax SYNTAX =
      MagicSyntax.builder()
          .option("sample", "N")
          .option("draws", "N")
          .flag("paper")
          .option("seed", "S")
          .option("model", "NAME")
          .option("partition", "NAME")
          .option("data", "NAME")
          .option("as", "NAME")
          .flag("java")
          .build();

  /** Creates the magic. */
  public ImportanceMagic() {}

  @Override
  public String name() {
    return "importance";
  }

  @Override
  public String usage() {
    return "%importance [--sample N] [--paper] [--draws 19] [--seed 0] [--model model]"
        + " [--partition partition] [--data NAME] [--as importance] [--java]   (LocSpec's"
        + " sequential test, or --paper: the papers' fixed draws; --draws: the papers' draws)";
  }

  @Override
  public String help() {
    return "lesions each sub-cluster against random same-size lesions of its layer; binds"
        + " importance (ImportanceResult)";
  }

  @Override
  public ImportanceResult run(MagicHost host, MagicCall call) throws Exception {
    MagicSession s = MagicSession.start(host, this, call, SYNTAX);
    MagicArguments a = s.args();
    String modelVar = a.identifier("model").orElse("model");
    String partitionVar = a.identifier("partition").orElse("partition");
    String as = a.identifier("as").orElse("importance");
    long seed = a.seed("seed").orElse(0L);
    int sample = a.positiveInt("sample").orElse(0);
    Optional<Integer> draws = a.positiveInt("draws");
    boolean paper = a.has("paper");
    Network net = s.require(modelVar, Network.class, "%model");
    Partition partition = s.require(partitionVar, Partition.class, "%cluster");
    String data = ModelData.of(net, a, host.variables());
    ImportanceOptions options =
        (paper ? ImportanceOptions.paper() : ImportanceOptions.defaults()).withSeed(seed);
    if (draws.isPresent()) {
      options = options.withRandomLesions(draws.get());
    }
    s.showJava(
        "ImageDataset test = Datasets.load(\""
            + data
            + "\", Split.TEST)"
            + (sample > 0 ? ".stratifiedSample(" + sample + ", " + seed + "L)" : "")
            + ";\nImportanceResult "
            + as
            + " = ImportanceTest.run("
            + modelVar
            + ", test, SubClusters.forImportance("
            + partitionVar
            + ", "
            + modelVar
            + "), ImportanceOptions."
            + (paper ? "paper" : "defaults")
            + "().withSeed("
            + seed
            + "L)"
            + draws.map(n -> ".withRandomLesions(" + n + ")").orElse("")
            + ", Notebook.progress());");
    ImportanceOptions chosen = options;
    ImportanceResult r =
        s.run(
            progress -> {
              ImageDataset test = Datasets.load(data, Split.TEST);
              if (sample > 0) {
                test = test.stratifiedSample(sample, seed);
              }
              return ImportanceTest.run(
                  net, test, SubClusters.forImportance(partition, net), chosen, progress);
            });
    s.bind(as, ImportanceResult.class, r);
    return r;
  }
}
