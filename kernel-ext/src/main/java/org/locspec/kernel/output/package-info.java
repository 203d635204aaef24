/**
 * Cell output: {@link org.locspec.kernel.output.CellOutput} takes over {@code System.out} and
 * {@code System.err}, sends what cells print as batched stream messages (as ipykernel does, so a
 * print flood neither floods IOPub nor loses lines) to the running cell, or to the cell that
 * started the printing thread, and keeps output that belongs to no cell in the kernel's log.
 */
package org.locspec.kernel.output;
