/**
 * The kernel's Jupyter sockets, hardened: a shell or control channel that survives badly signed,
 * malformed and replayed messages and any failure of a handler ({@link
 * org.locspec.kernel.channel.GuardedShellChannel}), the connection that binds them ({@link
 * org.locspec.kernel.channel.KernelConnection}), and a reply environment that is safe to publish on
 * from any thread ({@link org.locspec.kernel.channel.CellReplyEnvironment}). Built on
 * jjava-jupyter's channel classes; knows nothing of cells, magics or rendering.
 */
package org.locspec.kernel.channel;
