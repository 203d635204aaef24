package org.locspec.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The extension in a kernel that is not LocSpec's: only the BaseKernel API is used. */
class LocSpecExtensionTest {

  /** A minimal JJava kernel, like a stock one, that cannot evaluate anything. */
  private static class OtherKernel extends BaseKernel {
    OtherKernel(Renderer renderer) {
      super(
          "other",
          "1",
          null,
          List.of(),
          null,
          new JupyterIO(StandardCharsets.UTF_8),
          new CommManager(),
          renderer,
          null,
          new MagicsRegistry(),
          true,
          new StringStyler.Builder().build());
    }

    @Override
    public Object evalRaw(String source) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
      return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
      return null;
    }

    @Override
    public String isComplete(String code) {
      return IS_COMPLETE_MAYBE;
    }
  }

  @Test
  void installsIntoAnyBaseKernelThroughServiceLoader() {
    OtherKernel kernel = new OtherKernel(new Renderer());
    kernel.onStartup();
    try {
      assertTrue(kernel.getMagicsRegistry().getLineMagicNames().contains("locspec"));
      assertTrue(kernel.getMagicsRegistry().getLineMagicNames().contains("dataset"));
      DisplayData d =
          kernel.getRenderer().render(Table.create("t", IntColumn.create("x", new int[] {4})));
      assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("<td>4</td>"));
    } finally {
      kernel.onShutdown(false);
    }
  }

  @Test
  void aFailingInstallIsReportedNotThrown() {
    OtherKernel broken =
        new OtherKernel(new Renderer()) {
          @Override
          public Renderer getRenderer() {
            throw new IllegalStateException("renderer unavailable");
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertDoesNotThrow(() -> new LocSpecExtension().install(broken));
    } finally {
      System.setErr(old);
    }
    String msg = err.toString(StandardCharsets.UTF_8);
    assertTrue(msg.contains("LocSpec extension could not be installed in kernel other"), msg);
    assertTrue(msg.contains("renderer unavailable"), msg);
  }
}
