package org.gaugebias.symbolic.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A constant declared as a Kronecker product of square operators, {@code D2: kron(dct 8, dct 8)}
 * (docs/design-format.md, "Kronecker operators"). The factors are named transforms or square
 * matrix constants declared above it; the value is {@code KroneckerProduct[F1, F2, …]} of the
 * factors' exact matrices, never the dense product, so that the engine applies, inverts and
 * takes the determinant of the operator factor by factor. Convention (row-major, the order of
 * {@code KroneckerProduct}): (A ⊗ B) x = vec(A X Bᵀ), X the n_A×n_B matrix whose rows are
 * consecutive blocks of n_B entries of x (an 8×8 image stored row by row: the 2-D transform).
 *
 * @param factors the factors, left to right (a factor that is itself a Kronecker constant is
 *     spliced in)
 */
public record KroneckerDecl(List<Factor> factors) {

  /** Kronecker operators larger than this are refused, like named transforms. */
  public static final int LARGEST = NamedTransform.LARGEST;

  /**
   * One factor.
   *
   * @param label how formulas name it: {@code Dct_8} for a named transform, else the constant's
   *     name
   * @param written the factor as written ({@code dct 8}, {@code M})
   * @param transform the named transform, if it is one
   * @param meaning what it is ("the orthonormal DCT-II of size 8")
   * @param matrix its exact matrix literal
   * @param pos where the factor is written
   */
  public record Factor(String label, String written, Optional<NamedTransform> transform,
      String meaning, Expr matrix, SourcePos pos) {
    public Factor {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(written, "written");
      Objects.requireNonNull(transform, "transform");
      Objects.requireNonNull(meaning, "meaning");
      Objects.requireNonNull(matrix, "matrix");
      Objects.requireNonNull(pos, "pos");
    }

    /** n, for an n×n factor. */
    public int size() {
      return ((Expr.Vec) matrix).items().size();
    }
  }

  public KroneckerDecl {
    factors = List.copyOf(factors);
    if (factors.size() < 2) {
      throw new IllegalArgumentException("a Kronecker product needs two factors or more");
    }
  }

  /** The order of the product, Π n_k. */
  public int size() {
    return factors.stream().mapToInt(Factor::size).reduce(1, (a, b) -> a * b);
  }

  /** The declaration as written in a design: {@code kron(dct 8, dct 8)}. */
  public String declaration() {
    return factors.stream().map(Factor::written).collect(Collectors.joining(", ", "kron(", ")"));
  }

  /** The product by factor labels: {@code Dct_8 ⊗ Dct_8}. */
  public String product() {
    return factors.stream().map(Factor::label).collect(Collectors.joining(" ⊗ "));
  }

  /** What the operator is, for people. */
  public String meaning() {
    return "the Kronecker product " + product() + " (" + factors.stream().map(Factor::meaning)
        .collect(Collectors.joining(" ⊗ ")) + ")";
  }

  /** The value: {@code KroneckerProduct[F1, F2, …]} of the exact factor matrices. */
  public Expr value() {
    return new Expr.Fn("KroneckerProduct", factors.stream().map(Factor::matrix).toList());
  }

  /** The label of a named transform factor: {@code Dct_8}, {@code Hadamard_4}, {@code I_3}. */
  public static String label(NamedTransform t) {
    return switch (t.kind()) {
      case DCT -> "Dct";
      case HADAMARD -> "Hadamard";
      case DIFFERENCE -> "Diff";
      case IDENTITY -> "I";
    } + "_" + t.size();
  }

  /** A factor's text and its offset in the declaration. */
  public record Part(String text, int offset) { }

  /**
   * The factors' texts of {@code kron(a, b, …)} (commas inside parentheses or braces do not
   * split), empty when the text is not a {@code kron(…)} call.
   */
  public static Optional<List<Part>> split(String text) {
    String t = text.stripTrailing();
    int lead = text.length() - text.stripLeading().length();
    String body = t.substring(lead);
    if (!body.startsWith("kron") || !body.endsWith(")")) {
      return Optional.empty();
    }
    int open = body.indexOf('(', 4);
    if (open < 0 || !body.substring(4, open).isBlank()) {
      return Optional.empty();
    }
    List<Part> out = new ArrayList<>();
    int depth = 0;
    int start = open + 1;
    for (int k = open + 1; k < body.length() - 1; k++) {
      char c = body.charAt(k);
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(part(body, start, k, lead));
        start = k + 1;
      }
    }
    out.add(part(body, start, body.length() - 1, lead));
    return Optional.of(out);
  }

  private static Part part(String body, int from, int to, int lead) {
    String raw = body.substring(from, to);
    int skip = raw.length() - raw.stripLeading().length();
    return new Part(raw.strip(), lead + from + skip);
  }
}
