package org.gaugebias.symbolic.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A constant matrix declared by name instead of entry by entry ({@code Dct: dct 64}), written the
 * way parameters declare shapes ({@code u: vector 64}). The value is the exact matrix literal a
 * user could have typed, so the rest of the engine treats it like any other constant; the name
 * travels with it, so that printers can say "the orthonormal DCT-II of size 64" instead of
 * 4096 cosines (docs/design-format.md, "Named transforms").
 *
 * @param kind the transform
 * @param size n (the matrix is n×n)
 */
public record NamedTransform(Kind kind, int size) {

  /** Sizes above this are refused: n² exact entries must stay small beside a 256 KiB design. */
  public static final int LARGEST = 512;

  /** The transforms a design may name. */
  public enum Kind {
    /** Orthonormal DCT-II: D[k][j] = s_k cos(π(2j + 1)k/(2n)), s_0 = √(1/n), s_k = √(2/n). */
    DCT("dct", "the orthonormal DCT-II"),
    /** Sylvester's Walsh–Hadamard matrix scaled by 1/√n (orthonormal), n a power of 2. */
    HADAMARD("hadamard", "the orthonormal Walsh–Hadamard matrix"),
    /** First differences: (Dβ)_1 = β_1, (Dβ)_i = β_i − β_{i−1}; lower bidiagonal, det 1. */
    DIFFERENCE("difference", "the first-difference matrix"),
    /** The identity. */
    IDENTITY("identity", "the identity");

    private final String keyword;
    private final String meaning;

    Kind(String keyword, String meaning) {
      this.keyword = keyword;
      this.meaning = meaning;
    }

    public String keyword() {
      return keyword;
    }
  }

  private static final Pattern SYNTAX = Pattern.compile(
      "\\s*([a-z]+)(?:\\s+|\\s*\\(\\s*)([0-9]+)\\s*\\)?\\s*");

  /**
   * The transform a constant's text names ({@code dct 64}, also {@code dct(64)}), empty when
   * the text is not of that form (it is then read as a Wolfram literal).
   *
   * @throws IllegalArgumentException when the keyword is known but the size is not valid
   */
  public static Optional<NamedTransform> parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.keyword.equals(m.group(1))) {
        kind = k;
      }
    }
    if (kind == null) {
      return Optional.empty();
    }
    int n;
    try {
      n = Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      n = Integer.MAX_VALUE;
    }
    if (n < 1 || n > LARGEST) {
      throw new IllegalArgumentException("'" + kind.keyword + " " + m.group(2)
          + "': the size must be between 1 and " + LARGEST);
    }
    if (kind == Kind.HADAMARD && Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("'hadamard " + n + "': Sylvester's Walsh–Hadamard"
          + " matrix exists for powers of 2 only (e.g. 32, 64); write another size's matrix"
          + " as a literal");
    }
    return Optional.of(new NamedTransform(kind, n));
  }

  /** What the matrix is, for people: "the orthonormal DCT-II of size 64". */
  public String meaning() {
    return kind.meaning + " of size " + size;
  }

  /** The declaration as written in a design: {@code dct 64}. */
  public String declaration() {
    return kind.keyword + " " + size;
  }

  /** The exact matrix, as the Wolfram literal a user would write. */
  public Expr matrix() {
    List<Expr> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < size; j++) {
        row.add(WolframSyntax.parse(entry(i, j)));
      }
      rows.add(new Expr.Vec(row));
    }
    return new Expr.Vec(rows);
  }

  /** Entry (i, j), 0-based, in Wolfram syntax. */
  String entry(int i, int j) {
    int n = size;
    return switch (kind) {
      case IDENTITY -> i == j ? "1" : "0";
      case DIFFERENCE -> i == j ? "1" : j == i - 1 ? "-1" : "0";
      case HADAMARD -> {
        int sign = Integer.bitCount(i & j) % 2 == 0 ? 1 : -1;
        yield (sign < 0 ? "-" : "") + scale(1, n);
      }
      case DCT -> {
        if (i == 0) {
          yield scale(1, n);
        }
        // cos(π(2j+1)i/(2n)), the angle's fraction reduced so that Symja and printers see p/q
        long num = (2L * j + 1) * i;
        long den = 2L * n;
        long g = java.math.BigInteger.valueOf(num).gcd(java.math.BigInteger.valueOf(den))
            .longValue();
        yield scale(2, n) + "*Cos[" + (num / g == 1 ? "" : num / g + "*") + "Pi/" + den / g
            + "]";
      }
    };
  }

  /** √(k/n) in lowest terms as a literal: 1/8, Sqrt[2]/8, 1/Sqrt[48], Sqrt[1/24]. */
  private static String scale(int k, int n) {
    long root = Math.round(Math.sqrt((double) n));
    if (root * root == n) {
      return k == 1 ? "1/" + root : "Sqrt[" + k + "]/" + root;
    }
    if (n % k == 0) {
      long m = n / k;
      long r = Math.round(Math.sqrt((double) m));
      return r * r == m ? "1/" + r : "1/Sqrt[" + m + "]";
    }
    return String.format(Locale.ROOT, "Sqrt[%d/%d]", k, n);
  }
}
