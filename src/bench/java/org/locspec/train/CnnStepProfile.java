package org.locspec.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Locale;
import org.locspec.architecture.CnnSpec;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.model.TorchEngine;

/**
 * Where the time of a training step of the papers' small CNN goes (a profile, not a benchmark):
 * batch assembly, forward pass with the loss, backward pass and the Adam updates, timed around the
 * same calls {@link TrainingLoop} makes, on the first {@code 64 × steps} Fashion-MNIST images. Run
 * with {@code ONEDNN_VERBOSE=1} to see oneDNN's kernels (ISA, reorders, milliseconds).
 *
 * <p>Run: {@code mvn -q -B -o -Pbench -pl src exec:java
 * -Dexec.mainClass=org.locspec.train.CnnStepProfile -Dexec.args="STEPS THREADS"} (defaults 40 and
 * 1), after sourcing {@code environment/runtime-env.sh}.
 */
public final class CnnStepProfile {
  private CnnStepProfile() {}

  /**
   * Runs the profile.
   *
   * @param args optional number of steps (default 40) and intra-op threads (default 1)
   */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Engine engine = TorchEngine.get();
    System.out.println(
        "engine "
            + engine.getVersion()
            + ", ONEDNN_MAX_CPU_ISA="
            + System.getenv("ONEDNN_MAX_CPU_ISA"));
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN).slice(0, 64 * steps);
    engine.setRandomSeed(0);
    CnnSpec spec = CnnSpec.paper();
    try (TorchScope scope = TorchScope.threads(threads);
        Model model = spec.newModel("cnn")) {
      Block block = model.getBlock();
      for (Parameter p : block.getParameters().values()) {
        p.getArray().setRequiresGradient(true);
      }
      Batcher batcher = new Batcher(spec.inputShape(), 64);
      Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
      Loss lossFn = Loss.softmaxCrossEntropyLoss();
      ParameterStore store = new ParameterStore(model.getNDManager(), false);
      long tData = 0;
      long tFwd = 0;
      long tBwd = 0;
      long tUpd = 0;
      long start = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        long a = System.nanoTime();
        try (NDManager batch = model.getNDManager().newSubManager()) {
          NDArray x =
              batcher.images(batch, train, null, s * 64, s * 64 + 64, Augmentation.none(), null);
          NDArray y = batcher.labels(batch, train, null, s * 64, s * 64 + 64);
          long b = System.nanoTime();
          tData += b - a;
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
            NDArray loss = lossFn.evaluate(new NDList(y), new NDList(logits));
            loss.getFloat();
            long c = System.nanoTime();
            tFwd += c - b;
            gc.backward(loss);
            tBwd += System.nanoTime() - c;
          }
        }
        long d = System.nanoTime();
        for (Parameter p : block.getParameters().values()) {
          NDArray w = p.getArray();
          try (NDArray g = w.getGradient()) {
            adam.update(p.getId(), w, g);
          }
        }
        tUpd += System.nanoTime() - d;
      }
      double total = (System.nanoTime() - start) / 1e6 / steps;
      System.out.printf(
          Locale.ROOT,
          "%d thread(s), ms per step: batch %.2f, forward+loss %.2f, backward %.2f, Adam %.2f;"
              + " total %.1f (a 938-step epoch: %.0f s)%n",
          threads,
          tData / 1e6 / steps,
          tFwd / 1e6 / steps,
          tBwd / 1e6 / steps,
          tUpd / 1e6 / steps,
          total,
          total * 938 / 1000);
    }
  }
}
