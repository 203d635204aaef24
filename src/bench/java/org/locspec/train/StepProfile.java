package org.locspec.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locspec.architecture.ArchitectureSpec;
import org.locspec.architecture.MlpSpec;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.model.TorchEngine;

/**
 * Where the time of a training step of the papers' MLP goes (not a test): the phases of {@link
 * TrainingLoop}'s step on real Fashion-MNIST batches, one intra-op thread, timed in CPU time of the
 * training thread (less disturbed by other work on a shared machine than wall time): batch
 * assembly, forward, loss, the L1 penalty term (of the l1 regimes; not part of a plain step),
 * backward, reading the loss, Adam ({@link AdamUpdate}).
 *
 * <p>Run: {@code mvn -q -B -o -Pbench -pl src test-compile exec:java
 * -Dexec.mainClass=org.locspec.train.StepProfile [-Dexec.args=STEPS]} (default 938: two epochs).
 */
public final class StepProfile {
  private StepProfile() {}

  /**
   * Runs the steps and prints the mean CPU milliseconds of each phase.
   *
   * @param args optional number of steps
   */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 938;
    ImageDataset train = Datasets.load("fashion-mnist", Split.TRAIN);
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    ArchitectureSpec spec = MlpSpec.paper();
    String[] names = {"batch", "forward", "loss", "L1 term", "backward", "read loss", "Adam"};
    long[] cpu = new long[names.length];
    try (TorchScope scope = TorchScope.training()) {
      TorchEngine.get().setRandomSeed(0);
      try (Model model = spec.newModel("mlp")) {
        Block block = model.getBlock();
        List<NDArray> params = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
          p.getArray().setRequiresGradient(true);
          params.add(p.getArray());
        }
        List<NDArray> weights = new ArrayList<>();
        spec.weightLayers(block)
            .values()
            .forEach(l -> weights.add(l.getParameters().get("weight").getArray()));
        Penalty l1 = new Penalty(weights, TrainingConfig.PAPER_PENALTY, 0);
        AdamUpdate adam = new AdamUpdate(params, 1e-3f);
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        Loss lossFn = Loss.softmaxCrossEntropyLoss();
        Batcher batcher = new Batcher(spec.inputShape(), 128);
        int[] order = ImageDataset.permutation(train.size(), 0);
        int perEpoch = (train.size() + 127) / 128;
        for (int s = 0; s < steps; s++) {
          int from = (s % perEpoch) * 128;
          int to = Math.min(train.size(), from + 128);
          long t = bean.getCurrentThreadCpuTime();
          try (NDManager batch = model.getNDManager().newSubManager()) {
            NDArray x = batcher.images(batch, train, order, from, to, Augmentation.none(), null);
            NDArray y = batcher.labels(batch, train, order, from, to);
            t = lap(bean, cpu, 0, t);
            try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
              NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
              t = lap(bean, cpu, 1, t);
              NDArray loss = lossFn.evaluate(new NDList(y), new NDList(logits));
              t = lap(bean, cpu, 2, t);
              l1.lossTerm(batch); // timed only: the plain regime's step has no penalty
              t = lap(bean, cpu, 3, t);
              gc.backward(loss);
              t = lap(bean, cpu, 4, t);
              loss.getFloat();
              t = lap(bean, cpu, 5, t);
            }
          }
          adam.step();
          lap(bean, cpu, 6, t);
        }
        long total = 0;
        for (int i = 0; i < names.length; i++) {
          total += i == 3 ? 0 : cpu[i];
          System.out.printf(
              Locale.ROOT, "%-10s %.3f ms per step%n", names[i], cpu[i] / 1e6 / steps);
        }
        System.out.printf(
            Locale.ROOT,
            "a plain step: %.3f ms CPU, an epoch of %d steps %.2f s CPU%n",
            total / 1e6 / steps,
            perEpoch,
            total / 1e9 / steps * perEpoch);
      }
    }
  }

  private static long lap(ThreadMXBean bean, long[] cpu, int phase, long since) {
    long now = bean.getCurrentThreadCpuTime();
    cpu[phase] += now - since;
    return now;
  }
}
