package org.locspec.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Compares two compilations of a class that may differ only in their line numbers.
 *
 * <p>JShell recompiles a snippet's wrapper class when the session changes around it (e.g. an import
 * is added). The wrapper's source then often starts a line lower, so the new class file differs
 * from the loaded one only in its {@code LineNumberTable}s. Such a class need not be reloaded: the
 * loaded one behaves the same.
 */
final class ClassFileLines {
  private static final int CLASS_FILE_MAGIC = 0xCAFEBABE;

  private final byte[] withoutLines;
  private final int[] lines;

  private ClassFileLines(byte[] withoutLines, int[] lines) {
    this.withoutLines = withoutLines;
    this.lines = lines;
  }

  /**
   * The line shift that turns {@code loaded} into {@code recompiled}.
   *
   * @param loaded a class file
   * @param recompiled another class file
   * @return {@code d} if the files are equal except that every line number of {@code recompiled} is
   *     the corresponding line number of {@code loaded} plus {@code d} (0 if they are equal); empty
   *     if they differ in anything else or a file cannot be read
   */
  static OptionalInt lineShift(byte[] loaded, byte[] recompiled) {
    ClassFileLines a;
    ClassFileLines b;
    try {
      a = parse(loaded);
      b = parse(recompiled);
    } catch (RuntimeException e) { // malformed or unknown class file format: do not guess
      return OptionalInt.empty();
    }
    if (!Arrays.equals(a.withoutLines, b.withoutLines) || a.lines.length != b.lines.length) {
      return OptionalInt.empty();
    }
    if (a.lines.length == 0) {
      return OptionalInt.of(0);
    }
    int shift = b.lines[0] - a.lines[0];
    for (int i = 1; i < a.lines.length; i++) {
      if (b.lines[i] - a.lines[i] != shift) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.of(shift);
  }

  /** Copies the class file without its LineNumberTable attributes and collects their lines. */
  private static ClassFileLines parse(byte[] classFile) {
    ByteBuffer in = ByteBuffer.wrap(classFile);
    ByteArrayOutputStream out = new ByteArrayOutputStream(classFile.length);
    List<Integer> lines = new ArrayList<>();
    if (in.getInt() != CLASS_FILE_MAGIC) {
      throw new IllegalArgumentException("not a class file");
    }
    in.position(8); // magic, minor, major
    int poolCount = in.getShort() & 0xFFFF;
    String[] utf8 = new String[poolCount];
    for (int i = 1; i < poolCount; i++) {
      int tag = in.get() & 0xFF;
      switch (tag) {
        case 1 -> {
          int length = in.getShort() & 0xFFFF;
          byte[] bytes = new byte[length];
          in.get(bytes);
          utf8[i] = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        case 7, 8, 16, 19, 20 -> skip(in, 2);
        case 15 -> skip(in, 3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(in, 4);
        case 5, 6 -> {
          skip(in, 8);
          i++; // takes two entries
        }
        default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
      }
    }
    out.write(classFile, 0, in.position()); // header and constant pool
    copy(in, out, 6); // access flags, this, super
    int interfaces = copyShort(in, out);
    copy(in, out, 2 * interfaces);
    for (int members = 0; members < 2; members++) { // fields, then methods
      int count = copyShort(in, out);
      for (int m = 0; m < count; m++) {
        copy(in, out, 6); // access flags, name, descriptor
        copyAttributes(in, out, utf8, lines);
      }
    }
    copyAttributes(in, out, utf8, lines);
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("trailing bytes after the class file");
    }
    return new ClassFileLines(
        out.toByteArray(), lines.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void copyAttributes(
      ByteBuffer in, ByteArrayOutputStream out, String[] utf8, List<Integer> lines) {
    int count = copyShort(in, out);
    for (int a = 0; a < count; a++) {
      int nameIndex = in.getShort() & 0xFFFF;
      int length = in.getInt();
      String name = utf8[nameIndex];
      if ("LineNumberTable".equals(name)) {
        int entries = in.getShort() & 0xFFFF;
        for (int e = 0; e < entries; e++) {
          int startPc = in.getShort() & 0xFFFF;
          lines.add(in.getShort() & 0xFFFF);
          out.write(startPc >>> 8);
          out.write(startPc);
        }
      } else if ("Code".equals(name)) {
        writeShort(out, nameIndex); // length left out: it includes the line tables
        copy(in, out, 4); // max stack, max locals
        int codeLength = in.getInt();
        writeShort(out, codeLength >>> 16);
        writeShort(out, codeLength);
        copy(in, out, codeLength);
        int handlers = copyShort(in, out);
        copy(in, out, 8 * handlers);
        copyAttributes(in, out, utf8, lines);
      } else {
        writeShort(out, nameIndex);
        writeShort(out, length >>> 16);
        writeShort(out, length);
        copy(in, out, length);
      }
    }
  }

  private static void skip(ByteBuffer in, int n) {
    in.position(in.position() + n);
  }

  private static void copy(ByteBuffer in, ByteArrayOutputStream out, int n) {
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("truncated class file");
    }
    out.write(in.array(), in.position(), n);
    skip(in, n);
  }

  private static int copyShort(ByteBuffer in, ByteArrayOutputStream out) {
    int value = in.getShort() & 0xFFFF;
    writeShort(out, value);
    return value;
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write((value >>> 8) & 0xFF);
    out.write(value & 0xFF);
  }
}
