package org.locspec.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One use of a magic in a cell: {@code %name args} on a line, or {@code %%name args} with the rest
 * of the cell as its body.
 *
 * @param name the magic's name, without {@code %}
 * @param rawArgs the text after the name, as written (for magics that take code, e.g. {@code
 *     %time})
 * @param args the arguments split like a shell does: at blanks, quotes group words
 * @param body the cell's body for {@code %%name}, null for a line magic
 */
public record MagicCall(String name, String rawArgs, List<String> args, String body) {
  /** Validates and copies. */
  public MagicCall {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rawArgs, "rawArgs");
    args = List.copyOf(args);
  }

  /**
   * A line magic call.
   *
   * @param name the name, without {@code %}
   * @param rawArgs the text after the name
   * @return the call, with the arguments split
   */
  public static MagicCall line(String name, String rawArgs) {
    return new MagicCall(name, rawArgs.strip(), split(rawArgs), null);
  }

  /**
   * A cell magic call.
   *
   * @param name the name, without {@code %%}
   * @param rawArgs the text after the name on the first line
   * @param body the rest of the cell
   * @return the call, with the arguments split
   */
  public static MagicCall cell(String name, String rawArgs, String body) {
    return new MagicCall(name, rawArgs.strip(), split(rawArgs), Objects.requireNonNull(body));
  }

  /** Whether this is a {@code %%} call with a body. */
  public boolean isCell() {
    return body != null;
  }

  /** How the call was written, e.g. {@code "%dataset mnist"}. */
  @Override
  public String toString() {
    return (isCell() ? "%%" : "%") + name + (rawArgs.isEmpty() ? "" : " " + rawArgs);
  }

  /**
   * Splits arguments as a shell does: at blanks; single or double quotes group words (and are
   * removed); a backslash takes the next character literally.
   *
   * @param text the argument text
   * @return the words
   * @throws IllegalArgumentException if a quote is not closed
   */
  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && quote != '\'') {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("a " + quote + " quote is not closed in: " + text);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
