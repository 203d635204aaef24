package org.locspec.kernel.magic.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locspec.kernel.WithKernel;
import org.locspec.kernel.log.KernelLogging;
import org.locspec.kernel.log.LogLevel;
import org.locspec.kernel.magic.MagicUsageException;
import tech.tablesaw.api.Table;

/** The kernel's general magics, run through a kernel as cells run them. */
class BuiltinMagicsTest extends WithKernel {
  @Test
  void lsmagicListsLineAndCellMagics() {
    Table t = assertInstanceOf(Table.class, kernel.evalRaw("%lsmagic"));
    List<String> names = t.stringColumn("magic").asList();
    for (String m :
        List.of(
            "%lsmagic",
            "%time", "%%time", "%whos", "%jars", "%classpath", "%log", "%locspec", "%dataset")) {
      assertTrue(names.contains(m), m + " in " + names);
    }
  }

  @Test
  void aMagicResultKeepsItsTypeWhenAssigned() {
    assertEquals(true, kernel.evalRaw("var magics = %lsmagic\nmagics.rowCount() > 5"));
    assertEquals("Table", kernel.evalRaw("var env = %locspec\nenv.getClass().getSimpleName()"));
  }

  @Test
  void timePrintsTheTimesAndGivesTheValue() {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(
          45,
          kernel.evalRaw("%%time\nint tsum = 0;\nfor (int i = 0; i < 10; i++) tsum += i;\ntsum"));
      assertEquals(7, kernel.evalRaw("var seven = %time 3 + 4\nseven"));
    } finally {
      System.setOut(saved);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(2, printed.split("Wall time: ", -1).length - 1, printed);
    assertEquals(45, kernel.evalRaw("tsum"), "the timed code ran in the session");
    MagicUsageException e = assertThrows(MagicUsageException.class, () -> kernel.evalRaw("%time"));
    assertTrue(e.getMessage().contains("no code to time"), e.getMessage());
  }

  @Test
  void whosListsTheSessionsVariables() {
    kernel.evalRaw("int[] wInts = {4, 5};\nString wName = \"x\";\nwName.length()");
    Table t = assertInstanceOf(Table.class, kernel.evalRaw("%whos"));
    List<String> names = t.stringColumn("variable").asList();
    int i = names.indexOf("wInts");
    assertTrue(i >= 0, names.toString());
    assertEquals("int[]", t.stringColumn("type").get(i));
    assertEquals("int[2] {4, 5}", t.stringColumn("value").get(i));
    assertTrue(names.stream().noneMatch(n -> n.startsWith("$")), "no temporary variables");
  }

  @Test
  void aKernelMagicCalledFromCodeSaysWhereItMustStand() {
    MagicUsageException e =
        assertThrows(
            MagicUsageException.class,
            () ->
                kernel.evalRaw(
                    "org.locspec.kernel.magic.MagicDispatch.line(\"whos\", java.util.List.of())"));
    assertTrue(e.getMessage().contains("must start a line of the cell"), e.getMessage());
  }

  @Test
  void jarsAndClasspathAddToTheRunningKernel(@TempDir Path dir) throws IOException {
    Path src = dir.resolve("tiny/Tiny.java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src, "package tiny; public class Tiny { public static int six() { return 6; } }");
    Path classes = dir.resolve("classes");
    assertEquals(
        0,
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), src.toString()));
    Path jar = dir.resolve("lib/tiny.jar");
    Files.createDirectories(jar.getParent());
    try (OutputStream o = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(o)) {
      j.putNextEntry(new JarEntry("tiny/Tiny.class"));
      j.write(Files.readAllBytes(classes.resolve("tiny/Tiny.class")));
    }
    ClassPathChange change =
        assertInstanceOf(
            ClassPathChange.class, kernel.evalRaw("%jars " + jar.getParent() + "/*.jar"));
    assertEquals(List.of(jar), change.added());
    assertEquals(6, kernel.evalRaw("tiny.Tiny.six()"));
    MagicUsageException missing =
        assertThrows(
            MagicUsageException.class, () -> kernel.evalRaw("%classpath " + dir.resolve("nope")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    MagicUsageException noJars =
        assertThrows(MagicUsageException.class, () -> kernel.evalRaw("%jars " + classes));
    assertTrue(noJars.getMessage().contains("holds no .jar files"), noJars.getMessage());
  }

  @Test
  void logSetsTheCellLevel() {
    try {
      LogSettings s = assertInstanceOf(LogSettings.class, kernel.evalRaw("%log debug"));
      assertEquals(LogLevel.DEBUG, s.cell());
      assertEquals(LogLevel.DEBUG, KernelLogging.cellLevel());
      assertTrue(s.toString().contains("debug and above"), s.toString());
    } finally {
      kernel.evalRaw("%log off");
    }
    assertEquals(LogLevel.OFF, KernelLogging.cellLevel());
  }
}
