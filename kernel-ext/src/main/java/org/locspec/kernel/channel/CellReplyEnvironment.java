package org.locspec.kernel.channel;

import java.util.function.Consumer;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;

/**
 * The reply environment of one request, safe to publish on from any thread.
 *
 * <p>jjava-jupyter's environment keeps one "defer the next message" flag that any thread's next
 * {@code publish} consumes, so a cell's background thread printing while the kernel writes its
 * reply could swap the two. Here only the thread that handles the request (the channel's thread)
 * defers; other threads always publish at once. Every message first goes through a hook (the kernel
 * flushes its buffered cell output there, so that output stays ahead of results, displays and the
 * idle status). A handler that failed halfway cannot leave the environment stuck in deferring mode:
 * {@link #resolveDeferrals()} always sends what was deferred.
 */
public final class CellReplyEnvironment extends ShellReplyEnvironment {
  private final Thread owner;
  private final Consumer<Message<?>> beforePublish;
  private boolean deferNext;

  CellReplyEnvironment(
      ShellChannel shell,
      StdinChannel stdin,
      JupyterSocket iopub,
      MessageContext context,
      Consumer<Message<?>> beforePublish) {
    super(shell, stdin, iopub, context);
    this.owner = Thread.currentThread();
    this.beforePublish = beforePublish;
  }

  @Override
  public CellReplyEnvironment defer() {
    synchronized (this) {
      if (Thread.currentThread() == owner) {
        deferNext = true;
      }
    }
    return this;
  }

  @Override
  public void publish(Message<?> msg) {
    beforePublish.accept(msg);
    if (!takeDeferral(() -> getIopub().sendMessage(msg))) {
      getIopub().sendMessage(msg);
    }
  }

  @Override
  public void reply(Message<?> msg) {
    if (!takeDeferral(() -> getShell().sendMessage(msg))) {
      getShell().sendMessage(msg);
    }
  }

  /** Defers the action if the owner asked to defer the next message; true if it did. */
  private synchronized boolean takeDeferral(Runnable action) {
    if (!deferNext || Thread.currentThread() != owner) {
      return false;
    }
    deferNext = false;
    super.defer(action);
    return true;
  }

  @Override
  public void resolveDeferrals() {
    synchronized (this) {
      deferNext = false;
    }
    super.resolveDeferrals();
  }
}
