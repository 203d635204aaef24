package org.locspec.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for terminals: one line, redrawn in place with a carriage return, at most ten
 * times a second. Written to standard error by default so that it does not mix with results.
 */
public final class TerminalProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private static final long MIN_REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private String task = "";
  private long total = -1;
  private long startNanos;
  private long lastDraw;

  /** A bar on standard error. */
  public TerminalProgressBar() {
    this(System.err);
  }

  /** A bar on the given stream. */
  public TerminalProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void start(String task, long total) {
    this.task = task;
    this.total = total;
    this.startNanos = System.nanoTime();
    this.lastDraw = 0;
    draw(0, "");
  }

  @Override
  public synchronized void update(long done, String message) {
    long now = System.nanoTime();
    if (now - lastDraw < MIN_REDRAW_NANOS && done != total) {
      return;
    }
    lastDraw = now;
    draw(done, message);
  }

  @Override
  public synchronized void finish(String message) {
    double secs = (System.nanoTime() - startNanos) / 1e9;
    out.printf(Locale.ROOT, "\r%s: done in %.1f s %s%n", task, secs, message);
    out.flush();
  }

  private void draw(long done, String message) {
    out.print('\r');
    out.print(render(task, done, total, message));
    out.flush();
  }

  /**
   * Renders one line of a bar, e.g. {@code "epoch 1 [#######.......] 45% 270/600 loss 0.41"}.
   *
   * @param task the task name
   * @param done steps done
   * @param total total steps, or -1 if unknown
   * @param message a status message, may be empty
   * @return the line, without a line break
   */
  public static String render(String task, long done, long total, String message) {
    StringBuilder sb = new StringBuilder(task).append(' ');
    if (total > 0) {
      double f = Math.min(1.0, Math.max(0.0, (double) done / total));
      int filled = (int) Math.round(f * WIDTH);
      sb.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(WIDTH - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%3d%% %d/%d", Math.round(f * 100), done, total));
    } else {
      sb.append(done);
    }
    if (message != null && !message.isEmpty()) {
      sb.append(' ').append(message);
    }
    return sb.toString();
  }
}
