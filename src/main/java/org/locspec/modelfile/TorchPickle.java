package org.locspec.modelfile;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict reader for the {@code data.pkl} of a TorchScript archive (pickle protocol 2, as
 * written by {@code torch.jit.save}). It builds a plain Java object tree and never runs code:
 *
 * <ul>
 *   <li>objects of TorchScript classes ({@code __torch__.*}, made with {@code NEWOBJ} and filled
 *       with {@code BUILD}) become {@link ModuleObject}s holding their attribute dict;
 *   <li>tensors ({@code torch._utils._rebuild_tensor_v2} over a persistent storage id) become
 *       {@link TensorRef}s that name their storage file {@code data/<key>};
 *   <li>Python ints are {@link Long}, floats {@link Double}, strings {@link String}, booleans
 *       {@link Boolean}, {@code None} is {@code null}, lists are {@link List}, tuples are {@link
 *       Tuple}, dicts are {@link LinkedHashMap}s (insertion order kept).
 * </ul>
 *
 * <p>Only the opcodes such files use are supported; any other opcode or global fails with a message
 * naming it.
 */
final class TorchPickle {
  /** An object of a TorchScript class: its qualified class name and its attributes, in order. */
  record ModuleObject(String className, Map<String, Object> state) {}

  /** A Python tuple. */
  record Tuple(List<Object> items) {}

  /**
   * A tensor over a storage file of the archive.
   *
   * @param storageType the storage class, e.g. "FloatStorage"
   * @param key the storage's key: its bytes are the archive entry {@code data/<key>}
   * @param storageNumel the number of elements in the storage
   * @param offset the tensor's first element in the storage
   * @param size the tensor's shape
   * @param stride the tensor's strides, in elements
   */
  record TensorRef(
      String storageType, String key, long storageNumel, long offset, long[] size, long[] stride) {
    /** The number of elements. */
    long numel() {
      long n = 1;
      for (long s : size) {
        n *= s;
      }
      return n;
    }
  }

  private record Global(String module, String name) {
    String qualified() {
      return module + "." + name;
    }
  }

  private record Storage(String type, String key, long numel) {}

  private static final Object MARK = new Object();

  private final ByteBuffer in;
  private final String source;
  private final List<Object> stack = new ArrayList<>();
  private final List<Integer> marks = new ArrayList<>();
  private final Map<Integer, Object> memo = new HashMap<>();

  private TorchPickle(byte[] bytes, String source) {
    this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    this.source = source;
  }

