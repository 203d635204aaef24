package org.locspec.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.locspec.architecture.MlpSpec;
import org.locspec.model.TorchEngine;

/**
 * Times the phases of one training step of the papers' MLP on random data (one intra-op thread, as
 * in {@link Trainer}).
 */
public final class StepProfile {
  private StepProfile() {}

  /**
   * Runs 200 steps and prints the mean time of each phase.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Engine engine = TorchEngine.get();
    System.out.println("engine " + engine.getVersion());
    engine.setRandomSeed(0);
    try (TorchScope scope = TorchScope.training();
        Model model = Model.newInstance("mlp", Device.cpu(), TorchEngine.NAME)) {
      SequentialBlock block = MlpSpec.paper().build();
      model.setBlock(block);
      NDManager root = model.getNDManager();
      block.initialize(root, DataType.FLOAT32, new Shape(1, 784));
      Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
      Loss lossFn = Loss.softmaxCrossEntropyLoss();
      ParameterStore store = new ParameterStore(root, false);
      long tWindow = 0, tGrad = 0, tData = 0, tFwd = 0, tBwd = 0, tUpd = 0;
      int steps = Integer.getInteger("steps", 200);
      for (int s = 0; s < steps; s++) {
        long a = System.nanoTime();
        try (NDManager batch = root.newSubManager()) {
          NDArray x = batch.randomUniform(0, 1, new Shape(128, 784));
          NDArray y = batch.randomInteger(0, 10, new Shape(128), DataType.INT64);
          long b = System.nanoTime();
          tData += b - a;
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
            NDArray loss = lossFn.evaluate(new NDList(y), new NDList(logits));
            long c = System.nanoTime();
            tFwd += c - b;
            gc.backward(loss);
            loss.getFloat();
            tBwd += System.nanoTime() - c;
          }
        }
        long d = System.nanoTime();
        for (Parameter p : block.getParameters().values()) {
          NDArray w = p.getArray();
          long g0 = System.nanoTime();
          try (NDArray g = w.getGradient()) {
            tGrad += System.nanoTime() - g0;
            adam.update(p.getId(), w, g);
          }
        }
        tUpd += System.nanoTime() - d;
        if ((s + 1) % 100 == 0) {
          System.out.printf(
              "steps %d-%d: update %.2f ms/step%n", s - 98, s + 1, (tUpd - tWindow) / 1e6 / 100);
          tWindow = tUpd;
        }
      }
      System.out.printf("getGradient %.2f ms/step%n", tGrad / 1e6 / steps);
      System.out.printf(
          "per step ms: data %.2f fwd %.2f bwd %.2f update %.2f%n",
          tData / 1e6 / steps, tFwd / 1e6 / steps, tBwd / 1e6 / steps, tUpd / 1e6 / steps);
    }
  }
}
