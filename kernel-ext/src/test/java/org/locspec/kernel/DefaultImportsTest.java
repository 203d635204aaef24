package org.locspec.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The kernel's default imports: no simple name is declared by two of them. */
class DefaultImportsTest extends WithKernel {
  @Test
  void noTwoImportedPackagesDeclareTheSameSimpleName() {
    List<String> packages = new ArrayList<>(List.of("java.lang"));
    List<String> single = new ArrayList<>();
    for (String i : LocSpecKernel.DEFAULT_IMPORTS) {
      if (i.endsWith(".*")) {
        packages.add(i.substring(0, i.length() - 2));
      } else {
        single.add(i);
      }
    }
    Map<String, List<String>> byName = new TreeMap<>();
    try (ScanResult scan =
        new ClassGraph()
            .enableSystemJarsAndModules()
            .acceptPackagesNonRecursive(packages.toArray(String[]::new))
            .scan()) {
      for (ClassInfo c : scan.getAllClasses()) {
        if (c.isPublic() && !c.isInnerClass() && !c.getSimpleName().equals("package-info")) {
          byName.computeIfAbsent(c.getSimpleName(), n -> new ArrayList<>()).add(c.getName());
        }
      }
    }
    assertTrue(
        byName.containsKey("Partition")
            && byName.containsKey("XYChart")
            && byName.containsKey("String"),
        byName.keySet().toString());
    Map<String, List<String>> clashes = new TreeMap<>();
    byName.forEach(
        (name, classes) -> {
          if (classes.size() > 1) {
            clashes.put(name, classes);
          }
        });
    assertEquals(Map.of(), clashes, "simple names declared by two default-imported packages");
  }

  @Test
  void cellsUseTheLibraryTablesawAndXChartWithoutImports() {
    Object v =
        kernel.evalRaw(
            "Table t = Table.create(\"t\", DoubleColumn.create(\"x\", 1, 2));\n"
                + "XYChart c = new XYChartBuilder().title(\"x\").build();\n"
                + "SpectralOptions o = SpectralOptions.paper(16);\n"
                + "ProgressListener p = Notebook.progress();\n"
                + "t.rowCount() + o.k()");
    assertEquals(18, v);
  }
}
