package org.locspec.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.locspec.progress.TerminalProgressBar;

class NotebookProgressTest {

  /** Records what would be sent to Jupyter. */
  private static final class Recorder extends DisplayStream {
    final List<String> kinds = new ArrayList<>();
    final List<DisplayData> data = new ArrayList<>();

    @Override
    public void display(DisplayData d) {
      kinds.add("display_data");
      data.add(d);
    }

    @Override
    public void updateDisplay(DisplayData d) {
      kinds.add("update_display_data");
      data.add(d);
    }
  }

  @Test
  void displaysOnceThenUpdatesTheSameDisplayRateLimited() {
    Recorder rec = new Recorder();
    NotebookProgress p = new NotebookProgress(rec);
    p.start("epoch 1", 1000);
    String id = p.displayId();
    for (int i = 1; i < 1000; i++) {
      p.update(i, "loss 0.5");
    }
    p.update(1000, "loss 0.4");
    p.finish("accuracy 0.9");
    assertEquals("display_data", rec.kinds.get(0));
    assertTrue(rec.kinds.size() >= 3, rec.kinds.toString());
    assertTrue(rec.kinds.size() < 50, "rate-limited, got " + rec.kinds.size() + " messages");
    for (DisplayData d : rec.data) {
      assertEquals(id, d.getDisplayId());
    }
    DisplayData last100 = rec.data.get(rec.data.size() - 2);
    assertTrue(((String) last100.getData(MIMEType.TEXT_PLAIN)).contains("1000/1000"));
    assertTrue(
        ((String) last100.getData(MIMEType.TEXT_HTML))
            .contains("<progress value=\"1000\" max=\"1000\""));
    String done = (String) rec.data.get(rec.data.size() - 1).getData(MIMEType.TEXT_PLAIN);
    assertTrue(done.startsWith("epoch 1: done in ") && done.endsWith("accuracy 0.9"), done);
    assertNull(p.displayId());
  }

  @Test
  void outsideANotebookCellProgressIsATerminalBar() {
    assertInstanceOf(TerminalProgressBar.class, Notebook.progress());
  }
}
