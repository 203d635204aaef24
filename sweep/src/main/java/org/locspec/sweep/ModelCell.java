package org.locspec.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import org.locspec.zoo.ZooArchitecture;
import org.locspec.zoo.ZooGrid;
import org.locspec.zoo.ZooModel;
import org.locspec.zoo.ZooRegime;

/**
 * One model of a sweep's grid as a Spark task sees it: plain names and the seed, rebuilt into a
 * {@link ZooModel} by {@link #model(ZooGrid)} where it runs.
 *
 * @param dataset the data set name, e.g. "fashion-mnist"
 * @param architecture the architecture id, "mlp" or "cnn"
 * @param regime the regime id, e.g. "l1-pruned"
 * @param seed the model's seed: training and every analysis of the model draw from it
 */
public record ModelCell(String dataset, String architecture, String regime, long seed)
    implements Serializable {

  /** Checks the fields. */
  public ModelCell {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(regime, "regime");
  }

  /**
   * The cell of a zoo model.
   *
   * @param m the model
   * @return its cell
   */
  public static ModelCell of(ZooModel m) {
    return new ModelCell(m.dataset(), m.architecture().id(), m.regime().id(), m.seed());
  }

  /**
   * The model with the grid's epochs.
   *
   * @param grid the grid the cell comes from
   * @return the model, with its spec and training config
   */
  public ZooModel model(ZooGrid grid) {
    return grid.model(dataset, ZooArchitecture.parse(architecture), ZooRegime.parse(regime), seed);
  }

  /** {@code dataset/architecture/regime/seed<k>}, as {@link ZooModel#label()}. */
  public String label() {
    return dataset + "/" + architecture + "/" + regime + "/seed" + seed;
  }

  /**
   * The cell's folder under a root: {@code <root>/<dataset>/<architecture>/<regime>/seed<k>}.
   *
   * @param root e.g. the sweep's {@code cells} folder
   * @return the folder
   */
  public Path dir(Path root) {
    return root.resolve(dataset).resolve(architecture).resolve(regime).resolve("seed" + seed);
  }

  @Override
  public String toString() {
    return label();
  }
}
