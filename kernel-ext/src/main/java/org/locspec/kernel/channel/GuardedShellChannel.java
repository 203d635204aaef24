package org.locspec.kernel.channel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * A shell or control channel whose thread cannot be killed by what arrives on it.
 *
 * <p>jjava-jupyter's channel thread dies on the first exception its loop does not catch: a message
 * with a wrong signature ({@code JupyterSocket.readMessage} throws {@link SecurityException}), a
 * malformed one, or an {@link Error} thrown by a handler. The heartbeat keeps beating, so Jupyter
 * never notices that the kernel has gone deaf. This channel reads and dispatches on its own thread
 * instead and:
 *
 * <ul>
 *   <li>logs and drops a message whose signature is wrong or that cannot be parsed;
 *   <li>logs and drops a replayed message (a signature seen before, see {@link ReplayGuard});
 *   <li>logs any {@link Throwable} of a handler, still sends what the handler deferred (its reply
 *       and the idle status), and goes on with the next message.
 * </ul>
 */
public final class GuardedShellChannel extends ShellChannel {
  private static final long POLL_MILLIS = 50;
  private static final AtomicInteger IDS = new AtomicInteger();

  private final boolean control;
  private final KernelConnection connection;
  private final SignatureRecorder signatures;
  private final ReplayGuard replays;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running;
  private volatile Thread thread;

  GuardedShellChannel(
      ZMQ.Context context,
      HMACGenerator signer,
      boolean control,
      KernelConnection connection,
      ReplayGuard replays) {
    super(context, signer, control, connection);
    this.control = control;
    this.connection = connection;
    this.signatures = signer instanceof SignatureRecorder r ? r : null;
    this.replays = replays;
  }

  /** "shell" or "control". */
  public String channelName() {
    return control ? "control" : "shell";
  }

  /** How many messages this channel dropped (bad signature, malformed, replayed). */
  public long droppedMessages() {
    return dropped.get();
  }

  @Override
  public void bind(KernelConnectionProperties props) {
    if (thread != null) {
      throw new IllegalStateException("the " + channelName() + " channel is already bound");
    }
    int port = control ? props.getControlPort() : props.getShellPort();
    super.bind(formatAddress(props.getTransport(), props.getIp(), port));
    ZMQ.Poller poller = ctx.poller(1);
    poller.register(this, ZMQ.Poller.POLLIN);
    running = true;
    Thread t = new Thread(() -> loop(poller), channelName() + "-" + IDS.getAndIncrement());
    thread = t;
    t.start();
  }

  private void loop(ZMQ.Poller poller) {
    while (running) {
      try {
        if (poller.poll(POLL_MILLIS) > 0 && running) {
          Message<?> message = receive();
          if (message != null) {
            dispatch(message);
          }
        }
      } catch (Throwable t) { // the loop must outlive anything; only close() ends it
        if (!running) {
          break;
        }
        logger.error(
            "{} channel: {} while reading or handling a message; the channel goes on",
            channelName(),
            t.toString(),
            t);
      }
    }
    logger.debug("{} channel stopped", channelName());
  }

  /** Reads one message; null if it was dropped (bad signature, malformed, replayed). */
  private Message<?> receive() {
    Message<?> message;
    try {
      message = readMessage();
    } catch (SecurityException e) {
      drop("a message with an invalid signature (" + e.getMessage() + ")");
      return null;
    } catch (RuntimeException e) {
      drop("a malformed message (" + e + ")");
      return null;
    }
    if (message == null) {
      return null; // the socket is closed
    }
    String signature = signatures == null ? null : signatures.lastSignature();
    String key = signature == null || signature.isEmpty() ? message.getHeader().getId() : signature;
    if (!replays.firstTime(key)) {
      drop(
          "a replayed "
              + message.getHeader().getType().getName()
              + " (id "
              + message.getHeader().getId()
              + ", a signature already seen)");
      return null;
    }
    return message;
  }

  private void drop(String what) {
    dropped.incrementAndGet();
    logger.warn("{} channel: dropped {}", channelName(), what);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void dispatch(Message<?> message) {
    ShellHandler handler = connection.getHandler(message.getHeader().getType());
    if (handler == null) {
      logger.warn(
          "{} channel: no handler for {}", channelName(), message.getHeader().getType().getName());
      return;
    }
    ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
    try {
      handler.handle(env, message);
    } catch (Throwable t) {
      logger.error(
          "{} channel: the {} handler failed: {}",
          channelName(),
          message.getHeader().getType().getName(),
          t.toString(),
          t);
    } finally {
      try {
        env.resolveDeferrals();
      } catch (Throwable t) {
        logger.error("{} channel: could not send the deferred replies: {}", channelName(), t, t);
      }
    }
    if (env.isMarkedForShutdown()) {
      logger.debug("{} channel: shutting down the connection as requested", channelName());
      connection.close();
    }
  }

  /** Stops the channel's thread (waiting up to a second unless called from it) and closes it. */
  @Override
  public void close() {
    running = false;
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    super.close();
  }

  @Override
  public void waitUntilClose() {
    Thread t = thread;
    if (t != null) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return channelName()
        + " channel"
        + (thread == null ? "" : " " + thread.getName())
        + ", dropped "
        + dropped.get();
  }
}
