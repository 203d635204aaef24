package org.locspec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageGridTest {
  @Test
  void gridHasTheRightSizeAndPixels() throws Exception {
    ImageGrid.Builder b = ImageGrid.builder(1, 4, 6).columns(5).scale(2);
    for (int i = 0; i < 12; i++) {
      float[] px = new float[24];
      java.util.Arrays.fill(px, i % 2 == 0 ? 0f : 1f);
      b.add(px, "");
    }
    ImageGrid g = b.build();
    assertEquals(3, g.rows());
    BufferedImage im = g.toImage();
    assertEquals(4 + 5 * (12 + 4), im.getWidth());
    assertEquals(4 + 3 * (8 + 4), im.getHeight());
    assertEquals(0x000000, im.getRGB(4, 4) & 0xFFFFFF, "first tile is black");
    assertEquals(0xFFFFFF, im.getRGB(4 + 16, 4) & 0xFFFFFF, "second tile is white");
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(g.toPng()));
    assertEquals(im.getWidth(), decoded.getWidth());
  }

  @Test
  void rgbCaptionsTitleAndContrast() {
    float[] red = new float[3 * 2 * 2];
    java.util.Arrays.fill(red, 0, 4, 5f);
    ImageGrid g =
        ImageGrid.builder(3, 2, 2)
            .scale(4)
            .title("t")
            .add(red, "a long caption here")
            .contrast(ImageGrid.Contrast.FIXED)
            .build();
    BufferedImage im = g.toImage();
    assertEquals(4 + 8 + 4, im.getWidth());
    assertTrue(im.getHeight() > 4 + 8 + 4, "title and caption add height");
    int y = im.getHeight() - 4 - 8 - 1;
    // Find the red tile: the pixel one row above the caption strip is not what matters; scan.
    boolean foundRed = false;
    for (int yy = 0; yy < im.getHeight(); yy++) {
      foundRed |= (im.getRGB(6, yy) & 0xFFFFFF) == 0xFF0000;
    }
    assertTrue(foundRed, "values above 1 are clipped to full red");
    assertTrue(y > 0);
  }

  @Test
  void badInputIsExplained() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.builder(2, 4, 4));
    assertTrue(e.getMessage().contains("channels must be 1 (grey) or 3 (RGB), got 2"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageGrid.builder(1, 4, 4).add(new float[15], "x"));
    assertTrue(e.getMessage().contains("15 values, expected 1×4×4 = 16"), e.getMessage());
  }
}
