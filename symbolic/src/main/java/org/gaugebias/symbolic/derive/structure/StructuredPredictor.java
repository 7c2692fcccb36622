package org.gaugebias.symbolic.derive.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Evaluates a large predictor built from vector parameters and constant matrices without the
 * CAS: elementwise products ({@code u*v}, a vector times a matrix row by row), {@code Accumulate},
 * {@code Differences}, {@code Dot} with a constant matrix, {@code Transpose} and {@code Inverse}
 * of a constant matrix (never symbolically: {@link ConstantOperator} inverts rational and
 * orthonormal matrices exactly), and Kronecker products ({@code KroneckerProduct[A, B]}, a
 * declared {@code kron(…)}) kept by their factors: inverted and transposed factor by factor and
 * applied without forming the dense product. The result is a list of sums of coefficient·monomial terms,
 * the form {@link LinearBlocks} reads. Anything else gives empty, and the CAS evaluates it.
 * (Symja needs more than 30 s for {@code Accumulate[u*v]} at n = 200, and a 64×64 DCT's
 * {@code Inverse} never returns.)
 */
public final class StructuredPredictor {
  private StructuredPredictor() {
  }

  /** The value of {@code e} with {@code values} substituted, if the evaluator covers it. */
  public static Optional<Expr> evaluate(Expr e, Map<String, Expr> values) {
    try {
      Expr v = eval(e, values);
      return v instanceof Expr.Vec ? Optional.of(v) : Optional.empty();
    } catch (Unsupported u) {
      return Optional.empty();
    }
  }

  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  /** A Kronecker operator of {@code rows} rows applied to a vector of {@code length} entries. */
  public static final class SizeMismatch extends RuntimeException {
    private final int rows;
    private final int length;

    SizeMismatch(int rows, int length) {
      super(null, null, false, false);
      this.rows = rows;
      this.length = length;
    }

    public int rows() {
      return rows;
    }

    public int length() {
      return length;
    }
  }

  private static final String KRONECKER = "KroneckerProduct";

  /** Whether {@code e} is a Kronecker product held by its factors. */
  private static boolean isKronecker(Expr e) {
    return e instanceof Expr.Fn f && f.head().equals(KRONECKER);
  }

  private static List<List<List<Expr>>> factors(Expr kronecker) {
    return ((Expr.Fn) kronecker).args().stream().map(StructuredPredictor::matrix).toList();
  }

  private static Expr kronecker(List<List<List<Expr>>> factors) {
    return new Expr.Fn(KRONECKER, factors.stream().map(StructuredPredictor::literal).toList());
  }

  private static Expr literal(List<List<Expr>> m) {
    return new Expr.Vec(m.stream().map(r -> (Expr) new Expr.Vec(r)).toList());
  }

  private static List<List<Expr>> transpose(List<List<Expr>> m) {
    List<List<Expr>> rows = new ArrayList<>();
    for (int j = 0; j < m.get(0).size(); j++) {
      List<Expr> r = new ArrayList<>();
      for (List<Expr> row : m) {
        r.add(row.get(j));
      }
      rows.add(r);
    }
    return rows;
  }

  /** A constant matrix's inverse without the CAS ({@link ConstantOperator}). */
  private static List<List<Expr>> inverse(List<List<Expr>> m) {
    if (m.stream().flatMap(List::stream).anyMatch(x -> !Exprs.symbols(x).stream()
        .allMatch(Exprs::isConstant))) {
      throw new Unsupported();
    }
    return ConstantOperator.of(m).orElseThrow(Unsupported::new).inverse();
  }

