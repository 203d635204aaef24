package org.locspec.kernel.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Renders a {@link BufferedImage} as {@code image/png} with a readable {@code text/plain} ("image
 * 28 x 28, RGB") instead of its {@code toString()} dump.
 */
public final class ImageRenderers {
  private ImageRenderers() {}

  /**
   * Registers the image renderer. Registering twice with the same renderer does nothing.
   *
   * @param renderer the kernel's renderer
   */
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "images")) {
      return;
    }
    renderer
        .createRegistration(BufferedImage.class)
        .preferring(MIMEType.IMAGE_PNG)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (image, ctx) -> {
              ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64(image));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(image));
            });
  }

  /**
   * A one-line description: size and pixel format.
   *
   * @param image an image
   * @return e.g. "image 28 x 28, grey (8 bit)"
   */
  public static String describe(BufferedImage image) {
    return "image " + image.getWidth() + " x " + image.getHeight() + ", " + format(image.getType());
  }

  private static String format(int type) {
    return switch (type) {
      case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_BGR ->
          "RGB";
      case BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR -> "RGB with alpha";
      case BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_4BYTE_ABGR_PRE ->
          "RGB with premultiplied alpha";
      case BufferedImage.TYPE_BYTE_GRAY -> "grey (8 bit)";
      case BufferedImage.TYPE_USHORT_GRAY -> "grey (16 bit)";
      case BufferedImage.TYPE_BYTE_BINARY -> "black and white";
      case BufferedImage.TYPE_BYTE_INDEXED -> "indexed colours";
      default -> "custom pixel format";
    };
  }

  /**
   * The image as a base64 PNG.
   *
   * @param image an image
   * @return base64 of its PNG encoding
   */
  public static String pngBase64(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalArgumentException("no PNG writer for " + describe(image));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an image as PNG", e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
