package org.locspec.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A grid of equally sized grey (1 channel) or RGB (3 channels) images, each with an optional
 * caption, and an optional title; rendered to a {@link BufferedImage} or PNG bytes.
 *
 * <pre>{@code
 * BufferedImage img = ImageGrid.builder(1, 28, 28)
 *     .title("dense2 #3: top examples")
 *     .add(pixels, "sneaker")
 *     .columns(10).scale(3)
 *     .build()
 *     .toImage();
 * }</pre>
 *
 * <p>Pixels are given as in {@code ImageDataset}: flat, channel-major (CHW) floats.
 */
public final class ImageGrid {
  /** How pixel values become grey levels. */
  public enum Contrast {
    /** Values in [0, 1] are drawn as they are (clipped outside). */
    FIXED,
    /** Each image is stretched from its own minimum to its own maximum. */
    PER_IMAGE,
    /** {@link #FIXED} if every value of every image lies in [0, 1], else {@link #PER_IMAGE}. */
    AUTO
  }

  private static final int PAD = 4;
  private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

  private final int channels;
  private final int height;
  private final int width;
  private final List<float[]> images;
  private final List<String> captions;
  private final String title;
  private final int columns;
  private final int scale;
  private final Contrast contrast;

  private ImageGrid(Builder b) {
    this.channels = b.channels;
    this.height = b.height;
    this.width = b.width;
    this.images = List.copyOf(b.images);
    this.captions = List.copyOf(b.captions);
    this.title = b.title;
    this.columns = Math.min(b.columns, Math.max(1, images.size()));
    this.scale = b.scale;
    this.contrast = b.contrast;
  }

  /**
   * Starts a grid of images of one shape.
   *
   * @param channels 1 (grey) or 3 (RGB)
   * @param height image height in pixels
   * @param width image width in pixels
   * @return a builder
   */
  public static Builder builder(int channels, int height, int width) {
    return new Builder(channels, height, width);
  }

  /** The number of images. */
  public int size() {
    return images.size();
  }

  /** The number of columns of the rendered grid. */
  public int columns() {
    return columns;
  }

  /** The number of rows of the rendered grid. */
  public int rows() {
    return (images.size() + columns - 1) / columns;
  }

