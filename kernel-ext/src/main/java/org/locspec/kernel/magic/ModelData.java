package org.locspec.kernel.magic;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.locspec.data.Datasets;
import org.locspec.model.Network;
import org.locspec.train.TrainedNetwork;

/**
 * Which data set each network that {@code %model} bound belongs to, so that {@code %cluster},
 * {@code %importance} and {@code %coherence} use its training and test images without being told. A
 * network is forgotten when nothing refers to it any more.
 */
final class ModelData {
  private static final Map<Network, String> DATASETS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ModelData() {}

  /** Remembers the data set of a network. */
  static void remember(Network network, String dataset) {
    DATASETS.put(network, dataset);
  }

  /**
   * The data set to analyse a network on: {@code --data} if given, else the one {@code %model}
   * remembered, else that of a session's {@link TrainedNetwork} whose layer view has the network's
   * name (e.g. {@code Network model = trained.network();} in a cell).
   *
   * @param network the network
   * @param args the magic's arguments (may hold {@code --data})
   * @param variables the session's variables
   * @return the data set's name
   * @throws MagicUsageException if none says
   */
  static String of(Network network, MagicArguments args, List<SessionVariable> variables) {
    Optional<String> given = args.choice("data", Datasets.names());
    if (given.isPresent()) {
      return given.get();
    }
    String known = DATASETS.get(network);
    for (int i = variables.size() - 1; known == null && i >= 0; i--) {
      if (variables.get(i).value() instanceof TrainedNetwork t && t.name().equals(network.name())) {
        known = trainedOn(t);
      }
    }
    if (known == null) {
      throw args.fail(
          "the data set of network "
              + network.name()
              + " is unknown (%model tells it for zoo, saved and trained models); give --data"
              + " NAME ("
              + String.join(", ", Datasets.names())
              + ")");
    }
    return known;
  }

  /** The data set a trained network was trained on, e.g. "fashion-mnist". */
  static String trainedOn(TrainedNetwork t) {
    return t.data().trainSet().split("[/\\s\\[]", 2)[0];
  }
}
