package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Evaluates a large family-1 target ({@code T/2*Total[Log[Abs[D.beta]]]}, D a 64 × 64 cosine
 * table) without handing Symja the product with 64 symbols: the parts free of β (D, T/2) are
 * evaluated by the CAS, {@code Dot} of a constant matrix with β is formed in Java as linear
 * forms, and the listable functions, {@code Total} and arithmetic are threaded over lists here.
 * (Symja did not evaluate the 64-point DCT target within its 30 s.) Anything else: empty, and
 * the CAS evaluates the whole target as before.
 */
final class ListableTarget {
  private static final Set<String> LISTABLE = Set.of("Log", "Abs", "Sqrt", "Exp");
  private final Algebra cas;
  private final String variable;
  private final Expr value;

  private ListableTarget(Algebra cas, String variable, Expr value) {
    this.cas = cas;
    this.variable = variable;
    this.value = value;
  }

  /** The target with {@code variable} standing for {@code value} (the list of components). */
  static Optional<Expr> evaluate(Algebra cas, Expr target, String variable, Expr value) {
    try {
      return Optional.of(new ListableTarget(cas, variable, value).eval(target));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private Expr eval(Expr e) {
    if (e.isFreeOf(Set.of(variable))) {
      return cas.evaluate(e);
    }
    if (e instanceof Expr.Sym) {
      return value;
    }
    if (e instanceof Expr.Fn f && f.head().equals("Dot") && f.args().size() == 2) {
      return dot(eval(f.args().get(0)), eval(f.args().get(1)));
    }
    if (e instanceof Expr.Fn f && f.args().size() == 1 && LISTABLE.contains(f.head())) {
      Expr x = eval(f.args().get(0));
      return x instanceof Expr.Vec v ? new Expr.Vec(v.items().stream()
          .map(i -> (Expr) Expr.fn(f.head(), i)).toList()) : Expr.fn(f.head(), x);
    }
    if (e instanceof Expr.Fn f && f.head().equals("Total") && f.args().size() == 1
        && eval(f.args().get(0)) instanceof Expr.Vec v && !Exprs.isMatrix(v)) {
      return v.items().size() == 1 ? v.items().get(0) : new Expr.Add(v.items());
    }
    if (e instanceof Expr.Fn f && f.head().equals("Prepend") && f.args().size() == 2
        && eval(f.args().get(0)) instanceof Expr.Vec v && !Exprs.isMatrix(v)) {
      List<Expr> items = new ArrayList<>();
      items.add(eval(f.args().get(1)));
      items.addAll(v.items());
      return new Expr.Vec(items);
    }
    if (e instanceof Expr.Fn f && f.head().equals("Differences") && f.args().size() == 1
        && eval(f.args().get(0)) instanceof Expr.Vec v && !Exprs.isMatrix(v)) {
      List<Expr> items = new ArrayList<>();
      for (int i = 1; i < v.items().size(); i++) {
        Expr before = v.items().get(i - 1);
        items.add(Exprs.isZero(before) ? v.items().get(i) : Expr.add(v.items().get(i),
            Expr.mul(Expr.integer(-1), before)));
      }
      return new Expr.Vec(items);
    }
    if (e instanceof Expr.Mul m) {
      return thread(m.factors(), true);
    }
    if (e instanceof Expr.Add a) {
      return thread(a.terms(), false);
    }
    throw new Unsupported();
  }

  /** Products and sums with lists threaded elementwise, scalars broadcast. */
  private Expr thread(List<Expr> parts, boolean product) {
    List<Expr> evaluated = parts.stream().map(this::eval).toList();
    int n = -1;
    for (Expr x : evaluated) {
      if (x instanceof Expr.Vec v) {
        if (Exprs.isMatrix(v) || n >= 0 && v.items().size() != n) {
          throw new Unsupported();
        }
        n = v.items().size();
      }
    }
    if (n < 0) {
      return product ? new Expr.Mul(evaluated) : new Expr.Add(evaluated);
    }
    List<Expr> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Expr> at = new ArrayList<>();
      for (Expr x : evaluated) {
        at.add(x instanceof Expr.Vec v ? v.items().get(i) : x);
      }
      items.add(product ? new Expr.Mul(at) : new Expr.Add(at));
    }
    return new Expr.Vec(items);
  }

  /** A constant matrix times the vector of components: one linear form per row. */
  private static Expr dot(Expr matrix, Expr vector) {
    if (!(matrix instanceof Expr.Vec rows && Exprs.isMatrix(matrix)
        && vector instanceof Expr.Vec v && !Exprs.isMatrix(vector))) {
      throw new Unsupported();
    }
    List<Expr> forms = new ArrayList<>();
    for (Expr row : rows.items()) {
      List<Expr> entries = ((Expr.Vec) row).items();
      if (entries.size() != v.items().size()) {
        throw new Unsupported();
      }
      List<Expr> terms = new ArrayList<>();
      for (int j = 0; j < entries.size(); j++) {
        if (!Exprs.isZero(entries.get(j))) {
          terms.add(Expr.mul(entries.get(j), v.items().get(j)));
        }
      }
      forms.add(terms.isEmpty() ? Expr.integer(0) : terms.size() == 1 ? terms.get(0)
          : new Expr.Add(terms));
    }
    return new Expr.Vec(forms);
  }
}
