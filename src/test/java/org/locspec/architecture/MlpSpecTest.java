package org.locspec.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpSpecTest {
  @Test
  void paperSpecIsFourHiddenLayersOf256() {
    MlpSpec s = MlpSpec.paper();
    assertEquals(784, s.inputSize());
    assertEquals(List.of(256, 256, 256, 256), s.hidden());
    assertEquals(10, s.numClasses());
    assertEquals(0.0, s.dropout());
    assertEquals(List.of(784, 256, 256, 256, 256, 10), s.layerWidths());
    assertEquals(List.of("dense1", "dense2", "dense3", "dense4", "dense5"), s.denseLayerNames());
    assertEquals(784 * 256 + 256 + 3 * (256 * 256 + 256) + 256 * 10 + 10, s.parameterCount());
    assertEquals("MLP 784 → 256 → 256 → 256 → 256 → 10 (ReLU)", s.toString());
  }

  @Test
  void withersChangeOneField() {
    MlpSpec s = MlpSpec.paper().withHidden(64, 32).withDropout(0.5);
    assertEquals(List.of(64, 32), s.hidden());
    assertEquals(0.5, s.dropout());
    assertEquals(784, s.inputSize());
    assertEquals("MLP 784 → 64 → 32 → 10 (ReLU, dropout 0.5)", s.toString());
    assertEquals(3072, s.withInputSize(3072).inputSize());
    assertEquals(2, s.withNumClasses(2).numClasses());
  }

  @Test
  void hiddenListIsCopied() {
    List<Integer> widths = new ArrayList<>(List.of(8, 8));
    MlpSpec s = MlpSpec.paper().withHidden(widths);
    widths.set(0, 99);
    assertEquals(List.of(8, 8), s.hidden());
  }

  @Test
  void validationNamesParameterValueAndConstraint() {
    assertEquals(
        "inputSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> MlpSpec.paper().withInputSize(0))
            .getMessage());
    assertEquals(
        "hidden layer widths must be >= 1, got 0 at position 1 of [64, 0]",
        assertThrows(IllegalArgumentException.class, () -> MlpSpec.paper().withHidden(64, 0))
            .getMessage());
    assertEquals(
        "numClasses must be >= 2, got 1",
        assertThrows(IllegalArgumentException.class, () -> MlpSpec.paper().withNumClasses(1))
            .getMessage());
    assertEquals(
        "dropout must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> MlpSpec.paper().withDropout(1.0))
            .getMessage());
  }

  @Test
  void blockHasOneLinearPerDenseLayerWhateverTheDropout() {
    SequentialBlock plain = MlpSpec.paper().build();
    SequentialBlock dropout = MlpSpec.paper().withDropout(0.5).build();
    assertEquals(5, Mlp.denseLayers(plain).size());
    assertEquals(5, Mlp.denseLayers(dropout).size());
    assertEquals(9, plain.getChildren().size()); // 4 × (Linear, ReLU) + Linear
    assertEquals(13, dropout.getChildren().size()); // 4 × (Linear, ReLU, Dropout) + Linear
    assertEquals(Mlp.denseLayers(dropout).get(4), Mlp.dense(dropout, "dense5"));
  }

  @Test
  void layerNamesAreMadeAndParsedInOnePlace() {
    assertEquals("dense4", Mlp.denseName(3));
    assertEquals(3, Mlp.denseIndex("dense4"));
    assertEquals(12, Mlp.denseIndex(Mlp.denseName(12)));
    for (String bad :
        new String[] {"dense", "dense-1", "dense0", "conv1", "01Linear", "dense1a", "Dense1"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Mlp.denseIndex(bad));
      assertEquals(
          "layer name must be \"dense\" followed by a number from 1, e.g. \"dense1\"; got '"
              + bad
              + "'",
          e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Mlp.dense(MlpSpec.paper().build(), "dense6"));
    assertEquals(
        "no layer 'dense6': this MLP has 5 dense layers, dense1 to dense5", e.getMessage());
  }
}
