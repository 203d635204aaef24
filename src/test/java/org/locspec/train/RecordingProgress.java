package org.locspec.train;

import java.util.ArrayList;
import java.util.List;
import org.locspec.progress.ProgressListener;

/**
 * A progress listener that records every call as "start TASK TOTAL", "update DONE MSG", "finish
 * MSG".
 */
public final class RecordingProgress implements ProgressListener {
  /** The calls, in order. */
  public final List<String> events = new ArrayList<>();

  @Override
  public void start(String task, long total) {
    events.add("start " + task + " " + total);
  }

  @Override
  public void update(long done, String message) {
    events.add("update " + done + " " + message);
  }

  @Override
  public void finish(String message) {
    events.add("finish " + message);
  }
}
