package org.locspec.coherence;

/**
 * How feature visualization parametrizes the image it optimizes. Both map to valid pixels in [0, 1]
 * with a sigmoid.
 */
public enum Parametrization {
  /** One free parameter per pixel: {@code image = sigmoid(p)}. */
  PIXEL,
  /**
   * Lucid's decorrelated (Fourier) parametrization: {@code image = sigmoid(irfft2(spectrum · s) ·
   * √(HW) / 4)} with {@code s = 1 / max(frequency, 1/max(H, W))}, so that low frequencies get large
   * steps and the optimized images are smooth. Reference: Olah et al., "Feature Visualization",
   * Distill (2017); Mordvintsev et al., "Differentiable Image Parameterizations", Distill (2018).
   */
  FOURIER
}
