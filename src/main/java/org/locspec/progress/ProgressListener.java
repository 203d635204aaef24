package org.locspec.progress;

/**
 * Receives progress reports from long-running work (training, shuffled baselines, lesion sweeps).
 *
 * <p>The library reports through this interface only; where the report goes is up to the caller:
 * {@link TerminalProgressBar} draws a bar on a terminal, the notebook kernel updates a display in
 * place. Calls come from the thread doing the work; implementations must be cheap.
 */
public interface ProgressListener {

  /**
   * A task begins.
   *
   * @param task what is being done, e.g. "training epoch 3/20"
   * @param total the number of steps it will take, or -1 if unknown
   */
  void start(String task, long total);

  /**
   * The task has made progress.
   *
   * @param done steps completed so far (cumulative, not a delta)
   * @param message a short status, e.g. "loss 0.312", or empty
   */
  void update(long done, String message);

  /**
   * The task is over.
   *
   * @param message a one-line summary, e.g. "test accuracy 0.884"
   */
  void finish(String message);

  /** A listener that ignores every report. */
  static ProgressListener none() {
    return Silent.INSTANCE;
  }

  /** The listener behind {@link #none()}. */
  enum Silent implements ProgressListener {
    /** The only instance. */
    INSTANCE;

    @Override
    public void start(String task, long total) {}

    @Override
    public void update(long done, String message) {}

    @Override
    public void finish(String message) {}
  }
}
