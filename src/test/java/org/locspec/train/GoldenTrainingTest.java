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
import org.locspec.architecture.CnnSpec;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.architecture.VggSpec;
import org.locspec.data.ImageDataset;
import org.locspec.progress.ProgressListener;

/**
 * Golden runs: seeded short trainings whose final weights and loss curves were recorded with the
 * code before the training loops were merged into one (commit 9e55905), so that refactoring the
 * training code cannot move a number unnoticed.
 *
 * <p>The weight checksum is the SHA-256 of every parameter of the trained block (in the block's
 * parameter order, batch-norm running statistics included), each written as its float32 values in
 * row-major order, little-endian. Losses are compared exactly (as float32): two runs in one JVM
 * and runs in separate JVMs gave identical bytes on this project's CPUs (one intra-op thread,
 * oneDNN limited to AVX2). The data: 600 training and 200 test images of the Debian Fashion-MNIST
 * test split, stratified with fixed seeds ({@link FashionSubsets}).
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
      "0c1f4cb335272d674eaee4d3500e02be27525c00054827edf62355cd465ab452";
  static final float[] MLP_LOSSES = {
    2.6885533f, 2.5818446f, 2.546197f, 2.4423816f, 2.429063f, 2.316385f, 2.3134906f, 2.3388696f,
    2.2887325f, 2.2017574f, 2.249335f, 2.2314699f, 2.340409f, 2.2161639f, 2.312114f, 2.3018882f,
    2.3099883f, 2.2778518f, 2.2285967f, 2.2617383f
  };
  static final int[] MLP_CORRECT = {0, 0, 18, 0, 0, 0, 3, 19, 12, 1};

  static final String CNN_SHA256 =
      "60e8b6515b4f1da05c990ebbfa86f4d71e9b516a4b98536257cced0e0e9666a3";
  static final float[] CNN_LOSSES = {
    6.004175f, 4.127288f, 4.862611f, 4.2106013f, 3.1111648f, 2.7313495f, 2.9522507f, 2.9031334f,
    2.531542f, 2.420739f
  };
  static final int[] CNN_CORRECT = {0, 1, 0, 1, 4, 0, 2, 1, 4, 1};

  static final String VGG_SHA256 =
      "84a5a87d319a710f8a483f7d3c8c092aa9c533e335374d9da9bc658e120f4f0c";
  static final float[] VGG_LOSSES = {
    3.7344105f, 3.612273f, 4.1379094f, 3.4494f, 3.0352135f, 3.7833512f, 3.228999f, 3.5762393f,
    3.619935f, 3.0798829f
  };
  static final int[] VGG_CORRECT = {3, 0, 6, 0, 0, 2, 0, 0, 2, 5};

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
