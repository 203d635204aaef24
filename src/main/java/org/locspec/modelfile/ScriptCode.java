package org.locspec.modelfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Python subset that {@code torch.jit.save} writes into an archive's {@code code/}
 * files for a module's methods: straight-line assignments and a {@code return}, with calls of
 * submodules ({@code (conv1).forward(x, )}), of {@code torch.*} operators and of {@code
 * __torch__.*} functions, attribute reads ({@code self.layer1}, {@code getattr(self, "0")}) and
 * literals. It builds a small syntax tree and runs nothing; statements it does not read ({@code
 * if}, {@code for}, {@code while}) are kept as {@link Unsupported} so that the importer can name
 * them if a method it follows contains one.
 */
final class ScriptCode {
  private ScriptCode() {}

  /** An expression. */
  sealed interface Expr permits Literal, Name, Sequence, Attribute, Call {}

  /** A literal: Long, Double, Boolean, String or null (None). @param value the value */
  record Literal(Object value) implements Expr {}

  /** A (possibly dotted) name, e.g. {@code x}, {@code self.conv1}, {@code torch.add_}. */
  record Name(String id) implements Expr {}

  /** A list {@code [..]} or tuple {@code (..)} display. */
  record Sequence(List<Expr> items, boolean tuple) implements Expr {}

  /** {@code target.name}, e.g. the method of {@code (conv1).forward}. */
  record Attribute(Expr target, String name) implements Expr {}

  /** A call with positional and keyword arguments. */
  record Call(Expr function, List<Expr> args, Map<String, Expr> kwargs) implements Expr {}

  /** A statement of a method body. */
  sealed interface Stmt permits Assign, Return, Unsupported {}

  /** {@code a = expr} or {@code a, b = expr}. */
  record Assign(List<String> targets, Expr value) implements Stmt {}

  /** {@code return expr}. */
  record Return(Expr value) implements Stmt {}

  /** A statement the importer does not follow, kept with its text. */
  record Unsupported(String text) implements Stmt {}

  /** A method: its name, parameter names (the first is {@code self}) and body. */
  record Method(String name, List<String> params, List<Stmt> body) {}

