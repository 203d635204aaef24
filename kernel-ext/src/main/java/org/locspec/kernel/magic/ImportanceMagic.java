package org.locspec.kernel.magic;

import org.locspec.cluster.SubClusters;
import org.locspec.lesion.ImportanceOptions;
import org.locspec.lesion.ImportanceResult;
import org.locspec.lesion.ImportanceTest;

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
    SubClusterAnalysis r = SubClusterAnalysis.read(s, "importance");
    String data = r.dataset(s);
    ImportanceOptions options =
        (r.paper() ? ImportanceOptions.paper() : ImportanceOptions.defaults()).withSeed(r.seed());
    if (r.draws() > 0) {
      options = options.withRandomLesions(r.draws());
    }
    s.showJava(
        r.testJava(data)
            + "\nImportanceResult "
            + r.as()
            + " = ImportanceTest.run("
            + r.modelVar()
            + ", test, SubClusters.forImportance("
            + r.partitionVar()
            + ", "
            + r.modelVar()
            + "), ImportanceOptions."
            + (r.paper() ? "paper" : "defaults")
            + "().withSeed("
            + r.seed()
            + "L)"
            + (r.draws() > 0 ? ".withRandomLesions(" + r.draws() + ")" : "")
            + ", Notebook.progress());");
    ImportanceOptions chosen = options;
    ImportanceResult result =
        s.run(
            progress ->
                ImportanceTest.run(
                    r.network(),
                    r.test(data),
                    SubClusters.forImportance(r.partition(), r.network()),
                    chosen,
                    progress));
    s.bind(r.as(), ImportanceResult.class, result);
    return result;
  }
}
