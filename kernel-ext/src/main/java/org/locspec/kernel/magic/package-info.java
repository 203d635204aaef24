/**
 * LocSpec's notebook magics, one class per magic ({@link org.locspec.kernel.magic.LocSpecMagic},
 * ...): each parses its arguments with JJava's {@code MagicsArgs}, calls the library and returns a
 * value the kernel renders. Bad arguments give a {@link
 * org.locspec.kernel.magic.MagicUsageException} with the usage line.
 */
package org.locspec.kernel.magic;
