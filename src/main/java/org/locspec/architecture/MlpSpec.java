package org.locspec.architecture;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locspec.data.ImageDataset;
import org.locspec.model.Network;

/**
 * The shape of a multi-layer perceptron: {@code inputSize} inputs, one ReLU layer per entry of
 * {@code hidden}, a linear output layer of {@code numClasses} logits, and optional dropout after
 * every hidden layer.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), and Hod et
 * al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058): 784 → 4 × 256
 * ReLU → 10, dropout 0.5 in the dropout variant.
 *
 * @param inputSize values per input image, e.g. 784 for 28 × 28
 * @param hidden the width of each hidden layer, in order
 * @param numClasses the number of output logits
 * @param dropout the dropout rate after each hidden layer, in [0, 1); 0 means none
 */
public record MlpSpec(int inputSize, List<Integer> hidden, int numClasses, double dropout)
    implements ArchitectureSpec {

  /** Validates the fields and copies {@code hidden}. */
  public MlpSpec {
    if (inputSize < 1) {
      throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
    }
    Objects.requireNonNull(hidden, "hidden must not be null; use List.of() for no hidden layer");
    for (int i = 0; i < hidden.size(); i++) {
      Integer w = hidden.get(i);
      if (w == null || w < 1) {
        throw new IllegalArgumentException(
            "hidden layer widths must be >= 1, got " + w + " at position " + i + " of " + hidden);
      }
    }
    hidden = List.copyOf(hidden);
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** The papers' MLP: 784 inputs, four hidden ReLU layers of 256, 10 outputs, no dropout. */
  public static MlpSpec paper() {
    return new MlpSpec(784, Collections.nCopies(4, 256), 10, 0.0);
  }

  /** This spec with other hidden widths, e.g. {@code withHidden(64, 64)}. */
  public MlpSpec withHidden(int... widths) {
    List<Integer> list = new ArrayList<>(widths.length);
    for (int w : widths) {
      list.add(w);
    }
    return withHidden(list);
  }

  /** This spec with other hidden widths. */
  public MlpSpec withHidden(List<Integer> widths) {
    return new MlpSpec(inputSize, widths, numClasses, dropout);
  }

  /** This spec with another dropout rate (in [0, 1)). */
  public MlpSpec withDropout(double rate) {
    return new MlpSpec(inputSize, hidden, numClasses, rate);
  }

  /** This spec with another input size. */
  public MlpSpec withInputSize(int size) {
    return new MlpSpec(size, hidden, numClasses, dropout);
  }

  /** This spec with another number of classes. */
  public MlpSpec withNumClasses(int classes) {
    return new MlpSpec(inputSize, hidden, classes, dropout);
  }

  /** This spec with the input size and class count of a data set. */
  @Override
  public MlpSpec forData(ImageDataset data) {
    return new MlpSpec(data.imageSize(), hidden, data.numClasses(), dropout);
  }

  /** Returns "mlp". */
  @Override
  public String architecture() {
    return "mlp";
  }

  /** The shape of one input: {@code {inputSize}} (images are flattened). */
  @Override
  public long[] inputShape() {
    return new long[] {inputSize};
  }

  @Override
  public SequentialBlock build() {
    return Mlp.build(hidden, numClasses, dropout);
  }

  @Override
  public Map<String, Block> weightLayers(Block block) {
    return Mlp.weightLayers(block);
  }

  /** The dense layers' names; see {@link #denseLayerNames()}. */
  @Override
  public List<String> weightLayerNames() {
    return denseLayerNames();
  }

  /**
   * The layer view: Flatten, then per hidden layer Dense, ReLU (and Dropout when the spec has it),
   * then the output Dense. Inputs of a square size are taken as one-channel square images (784 →
   * 1×28×28), others as 1×1×{@code inputSize}.
   */
  @Override
  public Network toNetwork(String name, Block block) {
    return Mlp.toNetwork(name, inputSize, dropout, block);
  }

  @Override
  public void checkFits(ImageDataset data, String what) {
    Specs.checkFits(architecture(), inputShape(), numClasses, data, what, inputSize + " inputs");
  }

  /** The number of linear (dense) layers: hidden layers plus the output layer. */
  public int numDenseLayers() {
    return hidden.size() + 1;
  }

  /**
   * The width of every layer of neurons, inputs first: {@code [inputSize, hidden..., numClasses]}.
   */
  public List<Integer> layerWidths() {
    List<Integer> w = new ArrayList<>(hidden.size() + 2);
    w.add(inputSize);
    w.addAll(hidden);
    w.add(numClasses);
    return List.copyOf(w);
  }

  /** The LocSpec names of the dense layers, in order: {@code "dense1"} … (see {@link Mlp}). */
  public List<String> denseLayerNames() {
    List<String> names = new ArrayList<>(numDenseLayers());
    for (int i = 0; i < numDenseLayers(); i++) {
      names.add(Mlp.denseName(i));
    }
    return List.copyOf(names);
  }

  /** The number of trainable parameters (weights and biases). */
  public long parameterCount() {
    List<Integer> w = layerWidths();
    long n = 0;
    for (int i = 0; i + 1 < w.size(); i++) {
      n += (long) w.get(i) * w.get(i + 1) + w.get(i + 1);
    }
    return n;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MLP ").append(inputSize);
    for (int h : hidden) {
      sb.append(" → ").append(h);
    }
    sb.append(" → ").append(numClasses);
    if (!hidden.isEmpty()) {
      sb.append(" (ReLU");
      if (dropout > 0) {
        sb.append(", dropout ").append(dropout);
      }
      sb.append(')');
    }
    return sb.toString();
  }
}