  /** Draws the grid. */
  public BufferedImage toImage() {
    int tileW = width * scale;
    int tileH = height * scale;
    boolean anyCaption = captions.stream().anyMatch(c -> !c.isEmpty());
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics cm = pg.getFontMetrics(CAPTION_FONT);
    FontMetrics tm = pg.getFontMetrics(TITLE_FONT);
    pg.dispose();
    int captionH = anyCaption ? cm.getHeight() + 2 : 0;
    int titleH = title.isEmpty() ? 0 : tm.getHeight() + PAD;
    int rows = Math.max(1, rows());
    int w = PAD + columns * (tileW + PAD);
    int h = titleH + PAD + rows * (tileH + captionH + PAD);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(Color.BLACK);
      if (!title.isEmpty()) {
        g.setFont(TITLE_FONT);
        g.drawString(fit(title, tm, w - 2 * PAD), PAD, PAD + tm.getAscent());
      }
      boolean perImage =
          contrast == Contrast.PER_IMAGE || (contrast == Contrast.AUTO && !allInUnitRange());
      g.setFont(CAPTION_FONT);
      for (int i = 0; i < images.size(); i++) {
        int x0 = PAD + (i % columns) * (tileW + PAD);
        int y0 = titleH + PAD + (i / columns) * (tileH + captionH + PAD);
        BufferedImage tile = tile(images.get(i), perImage);
        g.drawImage(tile, x0, y0, tileW, tileH, null);
        String c = captions.get(i);
        if (!c.isEmpty()) {
          g.setColor(Color.BLACK);
          g.drawString(fit(c, cm, tileW + PAD - 1), x0, y0 + tileH + 1 + cm.getAscent());
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** The grid as PNG bytes. */
  public byte[] toPng() {
    return png(toImage());
  }

  /**
   * Encodes an image as PNG.
   *
   * @param image any image, e.g. one drawn by {@link #toImage()}
   * @return the PNG bytes
   */
  public static byte[] png(RenderedImage image) {
    Objects.requireNonNull(image, "image must not be null");
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer is available in this Java runtime");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the image as PNG", e);
    }
  }

  private boolean allInUnitRange() {
    for (float[] im : images) {
      for (float v : im) {
        if (!(v >= 0f && v <= 1f)) {
          return false;
        }
      }
    }
    return true;
  }

  private BufferedImage tile(float[] px, boolean perImage) {
    float lo = 0f;
    float hi = 1f;
    if (perImage) {
      lo = Float.POSITIVE_INFINITY;
      hi = Float.NEGATIVE_INFINITY;
      for (float v : px) {
        if (Float.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (!(hi > lo)) {
        hi = lo + 1f;
      }
    }
    int plane = height * width;
    BufferedImage t = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = y * width + x;
        int r = level(px[p], lo, hi);
        int gr = channels == 3 ? level(px[plane + p], lo, hi) : r;
        int b = channels == 3 ? level(px[2 * plane + p], lo, hi) : r;
        t.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    return t;
  }

  private static int level(float v, float lo, float hi) {
    if (!Float.isFinite(v)) {
      return 0;
    }
    double s = (v - lo) / (hi - lo);
    return (int) Math.round(255 * Math.max(0, Math.min(1, s)));
  }

  private static String fit(String s, FontMetrics m, int width) {
    if (m.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 1 && m.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }

  @Override
  public String toString() {
    return "ImageGrid["
        + images.size()
        + " images of "
        + channels
        + "×"
        + height
        + "×"
        + width
        + ", "
        + columns
        + " columns"
        + (title.isEmpty() ? "" : ", \"" + title + "\"")
        + "]";
  }

  /** Collects the images of an {@link ImageGrid}. */
  public static final class Builder {
    private final int channels;
    private final int height;
    private final int width;
    private final List<float[]> images = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private String title = "";
    private int columns = 10;
    private int scale = 3;
    private Contrast contrast = Contrast.AUTO;

    private Builder(int channels, int height, int width) {
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
      }
      if (height < 1 || width < 1) {
        throw new IllegalArgumentException(
            "height and width must be >= 1, got " + height + "×" + width);
      }
      this.channels = channels;
      this.height = height;
      this.width = width;
    }

    /**
     * Adds an image.
     *
     * @param pixels {@code channels × height × width} values, CHW
     * @param caption a caption drawn below the image (may be empty)
     * @return this builder
     */
    public Builder add(float[] pixels, String caption) {
      Objects.requireNonNull(pixels, "pixels must not be null");
      int n = channels * height * width;
      if (pixels.length != n) {
        throw new IllegalArgumentException(
            "image "
                + images.size()
                + " has "
                + pixels.length
                + " values, expected "
                + channels
                + "×"
                + height
                + "×"
                + width
                + " = "
                + n);
      }
      images.add(pixels.clone());
      captions.add(caption == null ? "" : caption);
      return this;
    }

    /** Sets the title drawn above the grid (empty for none). */
    public Builder title(String title) {
      this.title = title == null ? "" : title;
      return this;
    }

    /** Sets the number of columns (default 10); must be >= 1. */
    public Builder columns(int columns) {
      if (columns < 1) {
        throw new IllegalArgumentException("columns must be >= 1, got " + columns);
      }
      this.columns = columns;
      return this;
    }

    /** Sets the magnification of every pixel (default 3); must be in [1, 32]. */
    public Builder scale(int scale) {
      if (scale < 1 || scale > 32) {
        throw new IllegalArgumentException("scale must be in [1, 32], got " + scale);
      }
      this.scale = scale;
      return this;
    }

    /** Sets how values become grey levels (default {@link Contrast#AUTO}). */
    public Builder contrast(Contrast contrast) {
      this.contrast = Objects.requireNonNull(contrast, "contrast must not be null");
      return this;
    }

    /** The grid. */
    public ImageGrid build() {
      return new ImageGrid(this);
    }
  }
}
