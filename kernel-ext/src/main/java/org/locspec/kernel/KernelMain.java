package org.locspec.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts a {@link LocSpecKernel} for Jupyter: {@code java -cp ... org.locspec.kernel.KernelMain
 * CONNECTION_FILE}. The connection file is the one Jupyter writes for {@code {connection_file}} in
 * the kernelspec's {@code argv}.
 */
public final class KernelMain {
  private KernelMain() {}

  /**
   * Runs the kernel until Jupyter shuts it down.
   *
   * @param args {@code args[0]}: the Jupyter connection file (JSON)
   * @throws Exception if the connection file cannot be read or the sockets cannot be bound
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: java -cp 'locspec-kernel.jar:lib/*' org.locspec.kernel.KernelMain"
              + " CONNECTION_FILE (got "
              + args.length
              + " arguments)");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    if (!Files.isRegularFile(file)) {
      System.err.println(
          "connection file "
              + file.toAbsolutePath()
              + " does not exist; start the kernel from"
              + " Jupyter, which writes it and passes it as {connection_file}");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(file));
    JupyterConnection connection = new JupyterConnection(props);

    LocSpecKernel kernel = LocSpecKernel.create();
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
    System.exit(0);
  }
}
