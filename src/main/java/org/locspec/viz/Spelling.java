package org.locspec.viz;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Suggestions for misspelled names (options, data sets, zoo models, ...): the known name nearest to
 * what was typed, so that an error can say "did you mean --shuffles?".
 *
 * <p>Distance is the optimal string alignment distance (insertions, deletions, substitutions and
 * swaps of neighbouring characters each count 1), ignoring case. A name is suggested when it is at
 * most {@code max(1, length / 3)} edits away, or when what was typed is a prefix of it (at least
 * two characters), so that "shufles", "shuffle" and "shuf" all suggest "shuffles" while "xyz"
 * suggests nothing.
 */
public final class Spelling {
  private Spelling() {}

  /**
   * The known name nearest to a typed one, if one is close enough.
   *
   * @param typed what was typed
   * @param known the valid names
   * @return the nearest valid name (the first in iteration order among equally near ones), or empty
   *     when none is close
   */
  public static Optional<String> nearest(String typed, Collection<String> known) {
    Objects.requireNonNull(known, "known must not be null");
    if (typed == null || typed.isBlank()) {
      return Optional.empty();
    }
    String t = typed.trim().toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : known) {
      String n = name.toLowerCase(Locale.ROOT);
      int d = n.startsWith(t) && t.length() >= 2 && !n.equals(t) ? 1 : distance(t, n);
      if (d <= Math.max(1, n.length() / 3) && d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * A phrase to append to an error message: {@code "; did you mean 'x'?"}, or "" when no known name
   * is close.
   *
   * @param typed what was typed
   * @param known the valid names
   * @return the phrase, starting with "; "
   */
  public static String suggestion(String typed, Collection<String> known) {
    return nearest(typed, known).map(n -> "; did you mean '" + n + "'?").orElse("");
  }

  /**
   * The optimal string alignment distance between two strings (case-sensitive).
   *
   * @param a one string
   * @param b the other
   * @return the number of insertions, deletions, substitutions and neighbour swaps turning {@code
   *     a} into {@code b}
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
