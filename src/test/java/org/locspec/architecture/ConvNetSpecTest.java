package org.locspec.architecture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer layouts of the specs, their validation, and the augmentation. */
class ConvNetSpecTest {

  @Test
  void paperCnnHasThePapersLayersInOrder() {
    assertEquals(
        List.of(
            "conv1",
            "relu1",
            "dropout1",
            "conv2",
            "relu2",
            "pool1",
            "dropout2",
            "conv3",
            "relu3",
            "pool2",
            "dropout3",
            "flatten1",
            "dense1",
            "relu4",
            "dropout4",
            "dense2"),
        CnnSpec.paper().layerNames());
    assertEquals(
        List.of(
            "conv1", "relu1", "conv2", "relu2", "pool1", "flatten1", "dense1", "relu3", "dense2"),
        CnnSpec.paper()
            .withDropout(0, 0)
            .withConvLayers(List.of(4, 4), List.of(false, true))
            .layerNames());
  }

  @Test
  void paperVggHas13ConvolutionsWithBatchNormAfterTheRelu() {
    VggSpec vgg = VggSpec.paper();
    List<String> names = vgg.layerNames();
    assertEquals(13, names.stream().filter(n -> n.startsWith("conv")).count());
    assertEquals(5, names.stream().filter(n -> n.startsWith("pool")).count());
    assertEquals(14, names.stream().filter(n -> n.startsWith("bn")).count());
    assertEquals(3, names.stream().filter(n -> n.startsWith("dense")).count());
    // conv2 → ReLU → pool → batch norm (the papers' Keras order)
    int i = names.indexOf("conv2");
    assertEquals(List.of("conv2", "relu2", "pool1", "bn2", "conv3"), names.subList(i, i + 5));
    List<String> before = vgg.withBatchNormOrder(VggSpec.BatchNormOrder.BEFORE_RELU).layerNames();
    i = before.indexOf("conv2");
    assertEquals(List.of("conv2", "bn2", "relu2", "pool1", "conv3"), before.subList(i, i + 5));
    assertEquals(
        List.of(64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512), vgg.convChannels());
    assertArrayEquals(new long[] {3, 32, 32}, vgg.inputShape());
  }

  @Test
  void invalidSpecsNameTheProblem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CnnSpec.paper().withConvLayers(List.of(8, 8), List.of(true)));
    assertTrue(
        e.getMessage().startsWith("poolAfter must have one true/false entry"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CnnSpec.paper().withDropout(1, 0));
    assertEquals("convDropout must be in [0, 1), got 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> VggSpec.paper().withInput(3, 16, 16));
    assertTrue(e.getMessage().contains("leaves no pixels"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CnnSpec.paper().withNumClasses(1));
    assertEquals("numClasses must be >= 2, got 1", e.getMessage());
  }
}
