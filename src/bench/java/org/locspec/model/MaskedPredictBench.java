package org.locspec.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locspec.architecture.MlpSpec;
import org.locspec.bench.Bench;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.modelfile.ModelFile;
import org.locspec.progress.ProgressListener;
import org.locspec.train.TorchScope;
import org.locspec.train.TrainedNetwork;
import org.locspec.train.Trainer;
import org.locspec.train.TrainingConfig;

/**
 * Benchmark (not a test): the masked forward pass of the Fashion-MNIST test set (10,000 images,
 * batches of 1000) through {@link Network#predict} with a lesion mask (128 of the 256 units of
 * dense2 and of dense3 zeroed, seeded), against PyTorch doing the same with the same weights and
 * mask ({@code environment/bench/masked_predict_torch.py}, given the raw weights), each with 1 and
 * with 2 intra-op threads (interleaved). Prints how many predictions agree, then the headline:
 * LocSpec's best seconds per pass against PyTorch's best, with the times per thread count below.
 *
 * <p>The network: {@code zoo/fashion-mnist/mlp/plain/seed0} when the model zoo has it, else the
 * papers' MLP trained here for one epoch (seed 0). Run: {@code environment/bench.sh
 * MaskedPredictBench} ({@code BENCH_ARGS_MaskedPredictBench=REPS}: timed passes per side and thread
 * count, default 5; the best is reported).
 */
public final class MaskedPredictBench {
  private static final int BATCH = 1000;

  private MaskedPredictBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of timed passes (default 5)
   */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = Bench.repoRoot();
    System.out.println(Bench.loadAverage() + " (before)");
    ImageDataset test = Datasets.load("fashion-mnist", Split.TEST);
    Path zooModel = root.resolve("zoo/fashion-mnist/mlp/plain/seed0");
    TrainedNetwork mlp;
    if (ModelFile.exists(zooModel)) {
      mlp = ModelFile.load(zooModel);
      System.out.println("network: " + zooModel);
    } else {
      ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN);
      mlp =
          Trainer.train(
              MlpSpec.paper(),
              TrainingConfig.paper().withEpochs(1),
              train,
              test,
              ProgressListener.none());
      System.out.println(
          "network: trained here for 1 epoch (the zoo has no fashion-mnist/mlp/plain/seed0)");
    }
    try (mlp;
        Network net = mlp.network()) {
      Map<String, float[]> masks = new LinkedHashMap<>();
      for (String layer : List.of("dense2", "dense3")) {
        float[] m = new float[net.unitLayer(layer).units()];
        Arrays.fill(m, 1f);
        int[] perm = ImageDataset.permutation(m.length, layer.hashCode());
        for (int i = 0; i < m.length / 2; i++) {
          m[perm[i]] = 0f;
        }
        masks.put(layer, m);
      }
      Path work = Bench.workDir();
      Path netFile = work.resolve("masked_mlp.bin");
      writeNet(netFile, mlp, masks);
      Path predFile = work.resolve("masked_torch_pred.bin");
      Bench.Comparison c =
          Bench.compare(
              "PyTorch",
              threads -> time(net, test, masks, reps, threads),
              threads -> torch(netFile, predFile, reps, threads));

      int[] mine = net.predict(test, masks, BATCH);
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(predFile)).order(ByteOrder.LITTLE_ENDIAN);
      int agree = 0;
      int correct = 0;
      for (int i = 0; i < mine.length; i++) {
        agree += b.getInt() == mine[i] ? 1 : 0;
        correct += mine[i] == test.label(i) ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "lesioned accuracy %.4f (intact %.4f); predictions agreeing with PyTorch: %d/%d%n",
          (double) correct / mine.length,
          mlp.evaluation().accuracy(),
          agree,
          mine.length);
      c.print(
          String.format(
              Locale.ROOT,
              "best seconds per masked pass over the %,d Fashion-MNIST test images",
              test.size()));
    }
    System.out.println(Bench.loadAverage() + " (after)");
  }

  /** PyTorch's best seconds per pass; it writes its predictions to {@code predFile}. */
  static double torch(Path netFile, Path predFile, int reps, int threads) throws Exception {
    String out =
        Bench.peer(
            threads,
            "masked_predict_torch.py",
            Bench.peerDataDir().toString(),
            netFile.toString(),
            predFile.toString(),
            Integer.toString(reps),
            Integer.toString(BATCH));
    return Bench.number(out, "torch_seconds");
  }

  /** Best seconds of {@code reps} timed passes after one warm-up pass. */
  static double time(
      Network net, ImageDataset data, Map<String, float[]> masks, int reps, int threads) {
    boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
    try (TorchScope scope = TorchScope.threads(threads)) {
      ai.djl.pytorch.jni.JniUtils.setGradMode(false); // as the PyTorch peer's inference_mode
      net.predict(data, masks, BATCH);
      double best = Double.MAX_VALUE;
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        net.predict(data, masks, BATCH);
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      System.out.printf(
          Locale.ROOT, "LocSpec %d thread(s): %.0f images/s%n", threads, data.size() / best);
      return best;
    } finally {
      ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
    }
  }

  private static void writeNet(Path file, TrainedNetwork mlp, Map<String, float[]> masks)
      throws java.io.IOException {
    List<String> names = mlp.weightLayerNames();
    int bytes = 4;
    for (String n : names) {
      float[][] w = mlp.weights(n);
      bytes += 8 + 4 * (w.length * w[0].length + 2 * w.length);
    }
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(names.size());
    for (String n : names) {
      float[][] w = mlp.weights(n);
      b.putInt(w.length).putInt(w[0].length);
      for (float[] row : w) {
        for (float v : row) {
          b.putFloat(v);
        }
      }
      for (float v : mlp.bias(n)) {
        b.putFloat(v);
      }
      float[] m = masks.get(n);
      for (int j = 0; j < w.length; j++) {
        b.putFloat(m == null ? 1f : m[j]);
      }
    }
    Path tmp = Files.createTempFile(file.getParent(), "net", ".tmp");
    Files.write(tmp, b.array());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
