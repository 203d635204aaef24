package org.locspec.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locspec.graph.LayerUnits;
import org.locspec.graph.LayerWeights;
import org.locspec.graph.NetworkGraphs;
import org.locspec.graph.Neuron;
import org.locspec.graph.NeuronGraph;
import org.locspec.graph.Norm;
import org.locspec.model.Layer;
import org.locspec.model.LayerGraph;
import org.locspec.model.Network;
import org.locspec.model.TorchEngine;

/**
 * torchvision 0.14's VGG-16 and ResNets, scripted and traced with random weights by {@code
 * make_torchvision.py} ({@link TorchvisionModels}): VGG-16 runs in the layer view with PyTorch's
 * logits; the ResNets import as layer graphs whose channel graph equals the one computed in Python
 * from torch.fx's trace of the eager model.
 */
class TorchvisionImportTest {
  private static final double TOLERANCE = 1e-5;

  @ParameterizedTest
  @ValueSource(strings = {"vgg16_scripted", "vgg16_traced"})
  void vgg16RunsInTheLayerViewWithPyTorchsLogits(String model) {
    JsonObject inputs = TorchvisionModels.manifest().getAsJsonObject("inputs");
    long[] shape =
        inputs.getAsJsonArray("shape").asList().stream()
            .mapToLong(JsonElement::getAsLong)
            .toArray();
    float[] want = TorchvisionModels.floats(model + ".logits.bin");
    try (Network vgg =
            TorchScriptImporter.load(
                TorchvisionModels.file(model + ".pt"), new long[] {shape[1], shape[2], shape[3]});
        NDManager nd = NDManager.newBaseManager(TorchEngine.NAME)) {
      assertEquals(13, vgg.unitLayers().stream().filter(l -> l instanceof Layer.Conv2d).count());
      assertEquals(
          List.of("dense1", "dense2", "dense3"),
          vgg.unitLayers().stream()
              .filter(l -> l instanceof Layer.Dense)
              .map(Layer::name)
              .toList());
      assertTrue(
          vgg.layers().stream()
              .anyMatch(
                  l ->
                      l instanceof Layer.AdaptiveAvgPool2d a
                          && a.outputHeight() == 7
                          && a.outputWidth() == 7));
      NDArray x = nd.create(TorchvisionModels.floats("inputs.bin"), new Shape(shape));
      float[] got = vgg.forward(x).toFloatArray();
      double diff = 0;
      double scale = 0;
      for (int i = 0; i < want.length; i++) {
        diff = Math.max(diff, Math.abs(want[i] - got[i]));
        scale = Math.max(scale, Math.abs(want[i]));
      }
      System.out.printf(
          "%s: max |LocSpec - PyTorch| logits %.3g (largest logit %.3g)%n", model, diff, scale);
      assertTrue(diff <= TOLERANCE, model + ": max abs difference of logits " + diff);
      assertEquals(1000 * 2, got.length);
    }
  }

