package org.locspec.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a user's own images from a folder with one sub-folder per class, as torchvision's {@code
 * ImageFolder}: {@code root/cat/001.png}, {@code root/dog/xyz.jpg}, … Classes are the sub-folders
 * in name order (labels 0, 1, …), images the PNG and JPEG files in each, in name order; hidden
 * files and other files are skipped. Every image is converted to the channels asked for (grey:
 * ITU-R 601 luma, as PIL's {@code convert("L")}; a grey file's values are kept as they are),
 * brought to one size by the {@link Options}' rule, scaled to [0, 1] and normalized per channel:
 * {@code (x − mean) / std}.
 *
 * <pre>{@code
 * ImageDataset mine = ImageFolder.load(Path.of("/data/birds/train"),
 *     ImageFolder.Options.imageNet());                          // for torchvision's ImageNet nets
 * ImageDataset digits = ImageFolder.load(Path.of("digits"),
 *     ImageFolder.Options.defaults().withGrey().withSize(28, 28, ImageFolder.Resize.STRETCH));
 * }</pre>
 *
 * <p>An empty class folder, an unreadable image and images of different sizes without a resize rule
 * fail with a {@link DataFileException} that names the file and the fix. All images are held in
 * memory as floats ({@code 4 × channels × height × width} bytes each).
 */
public final class ImageFolder {
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  private ImageFolder() {}

  /** How images of another size than the options' are brought to it. */
  public enum Resize {
    /** None: every image must already have the size (or, with no size given, the same size). */
    NONE,
    /** Scale each image to exactly the size (bilinear), changing its aspect ratio if needed. */
    STRETCH,
    /**
     * Scale so that the shorter side is {@code shorterSide} (bilinear), then cut the size out of
     * the centre: torchvision's {@code Resize(shorterSide)} then {@code CenterCrop(size)}.
     */
    CENTER_CROP
  }

