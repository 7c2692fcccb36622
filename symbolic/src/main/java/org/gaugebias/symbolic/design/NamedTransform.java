package org.gaugebias.symbolic.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    DCT("dct", "the orthonormal DCT-II", true),
    /** Sylvester's Walsh–Hadamard matrix scaled by 1/√n (orthonormal), n a power of 2. */
    HADAMARD("hadamard", "the orthonormal Walsh–Hadamard matrix", true),
    /** First differences: (Dβ)_1 = β_1, (Dβ)_i = β_i − β_{i−1}; lower bidiagonal, det 1. */
    DIFFERENCE("difference", "the first-difference matrix", false),
    /** The identity. */
    IDENTITY("identity", "the identity", true);

    private final String keyword;
    private final String meaning;
    private final boolean orthonormal;

    Kind(String keyword, String meaning, boolean orthonormal) {
      this.keyword = keyword;
      this.meaning = meaning;
      this.orthonormal = orthonormal;
    }

    /** Whether the matrix is orthonormal (its inverse is its transpose, |det| = 1). */
    public boolean orthonormal() {
      return orthonormal;
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

  /**
   * The exact matrix, as the literal a user would write ({@code Sqrt[2]/8*Cos[3*Pi/128]}),
   * built directly (parsing 4096 entries takes a noticeable part of a second).
   */
  public Expr matrix() {
    Expr[] scales = {scale(1), scale(2)};
    List<Expr> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < size; j++) {
        row.add(entry(i, j, scales));
      }
      rows.add(new Expr.Vec(row));
    }
    return new Expr.Vec(rows);
  }

  /** Entry (i, j), 0-based; {@code scales} = √(1/n), √(2/n). */
  private Expr entry(int i, int j, Expr[] scales) {
    return switch (kind) {
      case IDENTITY -> Expr.integer(i == j ? 1 : 0);
      case DIFFERENCE -> Expr.integer(i == j ? 1 : j == i - 1 ? -1 : 0);
      case HADAMARD -> Integer.bitCount(i & j) % 2 == 0 ? scales[0]
          : new Expr.Mul(List.of(Expr.integer(-1), scales[0]));
      case DCT -> i == 0 ? scales[0] : new Expr.Mul(List.of(scales[1], new Expr.Fn("Cos",
          List.of(new Expr.Mul(List.of(Expr.rational((2L * j + 1) * i, 2L * size),
              new Expr.Sym("Pi"))))))); // cos(π(2j+1)i/(2n)), the fraction in lowest terms
    };
  }

  /** √(k/n) exactly: a rational when k/n is a square ({@code 1/8}), else a square root. */
  private Expr scale(int k) {
    Expr.Num q = Expr.rational(k, size);
    long a = Math.round(Math.sqrt(q.num().doubleValue()));
    long b = Math.round(Math.sqrt(q.den().doubleValue()));
    if (a * a == q.num().longValue() && b * b == q.den().longValue()) {
      return Expr.rational(a, b);
    }
    return new Expr.Pow(q, Expr.rational(1, 2));
  }
}
