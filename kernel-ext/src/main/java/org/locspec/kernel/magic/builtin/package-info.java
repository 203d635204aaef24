/**
 * The kernel's general magics, one class each: {@code %lsmagic} (every magic with its usage),
 * {@code %time} / {@code %%time}, {@code %whos} (the session's variables), {@code %jars} and {@code
 * %classpath} (add to the class path of the running kernel), {@code %log} (library log in cell
 * output). {@link org.locspec.kernel.magic.builtin.BuiltinMagics#registerAll} adds them.
 */
package org.locspec.kernel.magic.builtin;
