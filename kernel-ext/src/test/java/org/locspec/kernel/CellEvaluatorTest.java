package org.locspec.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Variables must keep their values when JShell recompiles ("updates") their snippets. */
class CellEvaluatorTest {
  private CellEvaluator evaluator;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedErr;

  @BeforeEach
  void start() {
    savedErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    evaluator = new CellEvaluator(System.out, System.err, System.in);
    evaluator.importAll(LocSpecKernel.DEFAULT_IMPORTS);
  }

  @AfterEach
  void stop() {
    evaluator.close();
    System.setErr(savedErr);
  }

  private Object eval(String cell) {
    return evaluator.eval(cell, "cell");
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /**
   * The quickstart notebook's failure: the first of two imports in a cell keeps its line break, so
   * wrappers compiled later start one line lower; a later on-demand import recompiles the older
   * snippets, whose classes then differ in line numbers only. Without a redefine JShell loaded them
   * under new names with fresh (null) fields, and so did every snippet using them.
   */
  @Test
  void anOnDemandImportKeepsEarlierVariables() {
    eval("StringBuilder s = new StringBuilder(\"abc\");\nint n = s.length();");
    eval("import java.time.*;\nimport java.text.Normalizer;\n\nString t = s + \"-\" + n;");
    Object s = eval("import java.math.*;\n\ns");
    assertEquals("abc", String.valueOf(s));
    assertEquals(3, eval("n"));
    assertEquals("abc-3", eval("t"));
    assertEquals("", stderr());
  }

  @Test
  void theSameObjectSurvivesAnUpdate() {
    eval("List<Integer> counter = new ArrayList<>(List.of(0));\nList<Integer> alias = counter;");
    eval("import java.time.*;\nimport java.text.Normalizer;\n\ncounter.set(0, 7);");
    eval("import java.math.*;\n\nalias.set(0, alias.get(0) + 1);");
    assertEquals(8, eval("counter.get(0)"));
    assertEquals(true, eval("alias == counter"));
  }

  /** A dependent whose code really changes is reloaded, but its value is kept (as JShell does). */
  @Test
  void aVariableKeepsItsValueWhenAMethodItUsesIsRedefined() {
    eval("int f() { return 1; }");
    eval("int y = f();\nString label = \"y=\" + f();");
    eval("int f() { return 2; }");
    assertEquals(1, eval("y"));
    assertEquals("y=1", eval("label"));
    assertEquals(2, eval("f()"));
  }

  @Test
  void aRedeclarationStillSetsTheVariable() {
    eval("int x = 5;\nString w = \"old\";");
    eval("int x;");
    assertEquals(0, eval("x"));
    eval("String w = \"new\";");
    assertEquals("new", eval("w"));
  }

  @Test
  void aVariableWhoseTypeIsRedefinedIsResetWithAWarning() {
    eval("class Box { int v = 1; }");
    eval("Box b = new Box();\nBox none = null;");
    eval("class Box { int v = 2; String extra; }");
    assertNull(eval("b"));
    assertEquals(2, eval("new Box().v"));
    String warnings = stderr();
    assertTrue(
        warnings.contains("warning: variable b was reset to null because its type Box"), warnings);
    assertTrue(!warnings.contains("variable none"), warnings); // it was null anyway
  }

  /** A class kept despite moved lines still reports the lines of its snippet in stack traces. */
  @Test
  void stackTracesOfAKeptClassNameTheSnippetLine() {
    eval("int boom(int a) {\n  int b = a + 1;\n  return 10 / a;\n}");
    eval("import java.time.*;\nimport java.text.Normalizer;\n\nint z = 1;");
    eval("import java.math.*;");
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> eval("boom(0)"));
    StackTraceElement top = e.getStackTrace()[0];
    assertEquals("boom", top.getMethodName(), Arrays.toString(e.getStackTrace()));
    assertEquals(3, top.getLineNumber(), Arrays.toString(e.getStackTrace()));
  }
}
