package org.locspec.kernel.magic;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.model.Network;
import org.locspec.modelfile.ModelFile;
import org.locspec.modelfile.TorchScriptImporter;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.Trainer;
import org.locspec.zoo.ZooArchitecture;
import org.locspec.zoo.ZooGrid;
import org.locspec.zoo.ZooModel;
import org.locspec.zoo.ZooNames;
import org.locspec.zoo.ZooRegime;

/**
 * {@code %model}: the network to analyse, from the model zoo ({@link ZooNames}), a saved model
 * folder ({@link ModelFile}), a TorchScript file ({@link TorchScriptImporter}), or trained now
 * ({@link Trainer} with a regime of the zoo). Binds the layer view as {@code model} (a {@link
 * Network}, what every analysis takes) and, for a network LocSpec trained, the {@link
 * TrainedNetwork} as {@code trained}; remembers the model's data set for the analysis magics.
 */
public final class ModelMagic implements KernelMagic<Network> {
  static final MagicSyntax SYNTAX =
      MagicSyntax.builder()
          .optional("source")
          .option("zoo", "DIR")
          .option("data", "NAME")
          .option("train", "ARCHITECTURE")
          .option("regime", "REGIME")
          .option("epochs", "N")
          .option("limit", "N")
          .option("seed", "S")
          .option("as", "NAME")
          .flag("java")
          .build();

  private static final List<String> ARCHITECTURES =
      Arrays.stream(ZooArchitecture.values()).map(ZooArchitecture::id).toList();
  private static final List<String> TRAIN_ONLY = List.of("regime", "epochs", "limit", "seed");

  /** Creates the magic. */
  public ModelMagic() {}

  @Override
  public String name() {
    return "model";
  }

  @Override
  public String usage() {
    return "%model SOURCE [--zoo DIR] [--data NAME] [--as model] [--java]   |   %model --train "
        + String.join("|", ARCHITECTURES)
        + " --data NAME [--regime "
        + String.join("|", regimes())
        + "] [--epochs N] [--limit N] [--seed S] [--as model] [--java]   (SOURCE: a zoo model"
        + " such as fashion-mnist/dropout-pruned/0, a saved model folder or a TorchScript file)";
  }

  @Override
  public String help() {
    return "loads a network (zoo model, model folder, TorchScript file) or trains one; binds model"
        + " (Network) and trained (TrainedNetwork)";
  }

  private static List<String> regimes() {
    return Arrays.stream(ZooRegime.values()).map(ZooRegime::id).toList();
  }

  @Override
  public Network run(MagicHost host, MagicCall call) throws Exception {
    MagicSession s = MagicSession.start(host, this, call, SYNTAX);
    MagicArguments a = s.args();
    String as = a.identifier("as").orElse("model");
    Loaded loaded = a.has("train") ? train(s, a) : load(s, a);
    Network network = loaded.trained() == null ? loaded.network() : loaded.trained().network();
    if (loaded.trained() != null) {
      host.display(loaded.trained().evaluation());
      s.bind("trained", TrainedNetwork.class, loaded.trained());
    }
    s.bind(as, Network.class, network);
    if (loaded.dataset() != null) {
      ModelData.remember(network, loaded.dataset());
    }
    return network;
  }

  /** A loaded model: the trained network (or null), the imported network (or null), its data. */
  private record Loaded(TrainedNetwork trained, Network network, String dataset) {}

