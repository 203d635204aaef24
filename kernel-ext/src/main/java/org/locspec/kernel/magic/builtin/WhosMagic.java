package org.locspec.kernel.magic.builtin;

import org.locspec.kernel.magic.KernelMagic;
import org.locspec.kernel.magic.MagicArguments;
import org.locspec.kernel.magic.MagicCall;
import org.locspec.kernel.magic.MagicHost;
import org.locspec.kernel.magic.SessionVariable;
import org.locspec.kernel.render.ValueText;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %whos}: a table of the session's variables with their types and a short value. */
public final class WhosMagic implements KernelMagic<Table> {
  /** The longest value text in the table. */
  public static final int VALUE_CHARS = 80;

  /** Creates the magic. */
  public WhosMagic() {}

  @Override
  public String name() {
    return "whos";
  }

  @Override
  public String usage() {
    return "%whos";
  }

  @Override
  public String help() {
    return "lists the session's variables with their types and a short value";
  }

  @Override
  public Table run(MagicHost host, MagicCall call) {
    MagicArguments.none(this, call.args());
    Table t =
        Table.create(
            "variables",
            StringColumn.create("variable"),
            StringColumn.create("type"),
            StringColumn.create("value"));
    for (SessionVariable v : host.variables()) {
      t.stringColumn("variable").append(v.name());
      t.stringColumn("type").append(v.type());
      t.stringColumn("value").append(ValueText.shortText(v.value(), VALUE_CHARS));
    }
    return t;
  }
}