  /**
   * (F_1 ⊗ … ⊗ F_m) x without the dense product: x read row-major as an n_1×…×n_m array and
   * each factor applied along its axis ((A ⊗ B) x = vec(A X Bᵀ) for two factors), N·Σ n_k
   * products instead of N².
   */
  private static Expr apply(List<List<List<Expr>>> factors, List<Expr> x) {
    int total = factors.stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
    if (x.size() != total) {
      throw new SizeMismatch(total, x.size());
    }
    List<List<Expr>> y = new ArrayList<>();
    x.forEach(e -> y.add(terms(e)));
    int stride = 1;
    for (int k = factors.size() - 1; k >= 0; k--) {
      List<List<Expr>> f = factors.get(k);
      int n = f.size();
      int block = n * stride;
      List<List<Expr>> z = new ArrayList<>(java.util.Collections.nCopies(total, List.of()));
      for (int outer = 0; outer < total; outer += block) {
        for (int inner = 0; inner < stride; inner++) {
          for (int i = 0; i < n; i++) {
            List<Expr> t = new ArrayList<>();
            for (int j = 0; j < n; j++) {
              Expr c = f.get(i).get(j);
              if (!Exprs.isZero(c)) {
                y.get(outer + j * stride + inner).forEach(term -> t.add(scale(c, term)));
              }
            }
            z.set(outer + i * stride + inner, t);
          }
        }
      }
      y.clear();
      y.addAll(z);
      stride = block;
    }
    return new Expr.Vec(y.stream().map(StructuredPredictor::sum).toList());
  }

  /** The dense matrix of a Kronecker product, where an operation needs its entries. */
  private static Expr plain(Expr e) {
    if (!isKronecker(e)) {
      return e;
    }
    List<List<Expr>> dense = List.of(List.of(Expr.integer(1)));
    for (List<List<Expr>> f : factors(e)) {
      List<List<Expr>> next = new ArrayList<>();
      for (List<Expr> ra : dense) {
        for (List<Expr> rb : f) {
          List<Expr> row = new ArrayList<>();
          for (Expr a : ra) {
            for (Expr b : rb) {
              row.add(scale(a, b));
            }
          }
          next.add(row);
        }
      }
      dense = next;
    }
    return literal(dense);
  }

