package org.locspec.kernel.magic;

import ai.djl.engine.Engine;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsArgs;
import org.locspec.data.Datasets;
import org.locspec.kernel.LocSpecKernel;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %locspec}: a table describing the environment (LocSpec, Java, DJL engine, data folder) and
 * the LocSpec magics with their usage and help.
 */
public final class LocSpecMagic implements DescribedMagic {
  private static final MagicsArgs SCHEMA =
      MagicsArgs.builder().onlyKnownKeywords().onlyKnownFlags().build();

  /** Creates the magic. */
  public LocSpecMagic() {}

  @Override
  public String name() {
    return "locspec";
  }

  @Override
  public String usage() {
    return "%locspec";
  }

  @Override
  public String help() {
    return "shows versions (LocSpec, Java, DJL engine), the data folder and the LocSpec magics";
  }

  @Override
  public Table eval(BaseKernel kernel, List<String> args) {
    MagicArguments.parse(this, SCHEMA, args);
    Table t =
        Table.create(
            "LocSpec environment", StringColumn.create("item"), StringColumn.create("value"));
    add(t, "LocSpec version", LocSpecKernel.version());
    add(t, "kernel", kernel.getName() + " " + kernel.getVersion());
    add(t, "Java", Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")");
    add(t, "DJL", Engine.getDjlVersion());
    add(t, "DJL engine", engine());
    add(t, "DJL offline", System.getProperty("ai.djl.offline", "false"));
    add(t, "data folder", Datasets.dataDir().toString());
    add(t, "data sets", String.join(", ", Datasets.names()));
    add(t, "max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    for (DescribedMagic m : LocSpecMagics.all()) {
      add(t, m.usage(), m.help());
    }
    return t;
  }

  private static String engine() {
    try {
      Engine e = Engine.getInstance();
      return e.getEngineName() + " " + e.getVersion();
    } catch (RuntimeException | LinkageError e) {
      return "unavailable (" + Engine.getDefaultEngineName() + "): " + e.getMessage();
    }
  }

  private static void add(Table t, String item, String value) {
    t.stringColumn("item").append(item);
    t.stringColumn("value").append(value == null ? "" : value);
  }
}
