package org.locspec.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagicScannerTest {
  private static List<CellPart.Magic> magics(String cell) {
    return MagicScanner.scan(cell).stream()
        .filter(p -> p instanceof CellPart.Magic)
        .map(p -> (CellPart.Magic) p)
        .toList();
  }

  private static String joined(String cell) {
    return MagicScanner.scan(cell).stream()
        .map(p -> p instanceof CellPart.Java j ? j.code() : "<" + ((CellPart.Magic) p).call() + ">")
        .collect(Collectors.joining());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "String tb = \"\"\"\n%locspec\n\"\"\";",
        "\"\"\"\n  %s has %d items\n  \"\"\".formatted(\"bag\", 3)",
        "String s = \"%locspec\";",
        "char c = '%'; int x = c\n% 2;",
        "// %locspec\nint a = 1;",
        "/*\n%locspec\n*/ int a = 1;",
        "int q = 10\n% 3;",
        "void f() {\n%locspec\n}",
        "foo(1,\n%locspec)",
        "String t = \"\"\"\n  a \\\"\"\" still in the block\n%locspec\n\"\"\";",
      })
  void aPercentOutsideAStatementStartIsJava(String cell) {
    assertEquals(List.of(), magics(cell), cell);
    assertEquals(cell, joined(cell));
  }

  @Test
  void aLineMagicIsOneLineBetweenJavaPieces() {
    String cell = "int a = 1;\n%dataset mnist --limit 5\nint b = a;";
    List<CellPart> parts = MagicScanner.scan(cell);
    assertEquals(3, parts.size());
    assertEquals(new CellPart.Java("int a = 1;\n", 1), parts.get(0));
    CellPart.Magic m = assertInstanceOf(CellPart.Magic.class, parts.get(1));
    assertEquals(MagicCall.line("dataset", " mnist --limit 5"), m.call());
    assertEquals(List.of("mnist", "--limit", "5"), m.call().args());
    assertEquals(2, m.line());
    assertEquals(new CellPart.Java("\nint b = a;", 2), parts.get(2));
  }

  @Test
  void anAssignmentKeepsItsJavaPrefix() {
    CellPart.Magic m = magics("var d = %dataset fashion-mnist").get(0);
    assertEquals("var d = ", m.assignment());
    assertEquals("dataset", m.call().name());
    CellPart.Magic typed = magics("Map<String, List<Integer>> t =%locspec").get(0);
    assertEquals("Map<String, List<Integer>> t =", typed.assignment());
    assertEquals(List.of(), magics("boolean same = a ==%locspec"));
  }

  @Test
  void aMagicMayFollowAStatementOrABlockOnTheLineBefore() {
    assertEquals(1, magics("int a = 1; // note\n%locspec").size());
    assertEquals(1, magics("void f() {\n}\n%locspec").size());
    assertEquals(1, magics("\n\n  %locspec").size());
  }

  @Test
  void aCellMagicTakesTheRestOfTheCell() {
    List<CellPart> parts = MagicScanner.scan("\n%%time --x\nint a = 1;\n%locspec");
    assertEquals(1, parts.size());
    CellPart.Magic m = assertInstanceOf(CellPart.Magic.class, parts.get(0));
    assertTrue(m.call().isCell());
    assertEquals("time", m.call().name());
    assertEquals("--x", m.call().rawArgs());
    assertEquals("int a = 1;\n%locspec", m.call().body());
    assertEquals(2, m.line());
  }

  @Test
  void argumentsSplitLikeAShell() {
    assertEquals(List.of("a b", "c", "d'e", "f g"), MagicCall.split(" \"a b\" c d\\'e 'f g' "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MagicCall.split("\"open"));
    assertTrue(e.getMessage().contains("quote is not closed"), e.getMessage());
  }
}