  private static Expr eval(Expr e, Map<String, Expr> values) {
    if (e instanceof Expr.Num) {
      return e;
    }
    if (e instanceof Expr.Sym s) {
      Expr v = values.get(s.name());
      if (v == null) {
        throw new Unsupported();
      }
      if (isKronecker(v)) {
        return kronecker(factors(v)); // a declared kron(…): its factors' literals
      }
      return v;
    }
    if (e instanceof Expr.Vec v) {
      return new Expr.Vec(v.items().stream().map(x -> eval(x, values)).toList());
    }
    if (e instanceof Expr.Mul m) {
      Expr acc = null;
      for (Expr f : m.factors()) {
        Expr x = plain(eval(f, values));
        acc = acc == null ? x : times(acc, x);
      }
      return acc;
    }
    if (e instanceof Expr.Fn f) {
      List<Expr> args = f.args();
      switch (f.head()) {
        case "Accumulate" -> {
          List<Expr> xs = vector(eval(args.get(0), values));
          List<Expr> out = new ArrayList<>();
          List<Expr> terms = new ArrayList<>();
          for (Expr x : xs) {
            terms.addAll(terms(x));
            out.add(sum(terms));
          }
          return new Expr.Vec(out);
        }
        case "Differences" -> {
          List<Expr> xs = vector(eval(args.get(0), values));
          List<Expr> out = new ArrayList<>();
          for (int i = 1; i < xs.size(); i++) {
            List<Expr> t = new ArrayList<>(terms(xs.get(i)));
            terms(xs.get(i - 1)).forEach(x -> t.add(scale(Expr.integer(-1), x)));
            out.add(sum(t));
          }
          return new Expr.Vec(out);
        }
        case "Dot" -> {
          if (args.size() < 2) {
            throw new Unsupported();
          }
          // A.B.C = A.(B.C), from the right: a factor of atoms times sums of monomials stays a
          // sum of monomials (W4.W3.W2.W1 at 100 parameters: Symja's Dot takes seconds)
          Expr right = plain(eval(args.get(args.size() - 1), values));
          for (int k = args.size() - 2; k >= 0; k--) {
            Expr left = eval(args.get(k), values);
            right = isKronecker(left) && isVector(right) ? apply(factors(left), vector(right))
                : dot(matrix(left), right);
          }
          return right;
        }
        case KRONECKER -> {
          if (args.size() < 2) {
            throw new Unsupported();
          }
          return kronecker(args.stream().map(a -> matrix(eval(a, values))).toList());
        }
        case "Transpose" -> {
          Expr arg = eval(args.get(0), values);
          if (isKronecker(arg)) {
            return kronecker(factors(arg).stream().map(StructuredPredictor::transpose).toList());
          }
          List<List<Expr>> m = matrix(arg);
          List<Expr> rows = new ArrayList<>();
          for (int j = 0; j < m.get(0).size(); j++) {
            List<Expr> r = new ArrayList<>();
            for (List<Expr> row : m) {
              r.add(row.get(j));
            }
            rows.add(new Expr.Vec(r));
          }
          return new Expr.Vec(rows);
        }
        case "Inverse" -> {
          Expr arg = eval(args.get(0), values);
          if (isKronecker(arg)) {
            // (A ⊗ B)⁻¹ = A⁻¹ ⊗ B⁻¹: only the factors are inverted
            return kronecker(factors(arg).stream().map(StructuredPredictor::inverse).toList());
          }
          List<List<Expr>> m = matrix(arg);
          if (m.stream().flatMap(List::stream).anyMatch(x -> !Exprs.symbols(x).stream()
              .allMatch(Exprs::isConstant))) {
            throw new Unsupported();
          }
          // exact for rational and orthonormal M; otherwise numeric (LU), as ConstantOperator says
          ConstantOperator op = ConstantOperator.of(m).orElseThrow(Unsupported::new);
          return new Expr.Vec(op.inverse().stream().map(r -> (Expr) new Expr.Vec(r)).toList());
        }
        case "UnitVector" -> {
          if (args.size() != 2 || !(eval(args.get(0), values) instanceof Expr.Num n)
              || !(eval(args.get(1), values) instanceof Expr.Num k) || !n.isInteger()
              || !k.isInteger()) {
            throw new Unsupported();
          }
          List<Expr> out = new ArrayList<>();
          for (int i = 1; i <= n.num().intValueExact(); i++) {
            out.add(Expr.integer(i == k.num().intValueExact() ? 1 : 0));
          }
          return new Expr.Vec(out);
        }
        case "DiagonalMatrix" -> {
          List<Expr> d = vector(eval(args.get(0), values));
          List<Expr> rows = new ArrayList<>();
          for (int i = 0; i < d.size(); i++) {
            List<Expr> r = new ArrayList<>();
            for (int j = 0; j < d.size(); j++) {
              r.add(i == j ? d.get(i) : Expr.integer(0));
            }
            rows.add(new Expr.Vec(r));
          }
          return new Expr.Vec(rows);
        }
        default -> throw new Unsupported();
      }
    }
    throw new Unsupported();
  }

  /** m.right for a matrix m and a matrix or vector value {@code right}. */
  private static Expr dot(List<List<Expr>> m, Expr right) {
    if (right instanceof Expr.Vec rv && !rv.items().isEmpty()
        && rv.items().get(0) instanceof Expr.Vec) {
      return matrixProduct(m, matrix(right));
    }
    List<Expr> x = vector(right);
    List<Expr> out = new ArrayList<>();
    for (List<Expr> row : m) {
      if (row.size() != x.size()) {
        throw new Unsupported();
      }
      List<Expr> t = new ArrayList<>();
      for (int j = 0; j < row.size(); j++) {
        Expr c = row.get(j);
        if (!Exprs.isZero(c)) {
          terms(x.get(j)).forEach(term -> t.add(scale(c, term)));
        }
      }
      out.add(sum(t));
    }
    return new Expr.Vec(out);
  }