  private Loaded train(MagicSession s, MagicArguments a) throws Exception {
    if (a.has("source")) {
      throw a.fail("give SOURCE or --train, not both");
    }
    ZooArchitecture architecture = ZooArchitecture.parse(a.choice("train", ARCHITECTURES).get());
    String data =
        a.choice("data", Datasets.names())
            .orElseThrow(() -> a.fail("--train needs --data NAME (" + Datasets.names() + ")"));
    ZooRegime regime = a.choice("regime", regimes()).map(ZooRegime::parse).orElse(ZooRegime.PLAIN);
    Optional<Integer> epochs = a.positiveInt("epochs");
    long seed = a.seed("seed").orElse(0L);
    int limit = a.positiveInt("limit").orElse(0);
    ZooGrid grid = ZooGrid.paper();
    String gridJava = "ZooGrid.paper()";
    if (epochs.isPresent()) {
      grid = grid.withEpochs(epochs.get(), epochs.get());
      gridJava += ".withEpochs(" + epochs.get() + ", " + epochs.get() + ")";
    }
    ZooModel model = grid.model(data, architecture, regime, seed);
    s.showJava(
        "ZooModel zooModel = "
            + gridJava
            + ".model(\""
            + data
            + "\", ZooArchitecture."
            + architecture.name()
            + ", ZooRegime."
            + regime.name()
            + ", "
            + seed
            + "L);\nTrainedNetwork trained = ZooNames.train(zooModel, "
            + limit
            + ", Notebook.progress());\nNetwork model = trained.network();");
    TrainedNetwork trained = s.run(progress -> ZooNames.train(model, limit, progress));
    return new Loaded(trained, null, data);
  }

  private Loaded load(MagicSession s, MagicArguments a) throws Exception {
    for (String option : TRAIN_ONLY) {
      if (a.has(option)) {
        throw a.fail("--" + option + " is for training: add --train mlp, or drop --" + option);
      }
    }
    String source =
        a.value("source")
            .orElseThrow(
                () ->
                    a.fail(
                        "SOURCE is missing: give a zoo model (e.g. fashion-mnist/dropout-pruned/0), a"
                            + " model folder or a TorchScript file, or train one with --train mlp"
                            + " --data NAME"));
    String data = a.choice("data", Datasets.names()).orElse(null);
    Path path;
    try {
      path = Path.of(source);
    } catch (InvalidPathException e) {
      throw a.fail("'" + source + "' is not a valid path: " + e.getMessage());
    }
    if (Files.isRegularFile(path)) {
      if (data == null) {
        s.showJava("Network model = TorchScriptImporter.load(Path.of(" + quote(path) + "));");
        return new Loaded(null, s.run(progress -> TorchScriptImporter.load(path)), null);
      }
      s.showJava(
          "ImageDataset test = Datasets.load(\""
              + data
              + "\", Split.TEST);\nNetwork model = TorchScriptImporter.load(Path.of("
              + quote(path)
              + "), new long[] {test.channels(), test.height(), test.width()});");
      Network net =
          s.run(
              progress -> {
                ImageDataset test = Datasets.load(data, Split.TEST);
                return TorchScriptImporter.load(
                    path, new long[] {test.channels(), test.height(), test.width()});
              });
      return new Loaded(null, net, data);
    }
    if (Files.isDirectory(path)) {
      s.showJava(
          "TrainedNetwork trained = ModelFile.load(Path.of("
              + quote(path)
              + "));\nNetwork model = trained.network();");
      TrainedNetwork t = s.run(progress -> ModelFile.load(path));
      return new Loaded(t, null, data != null ? data : ModelData.trainedOn(t));
    }
    if (!ZooNames.isName(source)) {
      throw a.fail(
          "there is no file or folder "
              + path.toAbsolutePath().normalize()
              + ", and '"
              + source
              + "' is not a zoo model name (dataset/regime/seed, e.g. fashion-mnist/dropout-pruned/0)");
    }
    Path zoo = a.value("zoo").map(Path::of).orElse(ZooNames.defaultDir());
    String name;
    try {
      name = ZooNames.name(ZooNames.find(zoo, source));
    } catch (IllegalArgumentException e) {
      throw a.fail(e.getMessage());
    }
    s.showJava(
        "TrainedNetwork trained = ZooNames.load(Path.of("
            + quote(zoo)
            + "), \""
            + name
            + "\");\nNetwork model = trained.network();");
    TrainedNetwork t = s.run(progress -> ZooNames.load(zoo, name));
    return new Loaded(t, null, data != null ? data : ModelData.trainedOn(t));
  }

  private static String quote(Path p) {
    return MagicDispatch.literal(p.toAbsolutePath().normalize().toString());
  }
}
