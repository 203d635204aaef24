package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image folders written here with ImageIO (PNG is lossless, so pixel values are checked exactly),
 * and every refusal: no folder, no class folders, an empty class, a damaged file, mixed sizes.
 */
class ImageFolderTest {
  @TempDir Path dir;

  /** A w × h RGB image whose pixel (x, y) is (x, y, 10 + seed). */
  static BufferedImage gradient(int w, int h, int seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (x << 16) | (y << 8) | (10 + seed));
      }
    }
    return img;
  }

  static void write(BufferedImage img, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    String format =
        file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? "png" : "jpg";
    assertTrue(ImageIO.write(img, format, file.toFile()), "no writer for " + format);
  }

  @Test
  void classesAreSubFoldersInNameOrderAndPixelsKeepTheirValues() throws IOException {
    Path root = dir.resolve("pets");
    write(gradient(4, 3, 0), root.resolve("dog/b.png"));
    write(gradient(4, 3, 1), root.resolve("cat/z.png"));
    write(gradient(4, 3, 2), root.resolve("dog/a.PNG"));
    Files.writeString(root.resolve("dog/notes.txt"), "not an image");
    Files.writeString(root.resolve(".hidden.png"), "skipped");
    ImageDataset d = ImageFolder.load(root, ImageFolder.Options.defaults());
    assertEquals("pets", d.name());
    assertEquals(List.of("cat", "dog"), d.classNames());
    assertEquals(3, d.size());
    assertArrayEquals(new int[] {0, 1, 1}, new int[] {d.label(0), d.label(1), d.label(2)});
    assertEquals(3, d.channels());
    assertEquals(3, d.height());
    assertEquals(4, d.width());
    float[] px = d.pixels(); // image 1 is dog/a.PNG (seed 2): R = x, G = y, B = 12
    int at = 36;
    assertEquals(3 / 255f, px[at + 3], 0); // R of (x = 3, y = 0)
    assertEquals(2 / 255f, px[at + 12 + 2 * 4 + 1], 0); // G of (x = 1, y = 2)
    assertEquals(12 / 255f, px[at + 24], 0); // B
    ImageDataset normalized =
        ImageFolder.load(
            root,
            ImageFolder.Options.defaults()
                .withNormalization(new float[] {0.5f, 0, 0}, new float[] {0.5f, 1, 2}));
    assertEquals((3 / 255f - 0.5f) / 0.5f, normalized.pixels()[at + 3], 1e-7);
    assertEquals(12 / 255f / 2, normalized.pixels()[at + 24], 1e-7);
  }

  @Test
  void imagesOfOtherSizesAreStretchedOrCroppedAndGreyIsPilsLuma() throws IOException {
    Path root = dir.resolve("mixed");
    BufferedImage flat = new BufferedImage(10, 6, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 10; x++) {
        flat.setRGB(x, y, (200 << 16) | (100 << 8) | 50);
      }
    }
    write(flat, root.resolve("a/flat.png"));
    write(gradient(5, 8, 0), root.resolve("b/grad.jpg"));
    ImageDataset grey =
        ImageFolder.load(
            root,
            ImageFolder.Options.defaults().withGrey().withSize(4, 4, ImageFolder.Resize.STRETCH));
    assertEquals(1, grey.channels());
    assertEquals(4, grey.height());
    int luma = (200 * 19595 + 100 * 38470 + 50 * 7471 + 0x8000) >> 16;
    for (int p = 0; p < 16; p++) {
      assertEquals(luma / 255f, grey.pixels()[p], 1e-6, "pixel " + p + " of a flat image");
    }
    ImageDataset cropped =
        ImageFolder.load(
            root,
            new ImageFolder.Options(
                3, 4, 4, ImageFolder.Resize.CENTER_CROP, 6, new float[3], new float[] {1, 1, 1}));
    assertEquals(2, cropped.size());
    assertEquals(200 / 255f, cropped.pixels()[5], 1e-6);
    BufferedImage g = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    g.getRaster().setSample(1, 1, 0, 77);
    write(g, dir.resolve("grey/x/g.png"));
    float[] read = ImageFolder.load(dir.resolve("grey"), ImageFolder.Options.defaults()).pixels();
    assertEquals(77 / 255f, read[4], 0, "a grey file's value is kept (R of pixel (1, 1))");
  }

  @Test
  void badFoldersAndFilesAreNamedWithTheFix() throws IOException {
    DataFileException none =
        assertThrows(
            DataFileException.class,
            () -> ImageFolder.load(dir.resolve("absent"), ImageFolder.Options.defaults()));
    assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
    Files.createDirectories(dir.resolve("flat"));
    DataFileException flat =
        assertThrows(
            DataFileException.class,
            () -> ImageFolder.load(dir.resolve("flat"), ImageFolder.Options.defaults()));
    assertTrue(flat.getMessage().contains("no class sub-folders"), flat.getMessage());
    Path root = dir.resolve("r");
    write(gradient(4, 4, 0), root.resolve("a/1.png"));
    Files.createDirectories(root.resolve("b"));
    DataFileException empty =
        assertThrows(
            DataFileException.class, () -> ImageFolder.load(root, ImageFolder.Options.defaults()));
    assertTrue(
        empty.getMessage().contains("class folder " + root.resolve("b") + " holds no PNG"),
        empty.getMessage());
    Files.write(root.resolve("b/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
    DataFileException broken =
        assertThrows(
            DataFileException.class, () -> ImageFolder.load(root, ImageFolder.Options.defaults()));
    assertEquals(root.resolve("b/broken.png"), broken.file());
    assertTrue(broken.getMessage().contains("cannot be read"), broken.getMessage());
    Files.delete(root.resolve("b/broken.png"));
    write(gradient(5, 4, 0), root.resolve("b/wide.png"));
    DataFileException mixed =
        assertThrows(
            DataFileException.class, () -> ImageFolder.load(root, ImageFolder.Options.defaults()));
    assertTrue(
        mixed.getMessage().contains("is 5×4 (width×height)")
            && mixed.getMessage().contains("Resize.STRETCH"),
        mixed.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageFolder.Options.defaults().withSize(0, 0, ImageFolder.Resize.STRETCH));
  }
}
