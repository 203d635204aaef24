package org.locspec.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Starts the kernel without a Jupyter connection and drives it directly. */
class LocSpecKernelTest {
  private static LocSpecKernel kernel;

  @BeforeAll
  static void start() {
    kernel = LocSpecKernel.create();
    kernel.onStartup();
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
  }

  @Test
  void startupInstallsTheLocSpecExtensionFromTheClassPath() {
    assertTrue(kernel.hasExtension(LocSpecExtension.class.getName()));
    assertTrue(kernel.getMagicsRegistry().getLineMagicNames().contains("locspec"));
    assertEquals(kernel, BaseKernel.notebookKernel());
  }

  @Test
  void tablesRenderAsHtml() {
    Table t =
        Table.create("squares", IntColumn.create("n", 1, 2, 3), IntColumn.create("sq", 1, 4, 9));
    DisplayData d = kernel.getRenderer().render(t);
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("<caption"), html);
    assertTrue(html.contains("<td>9</td>"), html);
    assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).contains("squares"));
  }

  @Test
  void chartsRenderAsPng() {
    XYChart chart = new XYChartBuilder().width(300).height(200).title("line").build();
    chart.addSeries("y", new double[] {0, 1, 2}, new double[] {0, 1, 4});
    DisplayData d = kernel.getRenderer().render(chart);
    byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
    assertEquals(0x89, png[0] & 0xff);
    assertEquals("PNG", new String(png, 1, 3));
    assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).contains("XYChart"));
  }

  @Test
  void expressionValueIsTheRealObject() {
    assertEquals(42, kernel.evalRaw("6 * 7"));
    Object list = kernel.evalRaw("java.util.List.of(1, 2)");
    assertEquals(List.of(1, 2), list);
  }

  @Test
  void statementsAndDeclarationsHaveNoValueAndPersist() {
    assertNull(kernel.evalRaw("int persisted = 20;"));
    assertNull(kernel.evalRaw("int twice(int x) { return 2 * x; }"));
    assertNull(kernel.evalRaw("System.out.println(\"hi\");"));
    assertEquals(40, kernel.evalRaw("twice(persisted)"));
  }

  @Test
  void defaultImportsAreThere() {
    assertEquals(List.of(3), kernel.evalRaw("new ArrayList<>(List.of(3))"));
    assertEquals(6, kernel.evalRaw("IntStream.of(1, 2, 3).sum()"));
  }

  @Test
  void multiSnippetCellReturnsTheLastExpression() {
    Object v = kernel.evalRaw("int a = 2;\nint b = 3;\na * b");
    assertEquals(6, v);
  }

  @Test
  void cellsImportLocSpecAndTablesaw() {
    Object t =
        kernel.evalRaw(
            "import org.locspec.data.*;\n"
                + "import tech.tablesaw.api.*;\n"
                + "ImageDataset ds = ImageDataset.of(\"tiny\", 1, 1, 2, new float[] {0, 1, 1, 0},"
                + " new int[] {0, 1}, java.util.List.of(\"a\", \"b\"));\n"
                + "ds.toTable()");
    Table table = assertInstanceOf(Table.class, t);
    assertEquals(2, table.rowCount());
    DisplayData d = kernel.eval("ds");
    assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("data:image/png;base64,"));
  }

  @Test
  void compileErrorShowsTheFailingLineAndMessage() {
    CellCompilationException e =
        assertThrows(
            CellCompilationException.class,
            () -> kernel.evalRaw("int ok = 1;\nint bad = \"text\";"));
    String msg = e.getMessage();
    assertTrue(msg.contains("line 2"), msg);
    assertTrue(msg.contains("int bad = \"text\";"), msg);
    assertTrue(msg.contains("^"), msg);
    assertTrue(msg.contains("incompatible types"), msg);
    List<String> formatted = kernel.formatError(e);
    assertTrue(
        formatted.stream().anyMatch(l -> l.contains("int bad = \"text\";")), formatted.toString());
    assertEquals(5, kernel.evalRaw("5"), "the kernel still evaluates after a compile error");
  }

  @Test
  void runtimeExceptionIsTheCellsRealException() {
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> kernel.evalRaw("int zero = 0;\n1 / zero"));
    assertEquals("/ by zero", e.getMessage());
    List<String> formatted = kernel.formatError(e);
    assertTrue(formatted.get(0).contains("java.lang.ArithmeticException"), formatted.toString());
    assertTrue(formatted.stream().anyMatch(l -> l.contains("line 2")), formatted.toString());
    assertTrue(
        formatted.stream().noneMatch(l -> l.contains("CellExecutionControl")),
        formatted.toString());
    assertEquals(3, kernel.evalRaw("1 + 2"));
  }

  @Test
  void stackFramesPointToCellLines() {
    kernel.evalRaw(
        "void boom(int n) {\n  if (n > 0) {\n    throw new IllegalStateException(\"n=\" + n);\n  }\n}");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> kernel.evalRaw("int k = 1;\nboom(k);"));
    List<String> lines = kernel.formatError(e);
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("\\tat boom, cell \\[\\d+\\] line 3")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("\\tat cell \\[\\d+\\] line 2")), lines.toString());
  }

  @Test
  void cellMagicsGetTheirBodyAndReturnTheCellValue() {
    kernel
        .getMagicsRegistry()
        .registerCellMagic("upper", (k, args, body) -> args + body.toUpperCase());
    assertEquals("[a, b c]HELLO\n\"WORLD\"", kernel.evalRaw("%%upper a \"b c\"\nhello\n\"world\""));
    UnknownMagicException e =
        assertThrows(UnknownMagicException.class, () -> kernel.evalRaw("%%lower\nx"));
    assertTrue(e.getMessage().contains("%%upper"), e.getMessage());
  }

  @Test
  void checkedExceptionsAndErrorsAreReported() {
    assertThrows(
        java.io.IOException.class,
        () -> kernel.evalRaw("throw new java.io.IOException(\"disk\");"));
    CellErrorException e =
        assertThrows(
            CellErrorException.class,
            () -> kernel.evalRaw("int down(int n) { return down(n + 1) + 1; }\ndown(0)"));
    assertInstanceOf(StackOverflowError.class, e.getCause());
    assertEquals(7, kernel.evalRaw("7"));
  }

  @Test
  void incompleteCellIsAnError() {
    assertThrows(IncompleteCellException.class, () -> kernel.evalRaw("void f() {"));
  }

  @Test
  void unknownMagicNamesItAndListsKnownOnes() {
    UnknownMagicException e =
        assertThrows(UnknownMagicException.class, () -> kernel.evalRaw("%nosuchmagic 1 2"));
    assertTrue(e.getMessage().contains("%nosuchmagic"), e.getMessage());
    assertTrue(e.getMessage().contains("%locspec"), e.getMessage());
  }

  @Test
  void lineMagicValueIsTheCellValueAndCanBeAssigned() {
    Table t = assertInstanceOf(Table.class, kernel.evalRaw("%locspec"));
    assertTrue(t.stringColumn("item").asList().contains("Java"));
    assertNull(kernel.evalRaw("var env = %locspec"));
    assertEquals(t.rowCount(), kernel.evalRaw("((tech.tablesaw.api.Table) env).rowCount()"));
  }

  @Test
  void magicUsageErrorKeepsTheKernelWorking() {
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> kernel.evalRaw("%locspec --bogus"));
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    assertTrue(e.getMessage().contains("usage: %locspec"), e.getMessage());
    assertEquals(1, kernel.formatError(e).size());
    assertEquals(11, kernel.evalRaw("11"));
  }

  @Test
  void completionOffersCandidates() {
    ReplacementOptions strin = kernel.complete("Strin", 5);
    assertTrue(strin.getReplacements().contains("String"), strin.getReplacements().toString());
    assertEquals(0, strin.getSourceStart());
    ReplacementOptions abs = kernel.complete("Math.ab", 7);
    assertTrue(
        abs.getReplacements().stream().anyMatch(s -> s.startsWith("abs")),
        abs.getReplacements().toString());
    ReplacementOptions magic = kernel.complete("%locs", 5);
    assertEquals(List.of("%locspec"), magic.getReplacements());
  }

  @Test
  void isCompleteTellsCompleteIncompleteAndInvalid() {
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int x = 1;"));
    String incomplete = kernel.isComplete("int x = ");
    assertTrue(incomplete.isBlank(), "an indent, got '" + incomplete + "'");
    assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete("int x = 1 +* ;"));
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%locspec"));
  }

  @Test
  void inspectionGivesDocumentation() {
    DisplayData d = kernel.inspect("Math.abs(-1)", 6, false);
    assertTrue(
        ((String) d.getData(MIMEType.TEXT_PLAIN)).contains("abs("),
        String.valueOf(d.getData(MIMEType.TEXT_PLAIN)));
  }

  @Test
  void interruptStopsARunningCellAndTheKernelKeepsWorking() throws Exception {
    CompletableFuture<Throwable> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                kernel.evalRaw("long spin = 0; while (true) { spin++; }");
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    Thread.sleep(700);
    kernel.interrupt();
    Throwable t = run.get(10, TimeUnit.SECONDS);
    assertInstanceOf(CellInterruptedException.class, t);
    CompletableFuture<Throwable> sleeping =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                kernel.evalRaw("Thread.sleep(60_000);");
                return null;
              } catch (Throwable x) {
                return x;
              }
            });
    Thread.sleep(500);
    kernel.interrupt();
    assertInstanceOf(CellInterruptedException.class, sleeping.get(5, TimeUnit.SECONDS));
    assertEquals(8, kernel.evalRaw("8"));
  }
}
