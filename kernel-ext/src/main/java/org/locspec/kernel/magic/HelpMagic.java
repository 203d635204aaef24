package org.locspec.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %help [MAGIC]}: every magic of the kernel with its usage and what it does, LocSpec's
 * analysis magics first in the order a notebook runs them; with a name, that magic alone.
 */
public final class HelpMagic implements KernelMagic<Table> {
  static final MagicSyntax SYNTAX = MagicSyntax.builder().optional("magic").build();

  /** The analysis magics in the order the method runs them. */
  static final List<String> METHOD =
      List.of("model", "cluster", "importance", "coherence", "plot", "export", "dataset");

  /** Creates the magic. */
  public HelpMagic() {}

  @Override
  public String name() {
    return "help";
  }

  @Override
  public String usage() {
    return "%help [MAGIC]";
  }

  @Override
  public String help() {
    return "lists every magic with its usage (the method's magics first), or one magic";
  }

  @Override
  public Table run(MagicHost host, MagicCall call) {
    MagicSession s = MagicSession.start(host, this, call, SYNTAX);
    List<Magic> all = host.magics().all();
    List<Magic> shown = new ArrayList<>();
    for (String name : METHOD) {
      all.stream().filter(m -> m.name().equals(name)).forEach(shown::add);
    }
    all.stream().filter(m -> !METHOD.contains(m.name())).forEach(shown::add);
    var only = s.args().value("magic").map(n -> n.replaceFirst("^%+", ""));
    if (only.isPresent()) {
      List<String> names = shown.stream().map(Magic::name).toList();
      shown = shown.stream().filter(m -> m.name().equals(only.get())).toList();
      if (shown.isEmpty()) {
        throw s.args()
            .fail(
                "no magic %"
                    + only.get()
                    + org.locspec.viz.Spelling.suggestion(only.get(), names)
                    + " (magics: %"
                    + String.join(", %", names)
                    + ")");
      }
    }
    return Table.create(
        "LocSpec magics: %model → %cluster → %importance → %coherence → %plot; each binds its"
            + " result (model, partition, importance, coherence) for the next magic and for Java"
            + " cells; --java shows the Java a magic runs, $name uses a variable's value",
        StringColumn.create("magic", shown.stream().map(m -> "%" + m.name()).toList()),
        StringColumn.create("usage", shown.stream().map(Magic::usage).toList()),
        StringColumn.create("what it does", shown.stream().map(Magic::help).toList()));
  }
}
