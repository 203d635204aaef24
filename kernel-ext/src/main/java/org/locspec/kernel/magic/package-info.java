/**
 * LocSpec's notebook magics and the machinery they run on: the kinds of magic ({@link
 * org.locspec.kernel.magic.DescribedMagic}, called from cell code, and {@link
 * org.locspec.kernel.magic.KernelMagic}, run by the kernel between statements), the shared argument
 * parser with usage text and nearest-spelling suggestions on every error ({@link
 * org.locspec.kernel.magic.MagicSyntax}, {@link org.locspec.kernel.magic.MagicArguments}, {@link
 * org.locspec.kernel.magic.MagicUsageException}), what an analysis magic does with the session
 * ({@link org.locspec.kernel.magic.MagicSession}: read what earlier magics bound, run long work
 * interruptibly with progress, show the Java it runs, bind typed variables), where magics are in a
 * cell ({@link org.locspec.kernel.magic.MagicScanner}), how cell code calls them with their result
 * type ({@link org.locspec.kernel.magic.MagicDispatch}), and the catalog of a kernel's magics
 * ({@link org.locspec.kernel.magic.MagicCatalog}). LocSpec's analysis magics ({@code %model},
 * {@code %cluster}, {@code %importance}, {@code %coherence}, {@code %plot}, {@code %export}, {@code
 * %help}, {@code %dataset}, {@code %locspec}) are one class each here; the kernel's general magics
 * are in {@link org.locspec.kernel.magic.builtin}. Nothing here depends on the kernel package: a
 * kernel offers itself to magics as a {@link org.locspec.kernel.magic.MagicHost}.
 */
package org.locspec.kernel.magic;