  private static Expr matrixProduct(List<List<Expr>> a, List<List<Expr>> b) {
    List<Expr> rows = new ArrayList<>();
    for (List<Expr> row : a) {
      if (row.size() != b.size()) {
        throw new Unsupported();
      }
      List<Expr> r = new ArrayList<>();
      for (int j = 0; j < b.get(0).size(); j++) {
        List<Expr> t = new ArrayList<>();
        for (int k = 0; k < row.size(); k++) {
          Expr c = row.get(k);
          Expr x = b.get(k).get(j);
          if (!Exprs.isZero(c) && !Exprs.isZero(x)) {
            terms(x).forEach(term -> t.add(scale(c, term)));
          }
        }
        r.add(sum(t));
      }
      rows.add(new Expr.Vec(r));
    }
    return new Expr.Vec(rows);
  }

  /** Listable Times: elementwise on equal lengths, a scalar over a list, a vector over rows. */
  private static Expr times(Expr a, Expr b) {
    if (a instanceof Expr.Vec va && b instanceof Expr.Vec vb) {
      if (va.items().size() != vb.items().size()) {
        throw new Unsupported();
      }
      List<Expr> out = new ArrayList<>();
      for (int i = 0; i < va.items().size(); i++) {
        out.add(times(va.items().get(i), vb.items().get(i)));
      }
      return new Expr.Vec(out);
    }
    if (a instanceof Expr.Vec va) {
      return new Expr.Vec(va.items().stream().map(x -> times(x, b)).toList());
    }
    if (b instanceof Expr.Vec vb) {
      return new Expr.Vec(vb.items().stream().map(x -> times(a, x)).toList());
    }
    if (a instanceof Expr.Add || b instanceof Expr.Add) {
      throw new Unsupported(); // products of sums: the CAS expands them
    }
    return scale(a, b);
  }

  private static Expr scale(Expr c, Expr term) {
    if (Exprs.isZero(c) || Exprs.isZero(term)) {
      return Expr.integer(0);
    }
    if (c instanceof Expr.Num a && term instanceof Expr.Num b) {
      return new Expr.Num(a.num().multiply(b.num()), a.den().multiply(b.den()));
    }
    List<Expr> f = new ArrayList<>();
    f.addAll(c instanceof Expr.Mul m ? m.factors() : List.of(c));
    f.addAll(term instanceof Expr.Mul m ? m.factors() : List.of(term));
    f.removeIf(x -> x instanceof Expr.Num n && n.num().equals(n.den()));
    return f.isEmpty() ? Expr.integer(1) : f.size() == 1 ? f.get(0) : new Expr.Mul(f);
  }

  private static List<Expr> terms(Expr e) {
    return e instanceof Expr.Add a ? a.terms() : List.of(e);
  }

  private static Expr sum(List<Expr> all) {
    List<Expr> terms = all.stream().filter(t -> !Exprs.isZero(t)).toList();
    return terms.isEmpty() ? Expr.integer(0) : terms.size() == 1 ? terms.get(0)
        : new Expr.Add(terms);
  }

  private static List<Expr> vector(Expr e) {
    if (!(e instanceof Expr.Vec v) || v.items().stream().anyMatch(x -> x instanceof Expr.Vec)) {
      throw new Unsupported();
    }
    return v.items();
  }

  private static boolean isVector(Expr e) {
    return e instanceof Expr.Vec v && v.items().stream().noneMatch(x -> x instanceof Expr.Vec);
  }

  private static List<List<Expr>> matrix(Expr e) {
    if (isKronecker(e)) {
      e = plain(e);
    }
    if (!(e instanceof Expr.Vec v) || v.items().isEmpty()) {
      throw new Unsupported();
    }
    List<List<Expr>> out = new ArrayList<>();
    for (Expr r : v.items()) {
      out.add(vector(r));
    }
    return out;
  }
}
