package org.locspec.modelfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.locspec.model.Layer;
import org.locspec.model.LayerGraph;
import org.locspec.model.Network;

/**
 * Imports a PyTorch TorchScript file (written by {@code torch.jit.save}, scripted or traced) as a
 * {@link LayerGraph}, and a sequential one as the layer view ({@link Network}) that computes the
 * same outputs. No Python code is run: the weights come from {@code data.pkl} and the raw storages
 * {@code data/<key>}, the structure from the archive's {@code code/}.
 *
 * <p>The importer follows the model's {@code forward} code symbolically: calls of {@code torch.nn}
 * layers become layers, calls of containers ({@code Sequential}, torchvision's {@code VGG}, {@code
 * ResNet}, {@code BasicBlock}, {@code Bottleneck}, a user's module) are followed into their code,
 * and {@code torch.add} / {@code torch.cat} become {@link Layer.Add} / {@link Layer.Concat} joins.
 * Layers:
 *
 * <ul>
 *   <li>{@code Linear} → {@link Layer.Dense} {@code dense1, dense2, ..};
 *   <li>{@code Conv2d} with {@code groups=1}, {@code dilation=1}, {@code padding_mode="zeros"}, the
 *       same stride and the same padding in both directions (kernels may be rectangular; {@code
 *       padding="same"/"valid"} are resolved) → {@link Layer.Conv2d} {@code conv1, ..};
 *   <li>{@code BatchNorm1d}, {@code BatchNorm2d} with running statistics (inference mode) → {@link
 *       Layer.BatchNorm} {@code bn1, ..};
 *   <li>{@code ReLU} → {@code relu1, ..}; {@code MaxPool2d} with a square window, dilation 1 and
 *       {@code ceil_mode=False} → {@code pool1, ..}; {@code AdaptiveAvgPool2d} → {@code avgpool1,
 *       ..}; {@code Flatten} with {@code start_dim=1, end_dim=-1} → {@code flatten1, ..}; {@code
 *       Dropout} → {@code dropout1, ..}; {@code Identity} is skipped; the functional forms ({@code
 *       torch.flatten}, {@code torch.relu}, ..) give the same layers.
 * </ul>
 *
 * <p>Layers are named by kind and position ({@code LayerNames}); each node of the graph keeps its
 * PyTorch module path ({@code layer1.0.conv1}). Every other layer type, setting or statement fails
 * with an {@link IllegalArgumentException} that names the module path, its type and what is
 * supported; a truncated or foreign file fails with a message that says so.
 *
 * <p>The imported network always computes in inference mode, whatever the saved module's {@code
 * training} flag: dropout is the identity and batch norm uses its running statistics.
 *
 * <pre>{@code
 * try (Network vgg = TorchScriptImporter.load(Path.of("vgg16.pt"), new long[] {3, 224, 224})) {
 *   int[] predicted = vgg.predict(images, Map.of(), 16);
 * }
 * LayerGraph resnet = TorchScriptImporter.graph(Path.of("resnet50.pt"));
 * LayerWeights channels = NetworkGraphs.weights(resnet, Norm.L1);
 * }</pre>
 */
public final class TorchScriptImporter {
  private TorchScriptImporter() {}

  /**
   * Imports a sequential TorchScript model, deriving the input shape from the first layer. This
   * works only for an MLP (its first weighted layer is a {@code Linear} with {@code n} inputs): a
   * square {@code n = s²} gives {@code {1, s, s}} (e.g. 784 → 1×28×28), {@code n = 3·s²} gives
   * {@code {3, s, s}}. For a CNN, or any other {@code n}, use {@link #load(Path, long[])}.
   *
   * @param file a file written by {@code torch.jit.save}
   * @return the network, named after the file (close it when done)
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not a TorchScript archive, holds an unsupported
   *     layer or a join, or its input shape cannot be derived
   */
  public static Network load(Path file) {
    return load(file, null);
  }

  /**
   * Imports a sequential TorchScript model with a given input shape as the layer view.
   *
   * @param file a file written by {@code torch.jit.save}
   * @param inputShape the shape of one input image, {@code {channels, height, width}}; {@code null}
   *     to derive it as {@link #load(Path)} does
   * @return the network, named after the file (close it when done)
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not a TorchScript archive, holds an unsupported
   *     layer or a join (use {@link #graph}), or the layers do not fit the input shape
   */
  public static Network load(Path file, long[] inputShape) {
    checkShape(inputShape);
    LayerGraph g = graph(file);
    long[] shape = inputShape != null ? inputShape : deriveInputShape(file, g.layers());
    return g.toNetwork(shape);
  }

  /**
   * Imports any supported TorchScript model, sequential or not (residual additions,
   * concatenations), as a layer graph.
   *
   * @param file a file written by {@code torch.jit.save}
   * @return the graph, named after the file
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not a TorchScript archive or holds a layer,
   *     operator or statement LocSpec does not import
   */
  public static LayerGraph graph(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(
          "TorchScript file "
              + file.toAbsolutePath()
              + " does not exist or is not a file; give"
              + " the path of a model saved with torch.jit.save(torch.jit.script(model), path)",
          new NoSuchFileException(file.toString()));
    }
    String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    try (TorchScriptArchive archive = TorchScriptArchive.open(file)) {
      return GraphBuilder.build(archive, name);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read TorchScript file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Imports a model as a layer graph and checks that its layers fit an input shape.
   *
   * @param file a file written by {@code torch.jit.save}
   * @param inputShape the shape of one input image, {@code {channels, height, width}}
   * @return the graph
   * @throws IllegalArgumentException also naming the first layer the shape does not fit
   */
  public static LayerGraph graph(Path file, long[] inputShape) {
    checkShape(Objects.requireNonNull(inputShape, "inputShape"));
    LayerGraph g = graph(file);
    g.outputShape(inputShape);
    return g;
  }

  private static void checkShape(long[] inputShape) {
    if (inputShape != null
        && (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(v -> v < 1))) {
      throw new IllegalArgumentException(
          "inputShape must be {channels, height, width} with positive entries, got "
              + Arrays.toString(inputShape));
    }
  }

  private static long[] deriveInputShape(Path file, List<Layer> layers) {
    for (Layer l : layers) {
      if (l instanceof Layer.Dense d) {
        long n = d.inputs();
        long s = Math.round(Math.sqrt(n));
        if (s * s == n) {
          return new long[] {1, s, s};
        }
        long t = Math.round(Math.sqrt(n / 3.0));
        if (3 * t * t == n) {
          return new long[] {3, t, t};
        }
        throw new IllegalArgumentException(
            file
                + ": the first layer "
                + d.name()
                + " takes "
                + n
                + " inputs, which is neither"
                + " s² (1×s×s) nor 3·s² (3×s×s); give the input shape:"
                + " TorchScriptImporter.load(file, new long[] {channels, height, width})");
      } else if (!(l instanceof Layer.Flatten
          || l instanceof Layer.Dropout
          || l instanceof Layer.Relu)) {
        String channels = l instanceof Layer.Conv2d c ? String.valueOf(c.inputs()) : "C";
        throw new IllegalArgumentException(
            file
                + ": the input shape of a network starting with "
                + l
                + " cannot be derived;"
                + " give it: TorchScriptImporter.load(file, new long[] {"
                + channels
                + ", height, width}), e.g. {1, 28, 28} for MNIST");
      }
    }
    throw new IllegalArgumentException(file + " has no Linear or Conv2d layer; nothing to import");
  }
}
