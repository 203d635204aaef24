package org.locspec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.architecture.VggSpec;
import org.locspec.data.ImageDataset;
import org.locspec.progress.ProgressListener;

/**
 * Golden runs: seeded short trainings whose final weights and loss curves were recorded with the
 * code before the training loops were merged into one (commit 9e55905), so that refactoring the
 * training code cannot move a number unnoticed. They were recorded again, on purpose, when the
 * batch order and stratified samples moved from {@code java.util.Random} to {@code
 * SplittableRandom} (LocSpec's one generator type); when Adam moved from DJL's native update to
 * {@code AdamUpdate}: its moment estimates are bit-identical to DJL's, but its square root is
 * correctly rounded where PyTorch's vectorized float sqrt is not (measured here: it differs by one
 * ulp on 0.64 % of random inputs), which moves about one weight in 4000 by one ulp per step; and
 * the CNN and VGG runs once more when the conv nets' dropout masks moved from the engine's
 * generator to a Java {@code SplittableRandom} seeded from it (a faster mask, see {@code
 * MaskDropout}; the MLP, which uses DJL's dropout, kept its numbers). Those are the only changes of
 * numbers since then.
 *
 * <p>The weight checksum is the SHA-256 of every parameter of the trained block (in the block's
 * parameter order, batch-norm running statistics included), each written as its float32 values in
 * row-major order, little-endian. Losses are compared exactly (as float32): two runs in one JVM and
 * runs in separate JVMs gave identical bytes on this project's CPUs (one intra-op thread, oneDNN
 * limited to AVX2). The data: 600 training and 200 test images of the Debian Fashion-MNIST test
 * split, stratified with fixed seeds ({@link FashionSubsets}).
 */
class GoldenTrainingTest {
  static ImageDataset train;
  static ImageDataset test;

  /** The papers' pruning-regime MLP, small: dropout 0.5, L1, 2 epochs + 2 pruning epochs. */
  static final MlpSpec MLP = MlpSpec.paper().withHidden(64, 64).withDropout(0.5);

  static final TrainingConfig MLP_CONFIG =
      TrainingConfig.paper()
          .withEpochs(2)
          .withSeed(7)
          .withL1(TrainingConfig.PAPER_PENALTY)
          .withPruning(PruningSchedule.paper().withEpochs(2).withFrequency(2));

  /** The papers' small CNN with 8 filters and dense 32: 4 steps of 64 images. */
  static final CnnSpec CNN = CnnSpec.paper().withFilters(8).withDense(32);

  static final TrainingConfig CNN_CONFIG = TrainingConfig.paperCnn().withEpochs(1).withSeed(3);

  /** A tiny VGG (batch norm, dropout) with the papers' augmentation and L2: 3 steps of 64. */
  static final VggSpec VGG = VggSpec.small().withInput(1, 28, 28);

  static final TrainingConfig VGG_CONFIG =
      TrainingConfig.paperVgg().withEpochs(1).withBatchSize(64).withSeed(4);

  static final String MLP_SHA256 =
      "b2d7affe31b50e4aa74c93ba2e6fedc0e4a6390bb8a33ea3895eb858b06fde66";
  static final float[] MLP_LOSSES = {
    2.8297062f,
    2.6161442f,
    2.4242039f,
    2.4452524f,
    2.361677f,
    2.353129f,
    2.3204992f,
    2.2584252f,
    2.2608814f,
    2.301334f,
    2.2285187f,
    2.2260752f,
    2.2567816f,
    2.2022774f,
    2.2965393f,
    2.3178499f,
    2.2900822f,
    2.2850003f,
    2.2808945f,
    2.29128f
  };
  static final int[] MLP_CORRECT = {1, 0, 12, 0, 0, 4, 2, 19, 5, 2};

  static final String CNN_SHA256 =
      "9d76227e80c3c2916bb7a131359326b0f9251377bd5992346cd8d1d64fe6e5c3";
  static final float[] CNN_LOSSES = {
    4.340026f,
    3.9854867f,
    4.8751745f,
    3.2358367f,
    3.526105f,
    3.3893776f,
    3.4035673f,
    2.8808746f,
    2.6980832f,
    2.4564018f
  };
  static final int[] CNN_CORRECT = {0, 0, 0, 0, 1, 0, 5, 0, 10, 0};

  static final String VGG_SHA256 =
      "ef05f4dd21fea1ccf5e18bb097c8c10b450eed65643b3c0600c1fb6c6adf5d5f";
  static final float[] VGG_LOSSES = {
    3.9513211f,
    3.2748528f,
    4.0716863f,
    3.66086f,
    3.7333345f,
    3.7178557f,
    3.4836023f,
    3.4768806f,
    3.489235f,
    3.2726161f
  };
  static final int[] VGG_CORRECT = {8, 0, 10, 0, 0, 0, 0, 0, 0, 2};

  @BeforeAll
  static void loadSubset() {
    train = FashionSubsets.train(600);
    test = FashionSubsets.test(200);
  }

  /** What a run leaves behind: the weight checksum, the per-step losses, the final evaluation. */
  record Run(String sha256, float[] losses, int[] correct) {
    void check(String what, String sha, float[] expectedLosses, int[] expectedCorrect) {
      String actual = "actual " + what + ": " + this;
      assertArrayEquals(expectedLosses, losses, actual);
      assertArrayEquals(expectedCorrect, correct, actual);
      assertEquals(sha, sha256, actual);
    }

    @Override
    public String toString() {
      StringJoiner l = new StringJoiner(", ", "{", "}");
      for (float v : losses) {
        l.add(v + "f");
      }
      return "sha256 \"" + sha256 + "\", losses " + l + ", correct " + Arrays.toString(correct);
    }
  }

  static Run run(ArchitectureSpec spec, TrainingConfig config) {
    try (TrainedNetwork n = Trainer.train(spec, config, train, test, ProgressListener.none())) {
      return new Run(sha256(n.block()), floats(n.history().stepLosses()), n.evaluation().correct());
    }
  }

  @Test
  void mlpWithDropoutL1AndPruningKeepsItsWeightsAndLosses() {
    Run first = run(MLP, MLP_CONFIG);
    assertEquals(20, first.losses().length); // ceil(600 / 128) = 5 steps × 4 epochs
    first.check("MLP", MLP_SHA256, MLP_LOSSES, MLP_CORRECT);
    run(MLP, MLP_CONFIG).check("MLP, second run", MLP_SHA256, MLP_LOSSES, MLP_CORRECT);
  }

  @Test
  void smallCnnKeepsItsWeightsAndLosses() {
    Run first = run(CNN, CNN_CONFIG);
    first.check("CNN", CNN_SHA256, CNN_LOSSES, CNN_CORRECT);
    run(CNN, CNN_CONFIG).check("CNN, second run", CNN_SHA256, CNN_LOSSES, CNN_CORRECT);
  }

  @Test
  void tinyVggWithAugmentationKeepsItsWeightsAndLosses() {
    Run first = run(VGG, VGG_CONFIG);
    first.check("VGG", VGG_SHA256, VGG_LOSSES, VGG_CORRECT);
    run(VGG, VGG_CONFIG).check("VGG, second run", VGG_SHA256, VGG_LOSSES, VGG_CORRECT);
  }

  /** SHA-256 of every parameter's float32 values, little-endian, in the block's order. */
  static String sha256(Block block) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Parameter p : block.getParameters().values()) {
      float[] v = p.getArray().toFloatArray();
      ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      md.update(b);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static float[] floats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }
}