  /**
   * How a folder's images are read.
   *
   * @param channels 1 (grey) or 3 (RGB)
   * @param height the images' height, 0 to keep the files' own size (all equal)
   * @param width the images' width, 0 to keep the files' own size
   * @param resize how images of another size are brought to it
   * @param shorterSide for {@link Resize#CENTER_CROP}: the shorter side after scaling, {@code >=}
   *     height and width
   * @param mean per channel, subtracted after scaling to [0, 1]
   * @param std per channel, {@code > 0}, divided by after subtracting the mean
   */
  public record Options(
      int channels,
      int height,
      int width,
      Resize resize,
      int shorterSide,
      float[] mean,
      float[] std) {
    /** Validates the options and copies the arrays. */
    public Options {
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
      }
      if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
        throw new IllegalArgumentException(
            "height and width must both be positive (a size) or both 0 (keep the files' size),"
                + " got "
                + height
                + "×"
                + width);
      }
      Objects.requireNonNull(resize, "resize (Resize.NONE for none)");
      if (resize != Resize.NONE && height == 0) {
        throw new IllegalArgumentException(
            "resize " + resize + " needs a size: withSize(height, width, " + resize + ")");
      }
      if (resize == Resize.CENTER_CROP && shorterSide < Math.max(height, width)) {
        throw new IllegalArgumentException(
            "shorterSide must be >= the crop's sides "
                + height
                + "×"
                + width
                + ", got "
                + shorterSide);
      }
      if (mean.length != channels || std.length != channels) {
        throw new IllegalArgumentException(
            "mean and std need one value per channel ("
                + channels
                + "), got "
                + mean.length
                + " and "
                + std.length);
      }
      for (float s : std) {
        if (!(s > 0)) {
          throw new IllegalArgumentException(
              "std must be > 0 per channel, got " + Arrays.toString(std));
        }
      }
      mean = mean.clone();
      std = std.clone();
    }

    /** RGB, the files' own size (all equal), pixels in [0, 1] without normalization. */
    public static Options defaults() {
      return new Options(3, 0, 0, Resize.NONE, 0, new float[3], new float[] {1, 1, 1});
    }

    /**
     * torchvision's ImageNet evaluation transform: RGB, shorter side 256, centre crop 224 × 224,
     * mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).
     */
    public static Options imageNet() {
      return new Options(
          3,
          224,
          224,
          Resize.CENTER_CROP,
          256,
          new float[] {0.485f, 0.456f, 0.406f},
          new float[] {0.229f, 0.224f, 0.225f});
    }

    /** These options with one grey channel (normalization reset to none). */
    public Options withGrey() {
      return new Options(1, height, width, resize, shorterSide, new float[1], new float[] {1});
    }

    /**
     * These options with another size and rule ({@link Resize#CENTER_CROP}: shorter side = max).
     */
    public Options withSize(int height, int width, Resize resize) {
      return new Options(channels, height, width, resize, Math.max(height, width), mean, std);
    }

    /** These options with another per-channel normalization. */
    public Options withNormalization(float[] mean, float[] std) {
      return new Options(channels, height, width, resize, shorterSide, mean, std);
    }

    @Override
    public float[] mean() {
      return mean.clone();
    }

    @Override
    public float[] std() {
      return std.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Options p
          && p.channels == channels
          && p.height == height
          && p.width == width
          && p.resize == resize
          && p.shorterSide == shorterSide
          && Arrays.equals(p.mean, mean)
          && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          channels,
          height,
          width,
          resize,
          shorterSide,
          Arrays.hashCode(mean),
          Arrays.hashCode(std));
    }

    @Override
    public String toString() {
      return "ImageFolder.Options["
          + (channels == 1 ? "grey" : "RGB")
          + ", "
          + (height == 0
              ? "own size"
              : height
                  + "×"
                  + width
                  + " by "
                  + resize
                  + (resize == Resize.CENTER_CROP ? " from shorter side " + shorterSide : ""))
          + ", mean "
          + Arrays.toString(mean)
          + ", std "
          + Arrays.toString(std)
          + "]";
    }
  }

  /**
   * Reads a folder.
   *
   * @param root the folder holding one sub-folder per class
   * @param options channels, size, resize rule and normalization
   * @return the images, named after the folder
   * @throws DataFileException if the folder or a class folder is missing or empty, an image cannot
   *     be read, or sizes differ without a resize rule
   */
  public static ImageDataset load(Path root, Options options) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options (e.g. ImageFolder.Options.defaults())");
    if (!Files.isDirectory(root)) {
      throw new DataFileException(
          root,
          "image folder "
              + root.toAbsolutePath()
              + " does not"
              + " exist or is not a folder; give the folder that holds one sub-folder per class");
    }
    List<Path> classes = list(root, Files::isDirectory);
    if (classes.isEmpty()) {
      throw new DataFileException(
          root,
          "image folder "
              + root
              + " has no class sub-folders; put"
              + " each class's images in a sub-folder named after the class (root/cat/1.png, ...)");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      List<Path> images = list(classes.get(c), ImageFolder::isImage);
      if (images.isEmpty()) {
        throw new DataFileException(
            classes.get(c),
            "class folder "
                + classes.get(c)
                + " holds no"
                + " PNG or JPEG image ("
                + String.join(", ", EXTENSIONS)
                + "); add images or remove"
                + " the folder");
      }
      for (Path p : images) {
        files.add(p);
        labels.add(c);
      }
    }
    BufferedImage[] read = new BufferedImage[files.size()];
    IntStream.range(0, read.length).parallel().forEach(i -> read[i] = rgb(read(files.get(i))));
    int[] size = size(read, files, options);
    int pixels = options.channels() * size[0] * size[1];
    float[] data = new float[Math.multiplyExact(read.length, pixels)];
    IntStream.range(0, read.length)
        .parallel()
        .forEach(
            i -> {
              BufferedImage img = fit(read[i], size[0], size[1], options);
              convert(img, options, data, i * pixels);
              read[i] = null;
            });
    List<String> names = classes.stream().map(p -> p.getFileName().toString()).toList();
    return ImageDataset.wrap(
        root.getFileName().toString(),
        options.channels(),
        size[0],
        size[1],
        data,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        names);
  }

  private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(keep)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DataFileException(dir, "cannot list folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static BufferedImage read(Path file) {
    try {
      BufferedImage img = ImageIO.read(file.toFile());
      if (img == null) {
        throw new DataFileException(
            file,
            "image "
                + file
                + " cannot be read: it is not a PNG or"
                + " JPEG image Java can decode (damaged, or another format with that extension);"
                + " replace or remove it");
      }
      return img;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFileException d) {
        throw d;
      }
      throw new DataFileException(
          file,
          "image "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "): the file is damaged or truncated; replace or remove it",
          e);
    }
  }

  /**
   * The image as 8-bit RGB. A grey image's samples are copied to the three channels as they are
   * (Java would otherwise treat grey as linear light and brighten it on conversion).
   */
  private static BufferedImage rgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.awt.image.Raster raster = img.getRaster();
    if (raster.getNumBands() == 1
        && img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
      int bits = img.getColorModel().getComponentSize(0);
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int v = bits > 8 ? row[x] >> (bits - 8) : row[x];
          row[x] = (v << 16) | (v << 8) | v;
        }
        out.setRGB(0, y, w, 1, row, 0, w);
      }
      return out;
    }
    out.setRGB(0, 0, w, h, img.getRGB(0, 0, w, h, null, 0, w), 0, w);
    return out;
  }

  /** The common size {height, width}: the options' or, without one, the files' (all equal). */
  private static int[] size(BufferedImage[] read, List<Path> files, Options o) {
    if (o.height() > 0 && o.resize() != Resize.NONE) {
      return new int[] {o.height(), o.width()};
    }
    int h = o.height() > 0 ? o.height() : read[0].getHeight();
    int w = o.width() > 0 ? o.width() : read[0].getWidth();
    for (int i = 0; i < read.length; i++) {
      if (read[i].getHeight() != h || read[i].getWidth() != w) {
        throw new DataFileException(
            files.get(i),
            "image "
                + files.get(i)
                + " is "
                + read[i].getWidth()
                + "×"
                + read[i].getHeight()
                + " (width×height) but "
                + (o.height() > 0 ? "the options ask for " : files.get(0) + " is ")
                + w
                + "×"
                + h
                + " and no resize rule is given; resize with"
                + " Options.withSize(height, width, Resize.STRETCH) or Resize.CENTER_CROP");
      }
    }
    return new int[] {h, w};
  }

  /** The image at {@code h × w} by the options' rule (the image itself if it has that size). */
  private static BufferedImage fit(BufferedImage img, int h, int w, Options o) {
    if (img.getHeight() == h && img.getWidth() == w) {
      return img;
    }
    if (o.resize() == Resize.STRETCH) {
      return scaled(img, w, h);
    }
    double s = (double) o.shorterSide() / Math.min(img.getWidth(), img.getHeight());
    int sw = Math.max(w, (int) Math.round(img.getWidth() * s));
    int sh = Math.max(h, (int) Math.round(img.getHeight() * s));
    BufferedImage big = scaled(img, sw, sh);
    return big.getSubimage((sw - w) / 2, (sh - h) / 2, w, h);
  }

  private static BufferedImage scaled(BufferedImage img, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Writes an image's channels (CHW), scaled to [0, 1] and normalized, at {@code at}. */
  private static void convert(BufferedImage img, Options o, float[] out, int at) {
    int h = img.getHeight();
    int w = img.getWidth();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    float[] mean = o.mean();
    float[] std = o.std();
    int plane = h * w;
    for (int p = 0; p < plane; p++) {
      int v = rgb[p];
      int r = (v >> 16) & 0xff;
      int g = (v >> 8) & 0xff;
      int b = v & 0xff;
      if (o.channels() == 1) {
        int luma = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16; // PIL's convert("L")
        out[at + p] = (luma / 255f - mean[0]) / std[0];
      } else {
        out[at + p] = (r / 255f - mean[0]) / std[0];
        out[at + plane + p] = (g / 255f - mean[1]) / std[1];
        out[at + 2 * plane + p] = (b / 255f - mean[2]) / std[2];
      }
    }
  }
}
