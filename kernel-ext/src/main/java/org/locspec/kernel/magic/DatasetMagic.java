package org.locspec.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;

/**
 * {@code %dataset NAME [--split train|test] [--limit N]}: loads a data set with {@link
 * Datasets#load(String, Split)} and returns the {@link ImageDataset} (rendered as its class counts
 * and the first images). {@code --limit N} keeps the first N images.
 */
public final class DatasetMagic implements DescribedMagic<ImageDataset> {
  private static final MagicSyntax SYNTAX =
      MagicSyntax.builder()
          .required("name")
          .option("split", "train|test")
          .option("limit", "N")
          .build();

  /** Creates the magic. */
  public DatasetMagic() {}

  @Override
  public String name() {
    return "dataset";
  }

  @Override
  public String usage() {
    return "%dataset NAME [--split train|test] [--limit N]   (NAME: "
        + String.join(", ", Datasets.names())
        + "; split defaults to train)";
  }

  @Override
  public String help() {
    return "loads an image data set (first N images with --limit) and shows its classes and images";
  }

  @Override
  public ImageDataset eval(BaseKernel kernel, List<String> args) {
    Request r = parse(args);
    ImageDataset data;
    try {
      data = Datasets.load(r.name(), r.split());
    } catch (IllegalArgumentException e) {
      if (Datasets.names().contains(r.name().trim().toLowerCase(java.util.Locale.ROOT))) {
        throw e; // a problem inside a known data set, not an argument error
      }
      throw new MagicUsageException(name(), e.getMessage(), usage());
    }
    return r.limit() > 0 && r.limit() < data.size() ? data.slice(0, r.limit()) : data;
  }

  /**
   * The parsed arguments of a call.
   *
   * @param name the data set's name
   * @param split the split
   * @param limit the most images to keep, or 0 for all
   */
  public record Request(String name, Split split, int limit) {}

  /**
   * Parses arguments without loading anything.
   *
   * @param args the tokens after {@code %dataset}
   * @return the request
   * @throws MagicUsageException naming the bad argument, with the usage line
   */
  public Request parse(List<String> args) {
    MagicArguments a = MagicArguments.parse(this, SYNTAX, args);
    String dataName = a.value("name").orElseThrow();
    Split split = a.choice("split", List.of("train", "test")).map(Split::parse).orElse(Split.TRAIN);
    int limit = a.positiveInt("limit").orElse(0);
    return new Request(dataName, split, limit);
  }
}
