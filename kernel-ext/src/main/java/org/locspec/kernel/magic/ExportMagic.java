package org.locspec.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import org.locspec.kernel.render.ResultCharts;
import org.locspec.viz.Export;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %export [DIR]}: writes the session's results for a report with the library's {@link
 * Export}: every result and table as CSV, every chart of a result ({@link ResultCharts}) and every
 * chart variable as PNG and SVG, every image as PNG. A value two variables hold (e.g. a result a
 * Java cell recomputed equal to the magic's) is written once, under the first name. The folder
 * defaults to {@value #ENV} or {@code export/}.
 */
public final class ExportMagic implements KernelMagic<Table> {
  /** The environment variable naming the default folder. */
  public static final String ENV = "LOCSPEC_EXPORT";

  static final MagicSyntax SYNTAX = MagicSyntax.builder().optional("dir").build();

  /** Creates the magic. */
  public ExportMagic() {}

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String usage() {
    return "%export [DIR]   (default $" + ENV + " or export/)";
  }

  @Override
  public String help() {
    return "writes every result as CSV and its charts as PNG and SVG into a folder";
  }

  @Override
  public Table run(MagicHost host, MagicCall call) throws Exception {
    MagicSession s = MagicSession.start(host, this, call, SYNTAX);
    String env = System.getenv(ENV);
    Path dir =
        Path.of(s.args().value("dir").orElse(env == null || env.isBlank() ? "export" : env))
            .toAbsolutePath()
            .normalize();
    List<SessionVariable> vars = host.variables();
    List<String> files = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    s.run(
        progress -> {
          List<Object> written = new ArrayList<>();
          for (SessionVariable v : vars) {
            Object value = v.value();
            if (value == null || written.contains(value)) {
              continue;
            }
            written.add(value);
            if (value instanceof Table
                || value instanceof Tabular
                || value instanceof Chart<?, ?>
                || value instanceof java.awt.image.BufferedImage) {
              add(files, sources, Export.write(dir, v.name(), value), v.name());
            }
            for (ResultCharts.Chart c : ResultCharts.of(value)) {
              Object drawn = ResultCharts.draw(value, c.name(), null);
              add(files, sources, Export.write(dir, v.name() + "-" + c.name(), drawn), v.name());
            }
          }
          return null;
        });
    return Table.create(
        files.size() + " files written to " + dir,
        StringColumn.create("file", files),
        StringColumn.create("from variable", sources));
  }

  private static void add(List<String> files, List<String> sources, List<Path> written, String v) {
    for (Path p : written) {
      files.add(p.getFileName().toString());
      sources.add(v);
    }
  }
}
