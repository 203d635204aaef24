package org.locspec.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFileLinesTest {
  @TempDir Path dir;

  private byte[] compile(String source) throws IOException {
    Path src = Files.createDirectories(dir.resolve("v" + System.nanoTime())).resolve("A.java");
    Files.writeString(src, source);
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, src.toString());
    assertEquals(0, rc, "javac failed");
    return Files.readAllBytes(src.resolveSibling("A.class"));
  }

  private static final String CLASS =
      "class A {\n  static long total;\n  static int f(int a) {\n    total += a;\n    return 10 / a;\n  }\n}\n";

  @Test
  void movedLinesGiveTheirShift() throws IOException {
    byte[] a = compile(CLASS);
    assertEquals(OptionalInt.of(0), ClassFileLines.lineShift(a, compile(CLASS)));
    assertEquals(OptionalInt.of(2), ClassFileLines.lineShift(a, compile("\n\n" + CLASS)));
    assertEquals(OptionalInt.of(-2), ClassFileLines.lineShift(compile("\n\n" + CLASS), a));
  }

  @Test
  void anyOtherChangeIsNotALineShift() throws IOException {
    byte[] a = compile(CLASS);
    assertTrue(ClassFileLines.lineShift(a, compile(CLASS.replace("10 /", "11 /"))).isEmpty());
    assertTrue(
        ClassFileLines.lineShift(a, compile(CLASS.replace("long total", "int total"))).isEmpty());
    // same code, but one statement moved a line down relative to the others
    assertTrue(
        ClassFileLines.lineShift(a, compile(CLASS.replace("total += a;\n", "total += a;\n\n")))
            .isEmpty());
    assertTrue(ClassFileLines.lineShift(a, new byte[] {1, 2, 3}).isEmpty());
  }
}
