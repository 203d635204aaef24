/**
 * Library logging in the kernel: an SLF4J provider ({@link
 * org.locspec.kernel.log.KernelLogProvider}) that writes log records to the kernel's log (the
 * Jupyter server's console) and, only when the user asks ({@code %log info} or the system property
 * {@code locspec.log}), into cell output. So DJL's GPU probe warnings and ARPACK's INFO lines stay
 * out of notebooks. Settings are in {@link org.locspec.kernel.log.KernelLogging}.
 */
package org.locspec.kernel.log;
