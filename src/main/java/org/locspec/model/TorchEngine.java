package org.locspec.model;

import ai.djl.engine.Engine;

/**
 * The one place that names the DJL engine LocSpec computes with: PyTorch (libtorch) on the CPU.
 * Every model, manager and gradient collector of the layer view, training and model files comes
 * from this engine.
 */
public final class TorchEngine {
  /** The DJL engine name. */
  public static final String NAME = "PyTorch";

  private TorchEngine() {}

  /**
   * The engine, loading its native library on first use.
   *
   * @return DJL's PyTorch engine
   */
  public static Engine get() {
    return Engine.getEngine(NAME);
  }
}
