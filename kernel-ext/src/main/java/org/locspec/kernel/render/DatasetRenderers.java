package org.locspec.kernel.render;

import java.awt.image.BufferedImage;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.locspec.data.ImageDataset;

/**
 * Renders an {@link ImageDataset} as HTML: its summary, its class counts ({@link
 * ImageDataset#toTable()}) and the first {@value #GRID_IMAGES} images with their class names.
 * {@code text/plain} is its {@code toString()}.
 */
public final class DatasetRenderers {
  /** How many images the grid shows. */
  public static final int GRID_IMAGES = 16;

  private static final int SCALE = 2;

  private DatasetRenderers() {}

  /**
   * Registers the data set renderer. Registering twice with the same renderer does nothing.
   *
   * @param renderer the kernel's renderer
   */
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "datasets")) {
      return;
    }
    renderer
        .createRegistration(ImageDataset.class)
        .preferring(MIMEType.TEXT_HTML)
        .register((data, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> toHtml(data)));
  }

  /**
   * The HTML view: summary line, class-count table and an image grid.
   *
   * @param data the data set
   * @return HTML
   */
  public static String toHtml(ImageDataset data) {
    StringBuilder sb = new StringBuilder();
    sb.append("<div><p><b>").append(Html.escape(data.toString())).append("</b></p>");
    sb.append(TableRenderers.toHtml(data.toTable()));
    int n = Math.min(GRID_IMAGES, data.size());
    if (n > 0) {
      sb.append("<div style=\"display:flex;flex-wrap:wrap;gap:4px\">");
      for (int i = 0; i < n; i++) {
        String label = data.classNames().get(data.label(i));
        sb.append("<figure style=\"margin:0;text-align:center;font-size:smaller\">")
            .append("<img src=\"data:image/png;base64,")
            .append(ImageRenderers.pngBase64(toImage(data, i)))
            .append("\" alt=\"")
            .append(Html.escape(label))
            .append("\"/><figcaption>")
            .append(Html.escape(label))
            .append("</figcaption></figure>");
      }
      sb.append("</div>");
    }
    return sb.append("</div>").toString();
  }

  /**
   * Image {@code i} of the data set as a picture, scaled ×{@value #SCALE}. Grey scale for one
   * channel, RGB for three (channels after the third are ignored); values are clamped to [0, 1].
   *
   * @param data the data set
   * @param i the image index
   * @return the picture
   */
  public static BufferedImage toImage(ImageDataset data, int i) {
    float[] px = data.image(i);
    int h = data.height();
    int w = data.width();
    int plane = h * w;
    boolean rgb = data.channels() >= 3;
    BufferedImage img = new BufferedImage(w * SCALE, h * SCALE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        int r = level(px[p]);
        int g = rgb ? level(px[plane + p]) : r;
        int b = rgb ? level(px[2 * plane + p]) : r;
        int argb = (r << 16) | (g << 8) | b;
        for (int dy = 0; dy < SCALE; dy++) {
          for (int dx = 0; dx < SCALE; dx++) {
            img.setRGB(x * SCALE + dx, y * SCALE + dy, argb);
          }
        }
      }
    }
    return img;
  }

  private static int level(float v) {
    float c = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
    return Math.round(c * 255f);
  }
}