  /**
   * Parses the methods of one class, given the class's lines (the {@code class} line first, the
   * members indented).
   *
   * @param lines the class's lines
   * @return method name → method, in order
   */
  static Map<String, Method> methods(List<String> lines) {
    Map<String, Method> out = new LinkedHashMap<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (!trimmed.startsWith("def ")) {
        i++;
        continue;
      }
      int indent = indentOf(line);
      StringBuilder header = new StringBuilder(trimmed);
      while (depth(header) > 0 && i + 1 < lines.size()) {
        header.append(' ').append(lines.get(++i).trim());
      }
      List<String> body = new ArrayList<>();
      i++;
      while (i < lines.size() && (lines.get(i).isBlank() || indentOf(lines.get(i)) > indent)) {
        body.add(lines.get(i));
        i++;
      }
      Method m = method(header.toString(), body);
      out.put(m.name(), m);
    }
    return out;
  }

  private static Method method(String header, List<String> body) {
    int open = header.indexOf('(');
    int close = closing(header, open);
    String name = header.substring("def ".length(), open).trim();
    List<String> params = new ArrayList<>();
    for (String p : splitTopLevel(header.substring(open + 1, close))) {
      String t = p.trim();
      if (!t.isEmpty()) {
        int colon = t.indexOf(':');
        int eq = t.indexOf('=');
        int end = colon >= 0 ? colon : eq >= 0 ? eq : t.length();
        params.add(t.substring(0, end).trim());
      }
    }
    return new Method(name, params, statements(body));
  }

  private static List<Stmt> statements(List<String> body) {
    List<Stmt> out = new ArrayList<>();
    int base = -1;
    StringBuilder pending = null;
    for (String line : body) {
      if (line.isBlank()) {
        continue;
      }
      if (pending != null) {
        pending.append(' ').append(line.trim());
        if (depth(pending) == 0) {
          out.add(statement(pending.toString()));
          pending = null;
        }
        continue;
      }
      int indent = indentOf(line);
      if (base < 0) {
        base = indent;
      }
      String text = line.trim();
      if (indent > base) {
        out.add(new Unsupported(text)); // the body of a block the importer does not follow
      } else if (depth(text) > 0) {
        pending = new StringBuilder(text);
      } else {
        out.add(statement(text));
      }
    }
    return out;
  }

  private static Stmt statement(String text) {
    if (text.equals("pass")) {
      return new Assign(List.of(), new Literal(null));
    }
    if (text.startsWith("return ")) {
      return new Return(expression(text.substring("return ".length())));
    }
    if (text.equals("return")) {
      return new Return(new Literal(null));
    }
    int eq = assignment(text);
    if (eq < 0 || text.matches("^(if|elif|else|for|while|with|try|except|assert)\\b.*")) {
      return new Unsupported(text);
    }
    List<String> targets = new ArrayList<>();
    for (String t : text.substring(0, eq).split(",")) {
      String name = t.trim();
      if (!name.matches("[A-Za-z_]\\w*")) {
        return new Unsupported(text);
      }
      targets.add(name);
    }
    return new Assign(targets, expression(text.substring(eq + 1)));
  }

  /** The index of the top-level {@code =} of an assignment (not a comparison), or -1. */
  private static int assignment(String s) {
    int eq = walk(s, 0, (i, c, depth) -> c == '=' && depth == 0);
    boolean comparison =
        eq >= 0
            && ((eq + 1 < s.length() && s.charAt(eq + 1) == '=')
                || (eq > 0 && "=!<>".indexOf(s.charAt(eq - 1)) >= 0));
    return comparison ? -1 : eq;
  }

  /** Where {@link #walk} stops: at character c at index i, the bracket depth after it. */
  private interface Stop {
    boolean at(int i, char c, int depth);
  }

  /**
   * Walks a text from {@code from} outside string literals, counting bracket depth, and returns the
   * first index where {@code stop} holds, or -1.
   */
  private static int walk(CharSequence s, int from, Stop stop) {
    int d = 0;
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(' || c == '[') {
        d++;
      } else if (c == ')' || c == ']') {
        d--;
      }
      if (stop.at(i, c, d)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Parses one expression.
   *
   * @param text the expression's text
   * @return its tree
   * @throws IllegalArgumentException naming what cannot be read
   */
  static Expr expression(String text) {
    Parser p = new Parser(text);
    Expr e = p.expr();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw new IllegalArgumentException("unexpected '" + text.substring(p.pos) + "' in " + text);
    }
    return e;
  }

  /** Recursive descent over one expression's text. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Expr expr() {
      Expr e = primary();
      while (true) {
        skipSpace();
        if (peek('.')) {
          pos++;
          e = new Attribute(e, identifier());
        } else if (peek('(')) {
          pos++;
          e = call(e);
        } else {
          return e;
        }
      }
    }

    private Expr call(Expr function) {
      List<Expr> args = new ArrayList<>();
      Map<String, Expr> kwargs = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (peek(')')) {
          pos++;
          return new Call(function, args, kwargs);
        }
        int save = pos;
        String key = tryIdentifier();
        skipSpace();
        if (key != null && peek('=') && !(pos + 1 < s.length() && s.charAt(pos + 1) == '=')) {
          pos++;
          kwargs.put(key, expr());
        } else {
          pos = save;
          args.add(expr());
        }
        skipSpace();
        if (peek(',')) {
          pos++;
        } else if (!peek(')')) {
          throw error("expected ',' or ')'");
        }
      }
    }

    private Expr primary() {
      skipSpace();
      if (pos >= s.length()) {
        throw error("a value is missing");
      }
      char c = s.charAt(pos);
      if (c == '[' || c == '(') {
        pos++;
        return sequence(c == '[' ? ']' : ')', c == '(');
      } else if (c == '"' || c == '\'') {
        return new Literal(string(c));
      } else if (Character.isDigit(c) || c == '-' || c == '.') {
        return new Literal(number());
      }
      String id = identifier();
      return switch (id) {
        case "True" -> new Literal(Boolean.TRUE);
        case "False" -> new Literal(Boolean.FALSE);
        case "None" -> new Literal(null);
        case "inf" -> new Literal(Double.POSITIVE_INFINITY);
        default -> new Name(id);
      };
    }

    private Expr sequence(char close, boolean tuple) {
      List<Expr> items = new ArrayList<>();
      boolean comma = false;
      while (true) {
        skipSpace();
        if (peek(close)) {
          pos++;
          // "(x)" is a parenthesized expression, "(x,)" and "()" are tuples
          return tuple && items.size() == 1 && !comma ? items.get(0) : new Sequence(items, tuple);
        }
        items.add(expr());
        skipSpace();
        if (peek(',')) {
          pos++;
          comma = true;
        } else if (!peek(close)) {
          throw error("expected ',' or '" + close + "'");
        }
      }
    }

    private String string(char quote) {
      StringBuilder sb = new StringBuilder();
      pos++;
      while (pos < s.length() && s.charAt(pos) != quote) {
        char ch = s.charAt(pos++);
        if (ch == '\\' && pos < s.length()) {
          ch = s.charAt(pos++);
        }
        sb.append(ch);
      }
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      pos++;
      return sb.toString();
    }

    private Object number() {
      int start = pos;
      if (s.startsWith("-inf", pos)) {
        pos += 4;
        return Double.NEGATIVE_INFINITY;
      }
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || ".-+".indexOf(s.charAt(pos)) >= 0)) {
        char ch = s.charAt(pos);
        if ((ch == '-' || ch == '+')
            && pos > start
            && Character.toLowerCase(s.charAt(pos - 1)) != 'e') {
          break;
        }
        pos++;
      }
      String tok = s.substring(start, pos);
      if (tok.matches("-?\\d+")) {
        return Long.parseLong(tok);
      } else if (tok.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
        return Double.parseDouble(tok);
      }
      throw error("cannot read the number '" + tok + "'");
    }

    private String identifier() {
      String id = tryIdentifier();
      if (id == null) {
        throw error("expected a name");
      }
      return id;
    }

    /** A dotted name such as {@code torch.nn.functional.relu}, or null. */
    private String tryIdentifier() {
      skipSpace();
      int start = pos;
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        boolean part = Character.isLetterOrDigit(ch) || ch == '_';
        boolean dot =
            ch == '.'
                && pos > start
                && pos + 1 < s.length()
                && (Character.isLetter(s.charAt(pos + 1)) || s.charAt(pos + 1) == '_');
        if (pos == start && !(Character.isLetter(ch) || ch == '_')) {
          return null;
        }
        if (!part && !dot) {
          break;
        }
        pos++;
      }
      return pos > start ? s.substring(start, pos) : null;
    }

    private boolean peek(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          what + " at '" + s.substring(Math.min(pos, s.length())) + "' in " + s);
    }
  }

  /** The literal value of an expression that is one (lists and tuples become Lists), or throws. */
  static Object literal(Expr e) {
    if (e instanceof Literal l) {
      return l.value();
    } else if (e instanceof Sequence q) {
      List<Object> items = new ArrayList<>();
      for (Expr item : q.items()) {
        items.add(literal(item));
      }
      return items;
    }
    throw new IllegalArgumentException("not a literal: " + e);
  }

  /** Splits at top-level commas. */
  static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int d = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[') {
        d++;
      } else if (c == ')' || c == ']') {
        d--;
      } else if (c == ',' && d == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /** The index of the bracket closing the one at {@code open}, or -1. */
  static int closing(CharSequence s, int open) {
    return walk(s, open, (i, c, depth) -> (c == ')' || c == ']') && depth == 0);
  }

  /** The bracket depth at the end of a text (outside string literals). */
  private static int depth(CharSequence s) {
    int[] d = {0};
    walk(
        s,
        0,
        (i, c, depth) -> {
          d[0] = depth;
          return false;
        });
    return d[0];
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
