package org.locspec.kernel.render;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.locspec.cluster.Partition;
import org.locspec.graph.LayerUnits;
import org.locspec.model.Layer;
import org.locspec.model.Network;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Renders a network's structure and its partitions compactly: a {@link Network} as its summary and
 * one row per layer; a {@link Partition} as its summary, the cluster sizes per layer (one row per
 * layer, one column per cluster) and its caption, instead of one row per neuron. {@code text/plain}
 * is the one-line {@code toString()}.
 */
public final class NetworkRenderers {
  private NetworkRenderers() {}

  /**
   * Registers the network and partition renderers. Registering twice does nothing.
   *
   * @param renderer the kernel's renderer
   */
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "networks")) {
      return;
    }
    renderer
        .createRegistration(Network.class)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (net, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> toHtml(net));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, net::toString);
            });
    renderer
        .createRegistration(Partition.class)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (p, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> toHtml(p));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, p::toString);
            });
  }

  /**
   * One row per layer: name, type, units (unit layers) and what it does.
   *
   * @param net the network
   * @return the table
   */
  public static Table layers(Network net) {
    StringColumn name = StringColumn.create("layer");
    StringColumn type = StringColumn.create("type");
    IntColumn units = IntColumn.create("units");
    StringColumn what = StringColumn.create("layer details");
    for (Layer l : net.layers()) {
      name.append(l.name());
      type.append(l.getClass().getSimpleName());
      if (l instanceof Layer.UnitLayer u) {
        units.append(u.units());
      } else {
        units.appendMissing();
      }
      what.append(l.toString());
    }
    return Table.create("layers of " + net.name(), name, type, units, what);
  }

  /**
   * Cluster sizes: one row per layer, one column per cluster label.
   *
   * @param p the partition
   * @return the table
   */
  public static Table sizes(Partition p) {
    int[][] s = p.sizesByLayer();
    Table t = Table.create("cluster sizes (units per layer and cluster)");
    StringColumn layer = StringColumn.create("layer");
    for (LayerUnits l : p.layers()) {
      layer.append(l.name());
    }
    t.addColumns(layer);
    for (int c = 0; c < p.k(); c++) {
      IntColumn col = IntColumn.create(Integer.toString(c));
      for (int[] row : s) {
        col.append(row[c]);
      }
      t.addColumns(col);
    }
    return t;
  }

  private static String toHtml(Network net) {
    return "<div class=\"locspec-network\"><p>"
        + Html.escape(net.toString())
        + "</p>"
        + TableRenderers.toHtml(layers(net))
        + "</div>";
  }

  private static String toHtml(Partition p) {
    return "<div class=\"locspec-result\"><p>"
        + Html.escape(p.toString())
        + "</p>"
        + TableRenderers.toHtml(sizes(p))
        + "<p class=\"locspec-caption\" style=\"font-size:smaller\">"
        + Html.escape(
            "One row per layer, one column per cluster label in [0, "
                + p.k()
                + "): how many of the layer's units the cluster holds (neurons without edges were"
                + " removed). A sub-cluster is one cell of this table. toTable() lists every"
                + " neuron. Partition: "
                + p.provenance()
                + ".")
        + "</p></div>";
  }
}
