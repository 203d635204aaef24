package org.locspec.kernel;

import java.util.Locale;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.locspec.kernel.render.Html;
import org.locspec.progress.ProgressListener;
import org.locspec.progress.TerminalProgressBar;

/**
 * Shows progress in a notebook cell as one display that is updated in place: {@code start} sends a
 * {@code display_data} message with a display id, {@code update} sends {@code update_display_data}
 * for that id (at most every {@value #MIN_UPDATE_MILLIS} ms), {@code finish} replaces it with a
 * summary. The display has an HTML progress bar and a text line.
 */
public final class NotebookProgress implements ProgressListener {
  /** Minimum time between two updates of the display, in milliseconds. */
  public static final long MIN_UPDATE_MILLIS = 200;

  private final DisplayStream display;
  private String displayId;
  private String task = "";
  private long total = -1;
  private long startNanos;
  private long lastUpdateNanos;

  /**
   * Creates a listener that draws on a display stream.
   *
   * @param display the kernel's display stream ({@code kernel.getIO().display})
   */
  public NotebookProgress(DisplayStream display) {
    this.display = display;
  }

  @Override
  public synchronized void start(String task, long total) {
    this.task = task;
    this.total = total;
    this.startNanos = System.nanoTime();
    this.lastUpdateNanos = startNanos;
    this.displayId = "locspec-progress-" + UUID.randomUUID();
    DisplayData data = render(0, "");
    data.setDisplayId(displayId);
    display.display(data);
  }

  @Override
  public synchronized void update(long done, String message) {
    if (displayId == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastUpdateNanos < MIN_UPDATE_MILLIS * 1_000_000L && done != total) {
      return;
    }
    lastUpdateNanos = now;
    display.updateDisplay(displayId, render(done, message));
  }

  @Override
  public synchronized void finish(String message) {
    if (displayId == null) {
      return;
    }
    double secs = (System.nanoTime() - startNanos) / 1e9;
    String line =
        String.format(
                Locale.ROOT, "%s: done in %.1f s %s", task, secs, message == null ? "" : message)
            .strip();
    DisplayData data = new DisplayData(line);
    data.putHTML(
        "<div><b>"
            + Html.escape(task)
            + "</b>: "
            + Html.escape(line.substring(Math.min(line.length(), task.length() + 2)))
            + "</div>");
    display.updateDisplay(displayId, data);
    displayId = null;
  }

  /** The display id of the current task, or null between tasks. */
  public synchronized String displayId() {
    return displayId;
  }

  private DisplayData render(long done, String message) {
    DisplayData data = new DisplayData(TerminalProgressBar.render(task, done, total, message));
    StringBuilder html = new StringBuilder("<div><b>").append(Html.escape(task)).append("</b> ");
    if (total > 0) {
      html.append("<progress value=\"")
          .append(Math.min(done, total))
          .append("\" max=\"")
          .append(total)
          .append("\" style=\"width:20em\"></progress> ")
          .append(done)
          .append('/')
          .append(total);
    } else {
      html.append(done);
    }
    if (message != null && !message.isEmpty()) {
      html.append(" <span>").append(Html.escape(message)).append("</span>");
    }
    data.putHTML(html.append("</div>").toString());
    return data;
  }
}
