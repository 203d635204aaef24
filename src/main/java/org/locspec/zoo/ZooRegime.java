package org.locspec.zoo;

import org.locspec.train.ClusterableInit;
import org.locspec.train.PruningSchedule;
import org.locspec.train.TrainingConfig;

/**
 * The training regimes of the papers' results table: plain, dropout, L1 and L2 penalties and
 * clusterable initialization, each without and with magnitude pruning after the normal epochs (the
 * papers' code trains every network and then prunes it, saving both).
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), its table of
 * n-cuts by training regime; Hod et al. (arXiv 2110.08058). Their code ({@code src/train_nn.py} and
 * {@code shells/train_mlps.sh} of {@code dfilan/clusterability_in_neural_networks}): dropout 0.5,
 * L1 and L2 5 × 10⁻⁵ on the weights ({@link TrainingConfig#PAPER_PENALTY}; their L2 variant gives
 * the first layer an L1 penalty, a slip LocSpec does not copy), {@code init_modules=10} ({@link
 * ClusterableInit#paper()}), and pruning 0.5 → 0.9 ({@link PruningSchedule#paper()}).
 */
public enum ZooRegime {
  /** No regularization. */
  PLAIN("plain", false),
  /** Dropout after the hidden layers (MLP 0.5; CNN 0.25 after convolutions, 0.5 after dense). */
  DROPOUT("dropout", false),
  /** L1 penalty 5 × 10⁻⁵ on the weights. */
  L1("l1", false),
  /** L2 penalty 5 × 10⁻⁵ on the weights. */
  L2("l2", false),
  /** The papers' clusterable initialization, then plain training. */
  CLUSTERABLE("clusterable", false),
  /** {@link #PLAIN}, then magnitude pruning for more epochs. */
  PLAIN_PRUNED("plain-pruned", true),
  /** {@link #DROPOUT}, then magnitude pruning; zoos before the full grid named it "pruning". */
  DROPOUT_PRUNED("dropout-pruned", true),
  /** {@link #L1}, then magnitude pruning (the penalty stays on). */
  L1_PRUNED("l1-pruned", true),
  /** {@link #L2}, then magnitude pruning (the penalty stays on). */
  L2_PRUNED("l2-pruned", true),
  /** {@link #CLUSTERABLE}, then magnitude pruning. */
  CLUSTERABLE_PRUNED("clusterable-pruned", true);

  /** The name zoos before the full grid gave {@link #DROPOUT_PRUNED}. */
  public static final String LEGACY_PRUNING = "pruning";

  private final String id;
  private final boolean pruned;

  ZooRegime(String id, boolean pruned) {
    this.id = id;
    this.pruned = pruned;
  }

  /** The regime's name in zoo paths and tables, e.g. "l2-pruned". */
  public String id() {
    return id;
  }

  /** Whether the normal epochs are followed by magnitude pruning. */
  public boolean pruned() {
    return pruned;
  }

  /** The regime without pruning: itself for an unpruned one, e.g. {@link #L1} for L1_PRUNED. */
  public ZooRegime base() {
    return pruned ? values()[ordinal() - 5] : this;
  }

  /** Whether the network trains with the papers' dropout. */
  public boolean dropout() {
    return base() == DROPOUT;
  }

  /**
   * The training config of this regime.
   *
   * @param base the architecture's settings with the seed and epochs, without penalty or pruning
   * @param pruning the pruning schedule of the pruned regimes
   * @return the config
   */
  public TrainingConfig config(TrainingConfig base, PruningSchedule pruning) {
    TrainingConfig c =
        switch (base()) {
          case L1 -> base.withL1(TrainingConfig.PAPER_PENALTY);
          case L2 -> base.withL2(TrainingConfig.PAPER_PENALTY);
          case CLUSTERABLE -> base.withClusterableInit(ClusterableInit.paper());
          default -> base;
        };
    return pruned ? c.withPruning(pruning) : c;
  }

  /**
   * The regime with a given name.
   *
   * @param id e.g. "plain", "l2-pruned" (case-insensitive); "pruning", the name zoos before the
   *     full grid used, is {@link #DROPOUT_PRUNED}
   * @return the regime
   * @throws IllegalArgumentException naming the known regimes
   */
  public static ZooRegime parse(String id) {
    if (id != null && id.trim().equalsIgnoreCase(LEGACY_PRUNING)) {
      return DROPOUT_PRUNED;
    }
    return ZooIds.parse(values(), ZooRegime::id, "regime", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
