package org.locspec.kernel.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectTest {
  /** The library's sources, from the kernel-ext module folder Maven runs tests in. */
  private static final JavadocSources LIBRARY =
      new JavadocSources(List.of(Path.of("../src/main/java").toAbsolutePath().normalize()));

  @Test
  void theSymbolIsUnderOrJustBeforeTheCursor() {
    String code = "var r = ImportanceTest.run(net)";
    SymbolAtCursor s = SymbolAtCursor.find(code, code.indexOf("run") + 1);
    assertEquals("ImportanceTest.run", code.substring(s.start(), s.end()));
    assertEquals("run", s.member(code));
    assertEquals(code.indexOf('(') + 1, s.call());
    SymbolAtCursor before = SymbolAtCursor.find("Datasets.load  ", 15);
    assertEquals("load", before.member("Datasets.load  "));
    assertEquals(-1, before.call());
    assertNull(SymbolAtCursor.find("f(1, ", 5));
    SymbolAtCursor call = Inspector.enclosingCall("Datasets.load(\"x\", ", 19);
    assertEquals("load", call.member("Datasets.load(\"x\", "));
  }

  @Test
  void javadocIsReadFromTheSources() {
    String run =
        LIBRARY
            .find(
                "org.locspec.lesion.ImportanceTest",
                "run",
                List.of(
                    "org.locspec.model.Network",
                    "ImageDataset",
                    "java.util.List<SubCluster>",
                    "ImportanceOptions",
                    "ProgressListener"))
            .orElseThrow();
    assertTrue(run.contains("Runs the importance test."), run);
    assertTrue(run.contains("@param subClusters"), run);
    String shortRun =
        LIBRARY
            .find(
                "org.locspec.lesion.ImportanceTest",
                "run",
                List.of("Network", "ImageDataset", "List"))
            .orElseThrow();
    assertTrue(shortRun.contains("with LocSpec's options"), shortRun);
    assertTrue(
        LIBRARY
            .find("org.locspec.data.Datasets", null, null)
            .orElseThrow()
            .contains("Loads the data sets"));
    assertTrue(LIBRARY.find("org.locspec.data.Split", "parse", null).isPresent());
    assertTrue(LIBRARY.find("org.locspec.nosuch.Thing", null, null).isEmpty());
  }

  @Test
  void docCommentsBecomeReadableText() {
    String text =
        DocText.plain(
            "Loads a data set from {@link #dataDir()}, see {@link Datasets#names() the names}.\n"
                + "<p>Second {@code paragraph} with &lt;tags&gt;.\n\n"
                + "@param name one of {@link #names()}\n   case-insensitive\n"
                + "@return the images\n@throws IllegalArgumentException if unknown");
    assertEquals(
        "Loads a data set from dataDir(), see the names.\n\n"
            + "Second paragraph with <tags>.\n\n"
            + "Parameters:\n  name - one of names() case-insensitive\n"
            + "Returns: the images\nThrows IllegalArgumentException: if unknown",
        text);
  }

  @Test
  void typesAreComparedBySimpleErasure() {
    assertEquals("List", JavadocSources.simpleType("java.util.List<org.x.SubCluster>"));
    assertEquals("float[][]", JavadocSources.simpleType("float[]..."));
    assertEquals("Map", JavadocSources.simpleType("Map<String, List<Integer>>"));
    assertEquals(
        List.of("Map<String, Integer>", "int"),
        Inspector.parameterTypes("Map<String, Integer> m, int n"));
  }
}
