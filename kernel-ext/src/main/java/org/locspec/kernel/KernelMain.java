package org.locspec.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.locspec.kernel.channel.KernelConnection;
import org.locspec.kernel.log.KernelLogProvider;
import org.locspec.kernel.log.KernelLogging;
import org.locspec.kernel.output.CellOutput;

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
    // before anything logs: library log records go through the kernel's provider
    System.setProperty("slf4j.provider", KernelLogProvider.NAME);
    System.setProperty("slf4j.internal.verbosity", "WARN");
    System.setProperty("java.awt.headless", "true");
    KernelConnectionProperties props =
        KernelConnectionProperties.parse(Files.readString(file(args)));
    KernelConnection connection = new KernelConnection(props);

    KernelLogging.kernelLog(System.err);
    CellOutput output = new CellOutput(System.out, System.err);
    output.install();
    LocSpecKernel kernel = LocSpecKernel.create(output, true);
    System.setIn(kernel.getIO().in);
    Thread.setDefaultUncaughtExceptionHandler(kernel::reportUncaught);
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    kernel.whenReady(() -> connection.publishStatus(PublishStatus.IDLE));
    connection.waitUntilClose();
    System.exit(0);
  }

  /** The connection file named by the arguments; exits with a message if there is none. */
  private static Path file(String[] args) {
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
    return file;
  }
}
