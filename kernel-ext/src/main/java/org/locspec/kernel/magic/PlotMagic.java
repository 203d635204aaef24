package org.locspec.kernel.magic;

import java.util.List;
import java.util.Optional;
import org.locspec.kernel.render.ResultCharts;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %plot [NAME] [LAYER#CLUSTER]}: draws a named chart of the last result a magic (or cell)
 * bound, or of {@code --of NAME}; without a name, lists that result's charts ({@link
 * ResultCharts}).
 */
public final class PlotMagic implements KernelMagic<Object> {
  static final MagicSyntax SYNTAX =
      MagicSyntax.builder().optional("chart").optional("subcluster").option("of", "NAME").build();

  /** Creates the magic. */
  public PlotMagic() {}

  @Override
  public String name() {
    return "plot";
  }

  @Override
  public String usage() {
    return "%plot [CHART] [LAYER#CLUSTER] [--of NAME]   (no CHART: list the charts of the last"
        + " result, e.g. importance-vs-size, profile dense2#3, histogram, examples)";
  }

  @Override
  public String help() {
    return "draws a chart of the last result (or of --of NAME); without a name lists its charts";
  }

  @Override
  public Object run(MagicHost host, MagicCall call) {
    MagicSession s = MagicSession.start(host, this, call, SYNTAX);
    MagicArguments a = s.args();
    SessionVariable v = target(host, a);
    Optional<String> chart = a.value("chart");
    if (chart.isEmpty()) {
      List<ResultCharts.Chart> charts = ResultCharts.of(v.value());
      return Table.create(
          "charts of " + v.name() + " (" + v.value().getClass().getSimpleName() + ")",
          StringColumn.create("chart", charts.stream().map(ResultCharts.Chart::name).toList()),
          StringColumn.create(
              "shows", charts.stream().map(ResultCharts.Chart::description).toList()),
          StringColumn.create(
              "cell",
              charts.stream()
                  .map(c -> "%plot " + c.name() + (c.perSubCluster() ? " [LAYER#CLUSTER]" : ""))
                  .toList()));
    }
    try {
      return ResultCharts.draw(v.value(), chart.get(), a.value("subcluster").orElse(null));
    } catch (IllegalArgumentException e) {
      throw a.fail(e.getMessage());
    }
  }

  /** The variable to plot: --of NAME, else the most recently declared one that has charts. */
  private static SessionVariable target(MagicHost host, MagicArguments a) {
    List<SessionVariable> vars = host.variables();
    Optional<String> of = a.identifier("of");
    for (int i = vars.size() - 1; i >= 0; i--) {
      SessionVariable v = vars.get(i);
      if (of.isPresent() ? v.name().equals(of.get()) : !ResultCharts.of(v.value()).isEmpty()) {
        if (ResultCharts.of(v.value()).isEmpty()) {
          throw a.fail(
              "the variable '"
                  + v.name()
                  + "' ("
                  + (v.value() == null ? "null" : v.value().getClass().getSimpleName())
                  + ") has no charts; plot a result of %model, %cluster, %importance or"
                  + " %coherence");
        }
        return v;
      }
    }
    throw a.fail(
        of.map(n -> "this session has no variable '" + n + "'")
            .orElse(
                "no result to plot yet; run %model, %cluster, %importance or %coherence first"));
  }
}
