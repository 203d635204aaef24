package org.locspec.kernel.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The kernel's {@code System.out} and {@code System.err}: what cells print is buffered and sent in
 * batches, at most every {@value #FLUSH_MILLIS} ms, to the cell it belongs to.
 *
 * <p>Printing a line per message floods IOPub: ZeroMQ drops what a slow client cannot take (lines
 * and even the final idle status get lost) and the Jupyter server stops forwarding above 1000
 * messages a second. Batching, as ipykernel does, keeps a 200,000-line loop to a few dozen
 * messages. Writers wait (back-pressure) when more than {@value #MAX_PENDING_BYTES} bytes are
 * pending, so a runaway loop cannot exhaust memory. Output keeps its order across both streams.
 *
 * <p>Where text goes: while a cell runs ({@link #begin} .. {@link #end}), to that cell; otherwise
 * to the cell that started the printing thread (see {@link #bindToCurrentCell}), so that a
 * background thread's output reaches the cell it belongs to; otherwise (the kernel's own threads)
 * to the kernel's log. {@link #flush()} sends everything pending now; the kernel calls it before it
 * publishes a result, a display or a status, so that output stays ahead of them.
 */
public final class CellOutput implements AutoCloseable {
  /** The longest time printed text waits before it is sent, in milliseconds. */
  public static final long FLUSH_MILLIS = 100;

  /** Pending bytes above which writers wait for the flusher. */
  public static final int MAX_PENDING_BYTES = 32 << 20;

  /** The most characters in one stream message; longer output is split at line ends. */
  public static final int MAX_MESSAGE_CHARS = 1 << 20;

  private static final int EARLY_FLUSH_BYTES = 4 << 20;

  private final PrintStream logOut;
  private final PrintStream logErr;
  private final PrintStream out;
  private final PrintStream err;
  private final InheritableThreadLocal<OutputSink> origin = new InheritableThreadLocal<>();
  private final Object lock = new Object();
  private final Object flushLock = new Object();
  private final Map<OutputSink, Deque<Segment>> pending = new LinkedHashMap<>();
  private long pendingBytes;
  private volatile OutputSink current;
  private volatile boolean closed;
  private final Thread flusher;

  /** Printed bytes of one stream that are not sent yet. */
  private static final class Segment {
    final StreamName stream;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Segment(StreamName stream) {
      this.stream = stream;
    }
  }

  /** Text ready to be sent to a sink. */
  private record Chunk(OutputSink sink, StreamName stream, String text) {}

  /**
   * Creates the streams and starts the flusher thread; {@link #install()} makes them {@code
   * System.out} and {@code System.err}.
   *
   * @param logOut where standard output that belongs to no cell goes (the kernel's log)
   * @param logErr where standard error that belongs to no cell goes (the kernel's log)
   */
  public CellOutput(PrintStream logOut, PrintStream logErr) {
    this.logOut = Objects.requireNonNull(logOut, "logOut");
    this.logErr = Objects.requireNonNull(logErr, "logErr");
    this.out = new PrintStream(new Routed(StreamName.STDOUT), true, StandardCharsets.UTF_8);
    this.err = new PrintStream(new Routed(StreamName.STDERR), true, StandardCharsets.UTF_8);
    this.flusher = new Thread(this::flushLoop, "locspec-output");
    flusher.setDaemon(true);
    flusher.start();
  }

  /** Makes this output {@code System.out} and {@code System.err}. */
  public void install() {
    System.setOut(out);
    System.setErr(err);
  }

  /** The routed standard output stream. */
  public PrintStream out() {
    return out;
  }

  /** The routed standard error stream. */
  public PrintStream err() {
    return err;
  }

  /**
   * Starts a cell: from now on all output goes to its sink.
   *
   * @param sink the running cell's sink
   */
  public void begin(OutputSink sink) {
    flush();
    current = Objects.requireNonNull(sink, "sink");
  }

  /**
   * Ends a cell: sends what it printed. Later output of its threads still reaches it.
   *
   * @param sink the sink given to {@link #begin}
   */
  public void end(OutputSink sink) {
    flush();
    if (current == sink) {
      current = null;
    }
  }

  /** The running cell's sink, or null between cells. */
  public OutputSink current() {
    return current;
  }

  /** The sink of the cell that started the calling thread, or null. */
  public OutputSink origin() {
    return origin.get();
  }

  /**
   * Ties code that is about to run on a new thread to the running cell: the thread and the threads
   * it starts print to that cell even after it ended.
   *
   * @param code the code the thread will run
   * @return the code, recording the cell first
   */
  public Runnable bindToCurrentCell(Runnable code) {
    OutputSink sink = current;
    return () -> {
      origin.set(sink);
      code.run();
    };
  }

  private OutputSink target() {
    OutputSink sink = current;
    return sink != null ? sink : origin.get();
  }

  private void write(StreamName stream, byte[] b, int off, int len) {
    if (len <= 0) {
      return;
    }
    OutputSink sink = Thread.currentThread() == flusher ? null : target();
    if (sink == null || closed) {
      PrintStream log = stream == StreamName.STDOUT ? logOut : logErr;
      log.write(b, off, len);
      log.flush();
      return;
    }
    synchronized (lock) {
      waitForRoom();
      Deque<Segment> queue = pending.computeIfAbsent(sink, k -> new ArrayDeque<>());
      Segment last = queue.peekLast();
      if (last == null || last.stream != stream) {
        last = new Segment(stream);
        queue.addLast(last);
      }
      last.bytes.write(b, off, len);
      pendingBytes += len;
      if (pendingBytes >= EARLY_FLUSH_BYTES) {
        lock.notifyAll();
      }
    }
  }

  private void waitForRoom() {
    while (pendingBytes >= MAX_PENDING_BYTES && !closed) {
      lock.notifyAll();
      try {
        lock.wait(FLUSH_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // an interrupted cell may print beyond the limit
        return;
      }
    }
  }

  /** Sends everything printed so far to its sinks, in order. */
  public void flush() {
    synchronized (flushLock) {
      List<Chunk> chunks;
      synchronized (lock) {
        chunks = takePending();
        lock.notifyAll();
      }
      for (Chunk c : chunks) {
        try {
          c.sink().write(c.stream(), c.text());
        } catch (RuntimeException e) {
          logErr.println("locspec: could not send cell output (" + e + "): " + c.text());
        }
      }
    }
  }

  private List<Chunk> takePending() {
    List<Chunk> chunks = new ArrayList<>();
    for (Map.Entry<OutputSink, Deque<Segment>> e : pending.entrySet()) {
      Deque<Segment> queue = e.getValue();
      while (!queue.isEmpty()) {
        Segment s = queue.peekFirst();
        byte[] bytes = s.bytes.toByteArray();
        int complete = queue.size() == 1 ? Utf8.completeLength(bytes) : bytes.length;
        if (complete > 0) {
          String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
          for (String part : split(text)) {
            chunks.add(new Chunk(e.getKey(), s.stream, part));
          }
        }
        pendingBytes -= complete;
        if (complete < bytes.length) { // keep the start of a character split across writes
          s.bytes.reset();
          s.bytes.write(bytes, complete, bytes.length - complete);
          break;
        }
        queue.removeFirst();
      }
    }
    pending.values().removeIf(Deque::isEmpty);
    return chunks;
  }

  /** Splits text into messages of at most {@link #MAX_MESSAGE_CHARS}, at line ends if possible. */
  static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (text.length() - start > MAX_MESSAGE_CHARS) {
      int end = text.lastIndexOf('\n', start + MAX_MESSAGE_CHARS - 1) + 1;
      if (end <= start) {
        end = start + MAX_MESSAGE_CHARS;
      }
      parts.add(text.substring(start, end));
      start = end;
    }
    if (start < text.length()) {
      parts.add(text.substring(start));
    }
    return parts;
  }

  private void flushLoop() {
    while (!closed) {
      synchronized (lock) {
        if (pendingBytes < EARLY_FLUSH_BYTES) {
          try {
            lock.wait(FLUSH_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      flush();
    }
  }

  /** Sends what is pending, stops the flusher and gives back the kernel's log streams. */
  @Override
  public void close() {
    flush();
    closed = true;
    flusher.interrupt();
    if (System.out == out) {
      System.setOut(logOut);
    }
    if (System.err == err) {
      System.setErr(logErr);
    }
  }

  /** One of the two streams, routed by {@link CellOutput#write}. */
  private final class Routed extends OutputStream {
    private final StreamName stream;

    Routed(StreamName stream) {
      this.stream = stream;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      CellOutput.this.write(stream, b, off, len);
    }
  }
}
