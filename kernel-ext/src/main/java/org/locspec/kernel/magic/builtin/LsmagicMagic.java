package org.locspec.kernel.magic.builtin;

import java.util.List;
import java.util.Optional;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.locspec.kernel.magic.DescribedMagic;
import org.locspec.kernel.magic.Magic;
import org.locspec.kernel.magic.MagicArguments;
import org.locspec.kernel.magic.MagicCatalog;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %lsmagic}: a table of every line and cell magic of the kernel with usage and help. */
public final class LsmagicMagic implements DescribedMagic<Table> {
  /** Creates the magic. */
  public LsmagicMagic() {}

  @Override
  public String name() {
    return "lsmagic";
  }

  @Override
  public String usage() {
    return "%lsmagic";
  }

  @Override
  public String help() {
    return "lists every line (%) and cell (%%) magic with its usage";
  }

  @Override
  public Table eval(BaseKernel kernel, List<String> args) {
    MagicArguments.none(this, args);
    MagicCatalog catalog = MagicCatalog.of(kernel.getMagicsRegistry());
    Table t =
        Table.create(
            "magics",
            StringColumn.create("magic"),
            StringColumn.create("usage"),
            StringColumn.create("what it does"));
    for (String name : catalog.lineMagicNames()) {
      add(t, "%" + name, catalog.lineMagic(name));
    }
    for (String name : catalog.cellMagicNames()) {
      add(t, "%%" + name, catalog.cellMagic(name));
    }
    return t;
  }

  private static void add(Table t, String written, Optional<Magic> magic) {
    t.stringColumn("magic").append(written);
    t.stringColumn("usage").append(magic.map(Magic::usage).orElse(written));
    t.stringColumn("what it does")
        .append(magic.map(Magic::help).orElse("(registered by another extension)"));
  }
}
