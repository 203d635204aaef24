/**
 * LocSpec's Jupyter kernel: a JShell-based Java kernel on JJava's {@code jjava-jupyter} ({@link
 * org.locspec.kernel.LocSpecKernel}, started by {@link org.locspec.kernel.KernelMain}), the JJava
 * extension that adds LocSpec's magics and renderers ({@link org.locspec.kernel.LocSpecExtension}),
 * and notebook helpers ({@link org.locspec.kernel.Notebook}).
 */
package org.locspec.kernel;