  @Test
  void resnetsImportAsGraphsScriptedAndTracedAlike() {
    LayerGraph scripted = TorchScriptImporter.graph(TorchvisionModels.file("resnet18_scripted.pt"));
    LayerGraph traced = TorchScriptImporter.graph(TorchvisionModels.file("resnet18_traced.pt"));
    assertFalse(scripted.isSequential());
    assertEquals(
        "LayerGraph[resnet18_scripted: 69 layers, 20 conv, 1 dense, 8 add]", scripted.toString());
    assertEquals(scripted.layers(), traced.layers());
    assertEquals(
        scripted.nodes().stream().map(LayerGraph.Node::inputs).toList(),
        traced.nodes().stream().map(LayerGraph.Node::inputs).toList());
    assertEquals("layer1.0.conv1", scripted.node("conv2").module());
    assertEquals(List.of("bn3", "pool1"), scripted.node("add1").inputs());
    assertArrayEquals(new long[] {1000}, scripted.outputShape(new long[] {3, 224, 224}));
    IllegalArgumentException view =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TorchScriptImporter.load(
                    TorchvisionModels.file("resnet18_traced.pt"), new long[] {3, 224, 224}));
    assertTrue(
        view.getMessage()
                .contains("is not sequential: layer add1 (layer1.0) reads [bn3," + " pool1]")
            && view.getMessage().contains("NetworkGraphs.weights"),
        view.getMessage());
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TorchScriptImporter.graph(
                    TorchvisionModels.file("resnet18_scripted.pt"), new long[] {1, 224, 224}));
    assertTrue(
        shape
            .getMessage()
            .contains(
                "layer conv1 (conv1): expects 3 input channels (C×H×W)"
                    + " but receives [1, 224, 224]"),
        shape.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet18_scripted", "resnet18_traced"})
  void resnet18ChannelGraphEqualsTheOneComputedInPython(String model) {
    LayerGraph g = TorchScriptImporter.graph(TorchvisionModels.file(model + ".pt"));
    LayerWeights w = NetworkGraphs.weights(g, Norm.L1);
    NeuronGraph graph = NeuronGraph.fromWeights(w);
    JsonObject python =
        TorchvisionModels.manifest()
            .getAsJsonObject("models")
            .getAsJsonObject("resnet18")
            .getAsJsonObject("channel_graph");
    JsonArray groups = python.getAsJsonArray("groups");
    List<LayerUnits> layers = w.layers();
    assertEquals(groups.size(), layers.size());
    for (int i = 0; i < layers.size(); i++) {
      JsonObject p = groups.get(i).getAsJsonObject();
      LayerGraph.Node node = g.node(layers.get(i).name());
      assertEquals(p.get("channels").getAsInt(), layers.get(i).units(), "group " + i);
      if (p.get("kind").getAsString().equals("conv")) {
        assertEquals(p.get("module").getAsString(), node.module(), "group " + i);
      } else {
        assertTrue(node.layer() instanceof Layer.Add, "group " + i + " is " + node.layer());
      }
    }
    float[] values = TorchvisionModels.floats(python.get("file").getAsString());
    Map<Long, Double> expected = new HashMap<>();
    for (JsonElement e : python.getAsJsonArray("blocks")) {
      JsonObject b = e.getAsJsonObject();
      String from = layers.get(b.get("from").getAsInt()).name();
      String to = layers.get(b.get("to").getAsInt()).name();
      int rows = b.get("rows").getAsInt();
      int cols = b.get("cols").getAsInt();
      int at = b.get("at").getAsInt();
      int offset = b.get("row_offset").getAsInt();
      for (int o = 0; o < rows; o++) {
        for (int i = 0; i < cols; i++) {
          long a = graph.indexOf(new Neuron(to, offset + o));
          long c = graph.indexOf(new Neuron(from, i));
          expected.merge(
              a * graph.nodeCount() + c, (double) values[at + o * cols + i], Double::sum);
        }
      }
    }
    assertEquals(3904, graph.nodeCount());
    assertEquals(expected.size(), graph.edgeCount(), "edges of the Python graph vs LocSpec's");
    double worst = 0;
    for (var e : expected.entrySet()) {
      int a = (int) (e.getKey() / graph.nodeCount());
      int c = (int) (e.getKey() % graph.nodeCount());
      double want = e.getValue();
      worst = Math.max(worst, Math.abs(graph.weight(a, c) - want) / Math.max(1e-3, want));
    }
    System.out.printf(
        "%s: %d channels, %d edges, largest relative difference %.3g%n",
        model, graph.nodeCount(), graph.edgeCount(), worst);
    assertTrue(worst <= TOLERANCE, "largest relative difference of an edge weight " + worst);
  }

  @Test
  void resnet50HasTheChannelGraphOfTensOfThousandsOfNodes() {
    LayerGraph g = TorchScriptImporter.graph(TorchvisionModels.file("resnet50_scripted.pt"));
    assertEquals(
        "LayerGraph[resnet50_scripted: 175 layers, 53 conv, 1 dense, 16 add]", g.toString());
    LayerWeights w = NetworkGraphs.weights(g, Norm.L1);
    assertEquals(49, w.layers().size());
    assertEquals(22720, w.unitCount());
    assertEquals(91, w.connections().stream().mapToInt(c -> c.placements().size()).sum());
  }
}
