package org.locspec.zoo;

import java.util.Locale;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.train.TrainingConfig;

/**
 * The architectures of the model zoo, with the papers' spec and training settings of each.
 *
 * <p>References: Filan et al. (arXiv 2103.03386) and Hod et al. (arXiv 2110.08058): the MLP 784 → 4
 * × 256 → 10 (dropout 0.5 in the dropout variants), Adam 10⁻³, batch 128, 20 epochs and 20 pruning
 * epochs; the small CNN (dropout 0.25 after the convolutions and 0.5 after the dense layer in the
 * dropout variants), batch 64, 10 epochs and 10 pruning epochs ({@code mlp_config} and {@code
 * cnn_config} in {@code src/train_nn.py} of their code).
 */
public enum ZooArchitecture {
  /** The papers' MLP ({@link MlpSpec#paper()}). */
  MLP("mlp"),
  /** The papers' small CNN ({@link CnnSpec#paper()}). */
  CNN("cnn");

  private final String id;

  ZooArchitecture(String id) {
    this.id = id;
  }

  /** The architecture's name in zoo paths and tables: "mlp" or "cnn". */
  public String id() {
    return id;
  }

  /**
   * The papers' spec of this architecture.
   *
   * @param dropout whether the regime trains with the papers' dropout
   * @return the spec for 1 × 28 × 28 images and 10 classes
   */
  public ArchitectureSpec spec(boolean dropout) {
    return switch (this) {
      case MLP -> MlpSpec.paper().withDropout(dropout ? 0.5 : 0);
      case CNN -> dropout ? CnnSpec.paper() : CnnSpec.paper().withDropout(0, 0);
    };
  }

  /** The papers' training settings of this architecture (seed 0, no penalty, no pruning). */
  public TrainingConfig config() {
    return switch (this) {
      case MLP -> TrainingConfig.paper();
      case CNN -> TrainingConfig.paperCnn();
    };
  }

  /** The papers' number of pruning epochs after the normal ones: 20 (MLP) or 10 (CNN). */
  public int pruningEpochs() {
    return this == MLP ? 20 : 10;
  }

  /**
   * The architecture with a given name.
   *
   * @param id "mlp" or "cnn" (case-insensitive)
   * @return the architecture
   * @throws IllegalArgumentException naming the known architectures
   */
  public static ZooArchitecture parse(String id) {
    return ZooIds.parse(values(), ZooArchitecture::id, "architecture", id);
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
