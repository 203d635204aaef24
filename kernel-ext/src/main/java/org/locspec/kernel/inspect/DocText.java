package org.locspec.kernel.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a raw Javadoc comment into readable plain text: inline tags become their text ({@code
 * {@code x}} → x, {@code {@link A#b}} → A.b), HTML paragraphs and list items become line breaks,
 * other tags go, and the block tags are listed as "Parameters:", "Returns:", "Throws:".
 */
public final class DocText {
  private static final Pattern INLINE =
      Pattern.compile("\\{@(\\w+)\\s*([^{}]*(?:\\{[^{}]*}[^{}]*)*)}");

  private DocText() {}

  /**
   * The plain text of a doc comment.
   *
   * @param raw the comment's text as javac gives it (without the {@code *} margins)
   * @return readable text
   */
  public static String plain(String raw) {
    String text = inline(raw.strip());
    int blockTags = findBlockTags(text);
    String main = text.substring(0, blockTags);
    StringBuilder out = new StringBuilder(html(main).strip());
    List<String> params = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (String tag : text.substring(blockTags).split("(?m)^\\s*(?=@\\w)")) {
      String t = html(tag).strip().replaceAll("\\s+", " ");
      if (t.startsWith("@param ")) {
        String[] p = t.substring(7).split(" ", 2);
        params.add("  " + p[0] + (p.length > 1 ? " - " + p[1] : ""));
      } else if (t.startsWith("@return ")) {
        other.add("Returns: " + t.substring(8));
      } else if (t.startsWith("@throws ") || t.startsWith("@exception ")) {
        String[] p = t.substring(t.indexOf(' ') + 1).split(" ", 2);
        other.add("Throws " + p[0] + (p.length > 1 ? ": " + p[1] : ""));
      } else if (t.startsWith("@see ")) {
        other.add("See: " + t.substring(5));
      }
    }
    if (!params.isEmpty()) {
      out.append("\n\nParameters:\n").append(String.join("\n", params));
    }
    if (!other.isEmpty()) {
      out.append(params.isEmpty() ? "\n\n" : "\n").append(String.join("\n", other));
    }
    return out.toString();
  }

  private static int findBlockTags(String text) {
    Matcher m = Pattern.compile("(?m)^\\s*@\\w").matcher(text);
    return m.find() ? m.start() : text.length();
  }

  private static String inline(String text) {
    String previous;
    String current = text;
    do { // inner tags first, e.g. {@link X {@code y}}
      previous = current;
      Matcher m = INLINE.matcher(current);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(inlineTag(m.group(1), m.group(2))));
      }
      m.appendTail(sb);
      current = sb.toString();
    } while (!current.equals(previous));
    return current;
  }

  private static String inlineTag(String tag, String body) {
    String b = body.strip();
    return switch (tag) {
      case "link", "linkplain" -> {
        String[] parts = b.split("\\s+", 2);
        yield parts.length > 1 ? parts[1] : reference(parts[0]);
      }
      case "value" -> reference(b);
      default -> b; // code, literal, and anything else: its text
    };
  }

  private static String reference(String ref) {
    String r = ref.startsWith("#") ? ref.substring(1) : ref.replace('#', '.');
    return r.replaceAll("\\(.*\\)", "()");
  }

  private static String html(String text) {
    String t =
        text.replaceAll("(?i)<p>", "\n\n")
            .replaceAll("(?i)<li>", "\n\n- ")
            .replaceAll("(?i)<br\\s*/?>", "\n\n")
            .replaceAll("<[^>]+>", "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
    return Arrays.stream(t.split("\\n\\s*\\n"))
        .map(p -> p.strip().replaceAll("\\s+", " "))
        .filter(p -> !p.isEmpty())
        .collect(Collectors.joining("\n\n"));
  }
}
