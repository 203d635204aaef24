package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ImageDatasetTest {
  private static ImageDataset three() {
    float[] px = {0f, 0.1f, 0.2f, 0.3f, 1f, 1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.5f};
    return ImageDataset.of("tiny", 1, 2, 2, px, new int[] {1, 0, 1}, List.of("a", "b"));
  }

  @Test
  void accessorsAndCopies() {
    ImageDataset d = three();
    assertEquals(3, d.size());
    assertEquals(4, d.imageSize());
    assertEquals(2, d.numClasses());
    assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, d.image(1));
    d.labels()[0] = 0;
    d.image(0)[0] = 9f;
    assertEquals(1, d.label(0), "labels() must return a copy");
    assertEquals(0f, d.image(0)[0], "image() must return a copy");
    assertArrayEquals(new int[] {1, 2}, d.classCounts());
  }

  @Test
  void sliceAndSelectKeepPixelsWithLabels() {
    ImageDataset d = three();
    ImageDataset s = d.slice(1, 3);
    assertEquals(2, s.size());
    assertArrayEquals(d.image(2), s.image(1));
    ImageDataset sel = d.select("picked", new int[] {2, 0});
    assertArrayEquals(new int[] {1, 1}, sel.labels());
    assertArrayEquals(d.image(0), sel.image(1));
    float[] buf = new float[8];
    d.copyPixels(1, 3, buf, 0);
    assertEquals(1f, buf[0]);
    assertEquals(0.5f, buf[7]);
  }

  @Test
  void tableHasOneRowPerClass() {
    Table t = three().toTable();
    assertEquals(2, t.rowCount());
    assertEquals("b", t.stringColumn("class").get(1));
    assertEquals(2, t.intColumn("images").get(1));
  }

  @Test
  void inconsistentSizesAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ImageDataset.of("bad", 1, 2, 2, new float[7], new int[] {0, 1}, List.of("a", "b")));
    assertTrue(e.getMessage().contains("need 8 pixel values, got 7"), e.getMessage());
    IllegalArgumentException l =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageDataset.of("bad", 1, 1, 1, new float[1], new int[] {5}, List.of("a", "b")));
    assertTrue(l.getMessage().contains("label of image 0 is 5"), l.getMessage());
  }

  @Test
  void splitParsesAndNamesAcceptedValues() {
    assertEquals(Split.TRAIN, Split.parse(" Train "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Split.parse("val"));
    assertTrue(e.getMessage().contains("train, test") && e.getMessage().contains("'val'"));
  }
}
