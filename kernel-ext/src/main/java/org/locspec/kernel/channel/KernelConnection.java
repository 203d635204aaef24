package org.locspec.kernel.channel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The kernel's connection to Jupyter: jjava-jupyter's {@link JupyterConnection} with {@link
 * GuardedShellChannel}s for shell and control (they survive bad, replayed and failing messages),
 * {@link CellReplyEnvironment}s for replies, and an IOPub socket with room for bursts of output.
 *
 * <p>Use it like the base class: {@code kernel.becomeHandlerForConnection(c); c.connect();
 * c.waitUntilClose();}.
 */
public final class KernelConnection extends JupyterConnection {
  /** Messages IOPub queues for a slow subscriber before it drops (ZeroMQ's default is 1000). */
  public static final int IOPUB_HIGH_WATER_MARK = 10_000;

  private final KernelConnectionProperties connectionProps;
  private final ZMQ.Context guardedContext;
  private final GuardedShellChannel guardedShell;
  private final GuardedShellChannel guardedControl;
  private volatile Consumer<Message<?>> beforePublish = m -> {};
  private boolean connected;
  private boolean closed;

  /**
   * Creates the connection; nothing is bound until {@link #connect()}.
   *
   * @param props the connection file's content
   * @throws NoSuchAlgorithmException if the signature scheme is unknown
   * @throws InvalidKeyException if the key cannot be used
   */
  public KernelConnection(KernelConnectionProperties props)
      throws NoSuchAlgorithmException, InvalidKeyException {
    super(props);
    this.connectionProps = props;
    HMACGenerator signer =
        props.getKey() == null || props.getKey().isEmpty()
            ? HMACGenerator.NO_AUTH_INSTANCE
            : new SignatureRecorder(props.getSignatureScheme(), props.getKey());
    ReplayGuard replays = new ReplayGuard(ReplayGuard.DEFAULT_CAPACITY);
    this.guardedContext = ZMQ.context(1);
    this.guardedShell = new GuardedShellChannel(guardedContext, signer, false, this, replays);
    this.guardedControl = new GuardedShellChannel(guardedContext, signer, true, this, replays);
  }

  /**
   * Sets what runs before any message of a request is published on IOPub (e.g. flushing buffered
   * output, so that it stays ahead of the results).
   *
   * @param hook called with each message about to be published; must not publish itself
   */
  public void beforePublish(Consumer<Message<?>> hook) {
    this.beforePublish = Objects.requireNonNull(hook, "hook");
  }

  /** The shell channel (for its {@link GuardedShellChannel#droppedMessages()} count). */
  public GuardedShellChannel shellChannel() {
    return guardedShell;
  }

  /** The control channel. */
  public GuardedShellChannel controlChannel() {
    return guardedControl;
  }

  /** Binds every socket and publishes the {@code starting} status. */
  @Override
  public synchronized void connect() {
    if (connected) {
      return;
    }
    iopub.setSndHWM(IOPUB_HIGH_WATER_MARK);
    heartbeat.bind(connectionProps);
    guardedShell.bind(connectionProps);
    guardedControl.bind(connectionProps);
    stdin.bind(connectionProps);
    iopub.bind(connectionProps);
    publishStatus(PublishStatus.STARTING);
    connected = true;
  }

  /**
   * Publishes a kernel status that belongs to no request (e.g. {@code idle} once the kernel is
   * ready after {@code starting}: the Jupyter server's REST state follows these messages).
   *
   * @param status the status
   */
  public void publishStatus(PublishStatus status) {
    getIOPub().sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, status));
  }

  @Override
  public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
    return new CellReplyEnvironment(shell, stdin, iopub, context, m -> beforePublish.accept(m));
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    guardedShell.close();
    guardedControl.close();
    guardedContext.close();
    super.close();
  }

  @Override
  public void waitUntilClose() {
    guardedShell.waitUntilClose();
    guardedControl.waitUntilClose();
    super.waitUntilClose();
  }
}
