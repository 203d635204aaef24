package org.locspec.zoo;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The models of a model zoo folder ({@code ModelZoo}).
 *
 * @param entries one entry per stored model, ordered by data set, architecture, regime and seed
 */
public record ZooIndex(List<ZooEntry> entries) {

  /** Copies the entries. */
  public ZooIndex {
    entries = List.copyOf(entries);
  }

  /** The number of models. */
  public int size() {
    return entries.size();
  }

  /** One row per model: dataset, architecture, regime, seed, test accuracy, sparsity, seconds. */
  public Table toTable() {
    return Table.create(
        "model zoo",
        StringColumn.create("dataset", entries.stream().map(ZooEntry::dataset).toList()),
        StringColumn.create("architecture", entries.stream().map(ZooEntry::architecture).toList()),
        StringColumn.create("regime", entries.stream().map(ZooEntry::regime).toList()),
        LongColumn.create("seed", entries.stream().mapToLong(ZooEntry::seed).toArray()),
        DoubleColumn.create(
            "test accuracy", entries.stream().mapToDouble(ZooEntry::testAccuracy).toArray()),
        DoubleColumn.create("sparsity", entries.stream().mapToDouble(ZooEntry::sparsity).toArray()),
        DoubleColumn.create("seconds", entries.stream().mapToDouble(ZooEntry::seconds).toArray()));
  }

  @Override
  public String toString() {
    return entries.isEmpty() ? "model zoo: empty" : toTable().print();
  }
}
