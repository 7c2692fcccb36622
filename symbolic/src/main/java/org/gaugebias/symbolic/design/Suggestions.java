package org.gaugebias.symbolic.design;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names: the closest candidate by edit distance. */
final class Suggestions {
  private Suggestions() {
  }

  /**
   * The candidate closest to {@code word}, if it is close enough to be a plausible typo: the
   * same word in another case, a prefix of at least three letters ({@code param}), or at most
   * two edits away (one for short words, so that {@code u} does not suggest {@code v}).
   */
  static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    String w = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int score;
      if (lc.equals(w)) {
        score = 0;
      } else if (w.length() >= 3 && (lc.startsWith(w) || w.startsWith(lc))) {
        score = 1;
      } else {
        int d = distance(w, lc);
        int allowed = Math.min(w.length(), lc.length()) <= 3 ? 1 : 2;
        if (d > allowed || d >= Math.max(w.length(), lc.length())) {
          continue;
        }
        score = d + 1;
      }
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance (both words are short: keys and names). */
  static int distance(String a, String b) {
    if (a.length() > 64 || b.length() > 64) {
      return Math.max(a.length(), b.length());
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
