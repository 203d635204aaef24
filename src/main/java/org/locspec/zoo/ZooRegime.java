package org.locspec.zoo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.locspec.architecture.MlpSpec;
import org.locspec.train.PruningSchedule;
import org.locspec.train.TrainingConfig;

/**
 * The training regimes of the papers' MLP zoo: how the papers' spec and training config are changed
 * for each.
 *
 * <p>References: Filan et al. (arXiv 2103.03386) and Hod et al. (arXiv 2110.08058): plain, dropout
 * 0.5, L1 5 × 10⁻⁵, and pruning (with dropout) for 20 more epochs.
 */
public enum ZooRegime {
  /** No regularization. */
  PLAIN("plain"),
  /** Dropout 0.5 after every hidden layer. */
  DROPOUT("dropout"),
  /** L1 penalty 5 × 10⁻⁵ on the weights. */
  L1("l1"),
  /** Dropout 0.5, then magnitude pruning (sparsity 0.5 → 0.9) for more epochs. */
  PRUNING("pruning");

  private final String id;

  ZooRegime(String id) {
    this.id = id;
  }

  /** The regime's name in zoo paths and tables, e.g. "dropout". */
  public String id() {
    return id;
  }

  /**
   * The spec this regime trains.
   *
   * @param base the spec without regularization (e.g. {@code MlpSpec.paper()})
   * @return the spec, with dropout 0.5 for {@link #DROPOUT} and {@link #PRUNING}
   */
  public MlpSpec spec(MlpSpec base) {
    return switch (this) {
      case DROPOUT, PRUNING -> base.withDropout(0.5);
      case PLAIN, L1 -> base;
    };
  }

  /**
   * The training config of this regime.
   *
   * @param base the config without penalty or pruning
   * @param pruning the pruning schedule used by {@link #PRUNING}
   * @return the config
   */
  public TrainingConfig config(TrainingConfig base, PruningSchedule pruning) {
    return switch (this) {
      case L1 -> base.withL1(TrainingConfig.PAPER_PENALTY);
      case PRUNING -> base.withPruning(pruning);
      case PLAIN, DROPOUT -> base;
    };
  }

  /**
   * The regime with a given name.
   *
   * @param id "plain", "dropout", "l1" or "pruning" (case-insensitive)
   * @return the regime
   * @throws IllegalArgumentException naming the known regimes
   */
  public static ZooRegime parse(String id) {
    for (ZooRegime r : values()) {
      if (r.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown regime '"
            + id
            + "'; use one of "
            + Arrays.stream(values()).map(ZooRegime::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
