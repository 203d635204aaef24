package org.locspec.modelfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TorchScript class as {@code torch.jit.save} writes it into {@code code/}: its {@code Final}
 * constants (the hyper-parameters of a scripted {@code torch.nn} layer), its parsed methods, and
 * per method the {@code torch.*} operators it calls with their arguments (the hyper-parameters of a
 * traced layer).
 *
 * @param name the qualified class name, e.g. {@code __torch__.torch.nn.modules.conv.Conv2d}
 * @param finals constant name → its literal text
 * @param methods method name → method
 */
record ScriptClass(
    String name, Map<String, String> finals, Map<String, ScriptCode.Method> methods) {
  private static final Pattern FINAL =
      Pattern.compile("^\\s+(\\w+)\\s*:\\s*Final\\[.*\\]\\s*=\\s*(.+?)\\s*$");

  /**
   * A call {@code torch.name(args)} in a method: literal arguments as values (lists as Lists),
   * names as {@link ScriptCode.Name}, anything else as its tree.
   *
   * @param name the operator, e.g. "_convolution"
   * @param args the positional arguments
   */
  record TorchCall(String name, List<Object> args) {}

  /**
   * Parses a class from the text of its code file.
   *
   * @param name the qualified class name
   * @param fileText the code file holding it
   * @return the class, or null if the file does not define it
   */
  static ScriptClass parse(String name, String fileText) {
    String simple = name.substring(name.lastIndexOf('.') + 1);
    String[] lines = fileText.split("\n", -1);
    int start = -1;
    for (int i = 0; i < lines.length && start < 0; i++) {
      if (lines[i].startsWith("class " + simple + "(")) {
        start = i;
      }
    }
    if (start < 0) {
      return null;
    }
    List<String> body = new ArrayList<>();
    body.add(lines[start]);
    Map<String, String> finals = new LinkedHashMap<>();
    for (int i = start + 1; i < lines.length; i++) {
      String line = lines[i];
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        break;
      }
      body.add(line);
      Matcher f = FINAL.matcher(line);
      if (f.matches()) {
        finals.put(f.group(1), f.group(2));
      }
    }
    return new ScriptClass(name, finals, ScriptCode.methods(body));
  }

  /** Whether this is a scripted {@code torch.nn} layer (its hyper-parameters are Finals). */
  boolean scripted() {
    return !finals.isEmpty();
  }

  /**
   * The {@code torch.*} operators a method calls, in order of appearance.
   *
   * @param method the method's name
   * @return the calls (empty if the method does not exist)
   */
  List<TorchCall> calls(String method) {
    List<TorchCall> out = new ArrayList<>();
    ScriptCode.Method m = methods.get(method);
    if (m != null) {
      for (ScriptCode.Stmt s : m.body()) {
        if (s instanceof ScriptCode.Assign a) {
          collect(a.value(), out);
        } else if (s instanceof ScriptCode.Return r) {
          collect(r.value(), out);
        }
      }
    }
    return out;
  }

  private static void collect(ScriptCode.Expr e, List<TorchCall> out) {
    if (e instanceof ScriptCode.Call c) {
      for (ScriptCode.Expr a : c.args()) {
        collect(a, out);
      }
      if (c.function() instanceof ScriptCode.Name n && n.id().startsWith("torch.")) {
        List<Object> args = new ArrayList<>();
        for (ScriptCode.Expr a : c.args()) {
          args.add(value(a));
        }
        out.add(new TorchCall(n.id().substring("torch.".length()), args));
      } else {
        collect(c.function(), out);
      }
    } else if (e instanceof ScriptCode.Attribute a) {
      collect(a.target(), out);
    } else if (e instanceof ScriptCode.Sequence q) {
      q.items().forEach(i -> collect(i, out));
    }
  }

  private static Object value(ScriptCode.Expr e) {
    try {
      return ScriptCode.literal(e);
    } catch (IllegalArgumentException notLiteral) {
      return e;
    }
  }
}