  /**
   * Reads one pickled object.
   *
   * @param bytes the pickle
   * @param source what the bytes are, for messages (e.g. "model.pt!mlp/data.pkl")
   * @return the object tree
   * @throws IllegalArgumentException for an unsupported opcode or global, or a truncated pickle
   */
  static Object load(byte[] bytes, String source) {
    TorchPickle p = new TorchPickle(bytes, source);
    try {
      return p.run();
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          source
              + ": the pickle ends early or is malformed near byte "
              + p.in.position()
              + "; the file is damaged: save the model again with torch.jit.save",
          e);
    }
  }

  private Object run() {
    while (true) {
      int at = in.position();
      int op = in.get() & 0xff;
      switch (op) {
        case 0x80 -> { // PROTO
          int version = in.get() & 0xff;
          if (version > 2) {
            throw error(
                at,
                "pickle protocol " + version + " is not supported (TorchScript archives use 2)");
          }
        }
        case '.' -> { // STOP
          return pop();
        }
        case '(' -> { // MARK
          marks.add(stack.size());
          stack.add(MARK);
        }
        case 'c' -> stack.add(new Global(readLine(), readLine())); // GLOBAL
        case 'q' -> memo.put(in.get() & 0xff, top()); // BINPUT
        case 'r' -> memo.put(in.getInt(), top()); // LONG_BINPUT
        case 'h' -> stack.add(memoGet(at, in.get() & 0xff)); // BINGET
        case 'j' -> stack.add(memoGet(at, in.getInt())); // LONG_BINGET
        case ')' -> stack.add(new Tuple(List.of())); // EMPTY_TUPLE
        case 't' -> stack.add(new Tuple(popMark())); // TUPLE
        case 0x85 -> stack.add(new Tuple(popN(1))); // TUPLE1
        case 0x86 -> stack.add(new Tuple(popN(2))); // TUPLE2
        case 0x87 -> stack.add(new Tuple(popN(3))); // TUPLE3
        case ']' -> stack.add(new ArrayList<>()); // EMPTY_LIST
        case 'a' -> { // APPEND
          Object v = pop();
          asList(at, top()).add(v);
        }
        case 'e' -> { // APPENDS
          List<Object> items = popMark();
          asList(at, top()).addAll(items);
        }
        case '}' -> stack.add(new LinkedHashMap<>()); // EMPTY_DICT
        case 's' -> { // SETITEM
          Object v = pop();
          Object k = pop();
          asDict(at, top()).put(k, v);
        }
        case 'u' -> { // SETITEMS
          List<Object> kv = popMark();
          Map<Object, Object> d = asDict(at, top());
          for (int i = 0; i + 1 < kv.size(); i += 2) {
            d.put(kv.get(i), kv.get(i + 1));
          }
        }
        case 'X' -> { // BINUNICODE
          int n = in.getInt();
          byte[] b = new byte[n];
          in.get(b);
          stack.add(new String(b, StandardCharsets.UTF_8));
        }
        case 'N' -> stack.add(null); // NONE
        case 0x88 -> stack.add(Boolean.TRUE); // NEWTRUE
        case 0x89 -> stack.add(Boolean.FALSE); // NEWFALSE
        case 'J' -> stack.add((long) in.getInt()); // BININT
        case 'K' -> stack.add((long) (in.get() & 0xff)); // BININT1
        case 'M' -> stack.add((long) (in.getShort() & 0xffff)); // BININT2
        case 0x8a -> stack.add(readLong1(at)); // LONG1
        case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT
        case 0x81 -> newObj(at); // NEWOBJ
        case 'R' -> reduce(at); // REDUCE
        case 'b' -> build(at); // BUILD
        case 'Q' -> stack.add(persistentLoad(at, pop())); // BINPERSID
        default ->
            throw error(
                at,
                "unsupported pickle opcode "
                    + opcodeName(op)
                    + String.format(" (0x%02x)", op)
                    + "; LocSpec reads the protocol-2 data.pkl that torch.jit.save writes");
      }
    }
  }

  private void newObj(int at) {
    Object args = pop();
    Object cls = pop();
    if (!(cls instanceof Global g) || !g.module().startsWith("__torch__")) {
      throw error(
          at,
          "NEWOBJ of " + describe(cls) + "; only TorchScript classes (__torch__.*) are supported");
    }
    if (!(args instanceof Tuple t) || !t.items().isEmpty()) {
      throw error(
          at,
          "NEWOBJ of " + g.qualified() + " with arguments " + describe(args) + "; expected none");
    }
    stack.add(new ModuleObject(g.qualified(), new LinkedHashMap<>()));
  }

  private void build(int at) {
    Object state = pop();
    Object obj = top();
    if (!(obj instanceof ModuleObject m)) {
      throw error(at, "BUILD on " + describe(obj) + "; only TorchScript objects are built");
    }
    for (var e : asDict(at, state).entrySet()) {
      if (!(e.getKey() instanceof String k)) {
        throw error(
            at,
            "attribute name " + describe(e.getKey()) + " of " + m.className() + " is not a string");
      }
      m.state().put(k, e.getValue());
    }
  }

  private void reduce(int at) {
    Object args = pop();
    Object f = pop();
    if (!(f instanceof Global g) || !(args instanceof Tuple t)) {
      throw error(at, "REDUCE of " + describe(f) + "; only known torch globals can be called");
    }
    List<Object> a = t.items();
    switch (g.qualified()) {
      case "torch._utils._rebuild_tensor_v2" -> {
        if (a.size() < 6 || !(a.get(0) instanceof Storage s)) {
          throw error(
              at,
              "_rebuild_tensor_v2 expects (storage, offset, size, stride, requires_grad, hooks),"
                  + " got "
                  + describe(args));
        }
        stack.add(
            new TensorRef(
                s.type(),
                s.key(),
                s.numel(),
                asLong(at, a.get(1)),
                longs(at, a.get(2)),
                longs(at, a.get(3))));
      }
      case "collections.OrderedDict" -> stack.add(new LinkedHashMap<>());
      case "torch.jit._pickle.build_intlist",
          "torch.jit._pickle.build_doublelist",
          "torch.jit._pickle.build_boollist",
          "torch.jit._pickle.build_tensorlist" -> {
        if (a.size() != 1 || !(a.get(0) instanceof List<?> list)) {
          throw error(at, g.qualified() + " expects one list, got " + describe(args));
        }
        stack.add(new ArrayList<>(list));
      }
      default ->
          throw error(
              at,
              "unsupported global "
                  + g.qualified()
                  + "; LocSpec only rebuilds tensors, lists and dicts");
    }
  }

  private Object persistentLoad(int at, Object pid) {
    if (pid instanceof Tuple t
        && t.items().size() == 5
        && "storage".equals(t.items().get(0))
        && t.items().get(1) instanceof Global type
        && type.module().equals("torch")
        && t.items().get(2) instanceof String key) {
      return new Storage(type.name(), key, asLong(at, t.items().get(4)));
    }
    throw error(
        at,
        "unsupported persistent id "
            + describe(pid)
            + "; expected ('storage', torch.XStorage, key, location, numel)");
  }

  private String readLine() {
    StringBuilder sb = new StringBuilder();
    byte b;
    while ((b = in.get()) != '\n') {
      sb.append((char) (b & 0xff));
    }
    return sb.toString();
  }

  private Object readLong1(int at) {
    int n = in.get() & 0xff;
    if (n > 8) {
      throw error(at, "LONG1 integer of " + n + " bytes is too large");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (in.get() & 0xff) << (8 * i);
    }
    if (n > 0 && n < 8 && (v & (1L << (8 * n - 1))) != 0) {
      v |= -1L << (8 * n); // sign-extend
    }
    return v;
  }

  private Object memoGet(int at, int key) {
    if (!memo.containsKey(key)) {
      throw error(at, "memo key " + key + " was never stored");
    }
    return memo.get(key);
  }

  private Object top() {
    Object o = stack.get(stack.size() - 1);
    if (o == MARK) {
      throw new IllegalArgumentException(source + ": a MARK is where a value was expected");
    }
    return o;
  }

  private Object pop() {
    Object o = top();
    stack.remove(stack.size() - 1);
    return o;
  }

  private List<Object> popN(int n) {
    List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
    if (items.contains(MARK)) {
      throw new IllegalArgumentException(source + ": a MARK is where a tuple item was expected");
    }
    stack.subList(stack.size() - n, stack.size()).clear();
    return items;
  }

  private List<Object> popMark() {
    if (marks.isEmpty()) {
      throw new IllegalArgumentException(source + ": an opcode needs a MARK but none is set");
    }
    int m = marks.remove(marks.size() - 1);
    List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
    stack.subList(m, stack.size()).clear();
    return items;
  }

  @SuppressWarnings("unchecked")
  private List<Object> asList(int at, Object o) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw error(at, "expected a list, found " + describe(o));
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> asDict(int at, Object o) {
    if (o instanceof Map<?, ?> m) {
      return (Map<Object, Object>) m;
    }
    throw error(at, "expected a dict, found " + describe(o));
  }

  private long asLong(int at, Object o) {
    if (o instanceof Long l) {
      return l;
    }
    throw error(at, "expected an int, found " + describe(o));
  }

  private long[] longs(int at, Object o) {
    if (!(o instanceof Tuple t)) {
      throw error(at, "expected a tuple of ints, found " + describe(o));
    }
    long[] out = new long[t.items().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = asLong(at, t.items().get(i));
    }
    return out;
  }

  private static String describe(Object o) {
    if (o == null) {
      return "None";
    } else if (o instanceof Global g) {
      return "global " + g.qualified();
    }
    return o.getClass().getSimpleName();
  }

  private IllegalArgumentException error(int at, String what) {
    return new IllegalArgumentException(source + " (byte " + at + "): " + what);
  }

  private static String opcodeName(int op) {
    return switch (op) {
      case 'I' -> "INT";
      case 'L' -> "LONG";
      case 'F' -> "FLOAT";
      case 'S' -> "STRING";
      case 'T' -> "BINSTRING";
      case 'U' -> "SHORT_BINSTRING";
      case 'V' -> "UNICODE";
      case 'P' -> "PERSID";
      case 'g' -> "GET";
      case 'p' -> "PUT";
      case 'l' -> "LIST";
      case 'd' -> "DICT";
      case 'i' -> "INST";
      case 'o' -> "OBJ";
      case '0' -> "POP";
      case '1' -> "POP_MARK";
      case '2' -> "DUP";
      case 0x82 -> "EXT1";
      case 0x83 -> "EXT2";
      case 0x84 -> "EXT4";
      case 0x8b -> "LONG4";
      case 0x8c -> "SHORT_BINUNICODE";
      case 0x8d -> "BINUNICODE8";
      case 0x8e -> "BINBYTES8";
      case 0x8f -> "EMPTY_SET";
      case 0x90 -> "ADDITEMS";
      case 0x91 -> "FROZENSET";
      case 0x92 -> "NEWOBJ_EX";
      case 0x93 -> "STACK_GLOBAL";
      case 0x94 -> "MEMOIZE";
      case 0x95 -> "FRAME";
      case 0x96 -> "BYTEARRAY8";
      case 0x97 -> "NEXT_BUFFER";
      case 0x98 -> "READONLY_BUFFER";
      case 'B' -> "BINBYTES";
      case 'C' -> "SHORT_BINBYTES";
      default -> "<unknown>";
    };
  }
}
