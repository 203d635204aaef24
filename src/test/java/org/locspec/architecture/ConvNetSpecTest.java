package org.locspec.architecture;

import org.locspec.train.Augmentation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;

/** Layer layouts of the specs, their validation, and the augmentation. */
class ConvNetSpecTest {

  @Test
  void paperCnnHasThePapersLayersInOrder() {
    assertEquals(
        List.of(
            "conv1", "relu1", "dropout1", "conv2", "relu2", "pool1", "dropout2", "conv3",
            "relu3", "pool2", "dropout3", "flatten1", "dense1", "relu4", "dropout4", "dense2"),
        CnnSpec.paper().layerNames());
    assertEquals(
        List.of("conv1", "relu1", "conv2", "relu2", "pool1", "flatten1", "dense1", "relu3", "dense2"),
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
    assertEquals(List.of(64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512), vgg.convChannels());
    assertArrayEquals(new long[] {3, 32, 32}, vgg.inputShape());
  }

  @Test
  void invalidSpecsNameTheProblem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CnnSpec.paper().withConvLayers(List.of(8, 8), List.of(true)));
    assertTrue(e.getMessage().startsWith("poolAfter must have one true/false entry"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CnnSpec.paper().withDropout(1, 0));
    assertEquals("convDropout must be in [0, 1), got 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> VggSpec.paper().withInput(3, 16, 16));
    assertTrue(e.getMessage().contains("leaves no pixels"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CnnSpec.paper().withNumClasses(1));
    assertEquals("numClasses must be >= 2, got 1", e.getMessage());
  }

  @Test
  void augmentationIsSeededAndFlipsAndShiftsExactly() {
    float[] img = new float[2 * 4 * 5];
    for (int i = 0; i < img.length; i++) {
      img[i] = i;
    }
    ImageDataset one = ImageDataset.of("one", 2, 4, 5, img, new int[] {0}, List.of("a", "b"));
    assertArrayEquals(img, Augmentation.none().augment(one, 1).image(0));
    // Flip only: every image is either unchanged or mirrored left-right.
    Augmentation flip = new Augmentation(true, 0, 0);
    boolean sawFlip = false;
    for (long seed = 0; seed < 8; seed++) {
      float[] out = flip.augment(one, seed).image(0);
      boolean mirrored = out[0] == img[4];
      sawFlip |= mirrored;
      for (int ch = 0; ch < 2; ch++) {
        for (int y = 0; y < 4; y++) {
          for (int x = 0; x < 5; x++) {
            int src = mirrored ? 4 - x : x;
            assertEquals(img[(ch * 4 + y) * 5 + src], out[(ch * 4 + y) * 5 + x], 0f);
          }
        }
      }
    }
    assertTrue(sawFlip);
    // Shifts: values stay within the image's range, and the same seed repeats the result.
    ImageDataset digits = Datasets.load(Datasets.FASHION_MNIST, org.locspec.data.Split.TEST,
        Datasets.DEBIAN_FASHION_MNIST.getParent()).slice(0, 20);
    ImageDataset a = Augmentation.paper().augment(digits, 3);
    assertArrayEquals(a.pixels(), Augmentation.paper().augment(digits, 3).pixels());
    assertFalse(java.util.Arrays.equals(a.pixels(), digits.pixels()));
    for (float v : a.pixels()) {
      assertTrue(v >= 0 && v <= 1, "pixel " + v);
    }
    float[] dst = new float[img.length];
    new Augmentation(false, 0.2, 0).apply(img, 0, dst, 0, 2, 4, 5, new SplittableRandom(1));
    assertTrue(dst[0] >= 0 && dst[0] <= img.length);
  }
}
