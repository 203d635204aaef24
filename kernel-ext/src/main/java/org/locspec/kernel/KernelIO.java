package org.locspec.kernel;

import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/**
 * The kernel's display stream and standard input, attached to the request of the running cell.
 * (Standard output and error are {@link org.locspec.kernel.output.CellOutput}'s; the print streams
 * of the base class are not used.)
 */
final class KernelIO extends JupyterIO {
  KernelIO() {
    super(StandardCharsets.UTF_8);
  }

  /** Attaches the display stream and standard input to a request. */
  void attach(ShellReplyEnvironment env, boolean stdinAllowed) {
    setEnv(env);
    setJupyterInEnabled(stdinAllowed);
  }

  /** Detaches them from the request (later displays of its threads are dropped). */
  void detach(ShellReplyEnvironment env) {
    retractEnv(env);
  }
}
