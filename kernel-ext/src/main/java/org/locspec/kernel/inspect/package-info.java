/**
 * Inspection (Shift-Tab): the symbol under or before the cursor ({@link
 * org.locspec.kernel.inspect.SymbolAtCursor}), its signatures from JShell and its Javadoc from the
 * sources ({@link org.locspec.kernel.inspect.JavadocSources}: LocSpec's own source folders, set by
 * the kernel launcher, and any {@code *-sources.jar} beside a class path jar), shown as text and
 * HTML ({@link org.locspec.kernel.inspect.Inspector}).
 */
package org.locspec.kernel.inspect;
