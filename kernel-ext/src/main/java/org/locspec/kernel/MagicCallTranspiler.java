package org.locspec.kernel;

import java.util.List;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedCellMagic;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

/**
 * Translates parsed magics into Java calls of {@link MagicDispatch}. Unlike JJava's default, the
 * call is an expression statement, so the magic's value is the snippet's value and gets rendered.
 */
final class MagicCallTranspiler extends MagicTranspiler {
  private static final String DISPATCH = MagicDispatch.class.getName();

  @Override
  public String transpileCell(ParsedCellMagic magic) {
    return DISPATCH
        + ".cell("
        + literal(magic.magicCall.name)
        + ", "
        + list(magic.magicCall.args)
        + ", "
        + literal(magic.magicCall.body)
        + ");";
  }

  @Override
  public String transpileLine(ParsedLineMagic magic) {
    if (insideStringLiteral(magic.linePrefix)) {
      return magic.raw;
    }
    String prefix = magic.raw.substring(0, magic.raw.indexOf('%'));
    return prefix
        + DISPATCH
        + ".line("
        + literal(magic.magicCall.name)
        + ", "
        + list(magic.magicCall.args)
        + ");";
  }

  private static boolean insideStringLiteral(String linePrefix) {
    boolean inside = false;
    for (int i = 0; i < linePrefix.length(); i++) {
      char c = linePrefix.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        inside = !inside;
      }
    }
    return inside;
  }

  private static String list(List<String> args) {
    return "java.util.List.of("
        + args.stream().map(MagicCallTranspiler::literal).collect(Collectors.joining(", "))
        + ")";
  }

  /** A Java string literal with the given value. */
  static String literal(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
