package org.locspec.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CellOutputTest {
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
  private final CellOutput output = new CellOutput(log, log);

  @AfterEach
  void close() {
    output.close();
  }

  /** A sink that records what it receives. */
  private static final class Recorder implements OutputSink {
    final List<String> messages = new ArrayList<>();

    @Override
    public synchronized void write(StreamName stream, String text) {
      messages.add(stream + ":" + text);
    }

    synchronized String all(StreamName stream) {
      StringBuilder sb = new StringBuilder();
      for (String m : messages) {
        if (m.startsWith(stream + ":")) {
          sb.append(m.substring(stream.name().length() + 1));
        }
      }
      return sb.toString();
    }
  }

  @Test
  void aFloodArrivesWholeInFewMessages() {
    Recorder cell = new Recorder();
    output.begin(cell);
    for (int i = 0; i < 100_000; i++) {
      output.out().println("line " + i);
    }
    output.end(cell);
    String[] lines = cell.all(StreamName.STDOUT).split("\n");
    assertEquals(100_000, lines.length);
    assertEquals("line 99999", lines[99_999]);
    assertTrue(cell.messages.size() < 100, cell.messages.size() + " messages");
  }

  @Test
  void orderIsKeptAcrossStreams() {
    Recorder cell = new Recorder();
    output.begin(cell);
    output.out().print("a");
    output.err().print("b");
    output.out().print("c");
    output.end(cell);
    assertEquals(List.of("STDOUT:a", "STDERR:b", "STDOUT:c"), cell.messages);
  }

  @Test
  void aCharacterSplitAcrossWritesIsNotBroken() {
    Recorder cell = new Recorder();
    output.begin(cell);
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // three bytes
    output.out().write(euro, 0, 1);
    output.flush(); // the incomplete character waits
    output.out().write(euro, 1, 2);
    output.end(cell);
    assertEquals("€", cell.all(StreamName.STDOUT));
  }

  @Test
  void aBackgroundThreadPrintsToTheCellThatStartedIt() throws Exception {
    Recorder first = new Recorder();
    output.begin(first);
    Thread worker =
        new Thread(
            output.bindToCurrentCell(
                () -> {
                  try {
                    Thread.sleep(300);
                  } catch (InterruptedException e) {
                    return;
                  }
                  output.out().println("late line");
                }));
    worker.start();
    output.end(first);
    Recorder second = new Recorder();
    output.begin(second);
    Thread.sleep(50); // the second cell ends before the first one's thread prints
    output.end(second);
    worker.join();
    output.flush();
    assertEquals("late line\n", first.all(StreamName.STDOUT));
    assertEquals("", second.all(StreamName.STDOUT));
  }

  @Test
  void whileACellRunsEveryThreadPrintsToIt() throws Exception {
    Recorder first = new Recorder();
    output.begin(first);
    Thread pooled = new Thread(output.bindToCurrentCell(() -> {})); // e.g. a pool thread
    output.end(first);
    Recorder second = new Recorder();
    output.begin(second);
    Thread worker = new Thread(() -> output.out().println("from a pool thread"));
    worker.start();
    worker.join();
    output.end(second);
    pooled.join(1);
    assertEquals("from a pool thread\n", second.all(StreamName.STDOUT));
    assertEquals("", first.all(StreamName.STDOUT));
  }

  @Test
  void outputOfNoCellGoesToTheKernelLog() {
    output.out().println("between cells");
    assertEquals("between cells\n", logBytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void longTextIsSplitAtLineEnds() {
    String line = "x".repeat(999) + "\n";
    String text = line.repeat(2 * CellOutput.MAX_MESSAGE_CHARS / 1000 + 5);
    List<String> parts = CellOutput.split(text);
    assertTrue(parts.size() >= 3, parts.size() + " parts");
    for (String p : parts) {
      assertTrue(p.length() <= CellOutput.MAX_MESSAGE_CHARS);
      assertTrue(p.endsWith("\n"));
    }
    assertEquals(text, String.join("", parts));
  }
}
