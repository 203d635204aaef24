package org.locspec.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressBarTest {
  @Test
  void rendersFractionCountsAndMessage() {
    String line = TerminalProgressBar.render("epoch 1/2", 150, 600, "loss 0.5");
    assertEquals("epoch 1/2 [########......................]  25% 150/600 loss 0.5", line);
    assertTrue(TerminalProgressBar.render("x", 10, -1, "").endsWith("x 10"));
  }

  @Test
  void finishPrintsSummaryLine() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TerminalProgressBar bar =
        new TerminalProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8));
    bar.start("shuffles", 4);
    bar.update(4, "");
    bar.finish("ok");
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("100% 4/4"), out);
    assertTrue(out.contains("shuffles: done in"), out);
  }
}
