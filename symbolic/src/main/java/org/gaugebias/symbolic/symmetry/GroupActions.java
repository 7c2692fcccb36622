package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.Parameterization.GeneratorField;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.design.ActionDecl;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * The fundamental vector fields of declared group actions (THEORY.md §1):
 * {@code ξ_X(θ) = d/dε (I + εX)·θ |_{ε=0}} for each element X of the algebra basis
 * ({@link AlgebraBasis}), computed by substituting {@code I + εX} for the group element in the
 * action and differentiating at ε = 0 with the CAS. For {@code U ↦ U.A, V ↦ V.A^{-T}} this
 * gives {@code X ↦ (UX, −VXᵀ)}; for a scale {@code c ↦ (c w, v/c)} the field {@code (w, −v)}.
 * Invariance is not assumed: the deriver checks every field like a declared one.
 */
public final class GroupActions {
  /** The expansion variable; not a name a design can declare (it has no '$' but a prefix). */
  private static final String EPSILON = "gbEps";
  private final Algebra cas;
  private final List<Variable> parameters;

  /**
   * @param cas the CAS for evaluation and differentiation
   * @param parameters the model's parameters, in flattening order
   */
  public GroupActions(Algebra cas, List<Variable> parameters) {
    this.cas = cas;
    this.parameters = List.copyOf(parameters);
  }

  /**
   * The fields of one declared action: for each value of its indices (first slowest), one field
   * per basis element, each of length d in flattening order.
   *
   * @param values what the parameters and constants stand for in expressions
   * @throws DerivationException (invalid design) when an image has the wrong shape or cannot be
   *     evaluated, at the position of its key
   */
  public List<GeneratorField> fields(ActionDecl action, Map<String, Expr> values) {
    List<GeneratorField> out = new ArrayList<>();
    List<AlgebraBasis.Element> basis = AlgebraBasis.of(action.group());
    String name = action.label().orElse(action.group().kind().name().toLowerCase(
        java.util.Locale.ROOT));
    action.acts().forEach(a -> requireMatchingSize(action, name, a));
    for (Map<String, Integer> idx : action.indexValues()) {
      for (AlgebraBasis.Element x : basis) {
        Map<String, Expr> env = new LinkedHashMap<>(values);
        idx.forEach((k, v) -> env.put(k, Expr.integer(v)));
        env.put(action.element(), nearIdentity(action.group(), x));
        Map<String, Expr> moved = new LinkedHashMap<>();
        for (ActionDecl.Acted a : action.acts()) {
          Expr image = Exprs.substitute(a.image().value(), env);
          Expr tangent;
          try {
            tangent = cas.derivativeAt(image, EPSILON, Expr.integer(0));
          } catch (CasException e) {
            throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
                a.image().pos().toString(), "the image of '" + a.parameter() + "' under action '"
                    + name + "' cannot be differentiated at the identity: " + e.getMessage());
          }
          place(a, idx, tangent, moved);
        }
        List<Expr> field = new ArrayList<>();
        for (Variable p : parameters) {
          for (Component c : p.components()) {
            field.add(moved.getOrDefault(c.symbol(), Expr.integer(0)));
          }
        }
        String label = name + (idx.isEmpty() ? "" : idx.toString().replace(" ", ""))
            + (x.label().isEmpty() ? "" : "[" + x.label() + "]");
        out.add(new GeneratorField(label, field, action.pos().toString()));
      }
    }
    return out;
  }

  /**
   * A k×k group element can only multiply a parameter that has a side of size k: otherwise the
   * image (U.R with U 3×3 and R 2×2) has no value, and the CAS would only say that it cannot
   * differentiate an unevaluated product. Checked for actions on a whole vector or matrix.
   */
  private void requireMatchingSize(ActionDecl action, String name, ActionDecl.Acted a) {
    ActionDecl.Group g = action.group();
    if (g.kind() == ActionDecl.GroupKind.SCALE || !a.part().isEmpty()
        || !Exprs.symbols(a.image().value()).contains(action.element())) {
      return;
    }
    parameters.stream().filter(v -> v.name().equals(a.parameter())).findFirst().ifPresent(p -> {
      List<Integer> sides = p.shape().dims();
      if (!sides.isEmpty() && !sides.contains(g.size())) {
        throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
            a.image().pos().toString(), "action '" + name + "': its group " + g + " has "
            + g.size() + " × " + g.size() + " elements '" + action.element() + "', but '"
            + p.name() + "' is a " + p.shape() + ", with no side of size " + g.size()
            + ", so the image " + org.gaugebias.symbolic.expr.TextPrinter.print(a.image().value())
            + " has no value; a group"
            + " acting on '" + p.name() + "' needs the size of the side it multiplies ("
            + sides.stream().distinct().map(k -> g.kind() + " " + k)
                .collect(java.util.stream.Collectors.joining(" or ")) + ")");
      }
    });
  }

  /** {@code I + εX} as a matrix expression, or {@code 1 + ε} for a scale. */
  private static Expr nearIdentity(ActionDecl.Group group, AlgebraBasis.Element x) {
    Expr eps = new Expr.Sym(EPSILON);
    if (group.kind() == ActionDecl.GroupKind.SCALE) {
      return Expr.add(Expr.integer(1), eps);
    }
    int k = group.size();
    List<Expr> rows = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        row.add(Expr.add(Expr.integer(i == j ? 1 : 0),
            Expr.mul(Expr.integer(x.matrix()[i][j]), eps)));
      }
      rows.add(new Expr.Vec(row));
    }
    return new Expr.Vec(rows);
  }

  /** Puts the tangent of one acted parameter (or part) on its component symbols. */
  private void place(ActionDecl.Acted a, Map<String, Integer> idx, Expr tangent,
      Map<String, Expr> moved) {
    Variable p = parameters.stream().filter(v -> v.name().equals(a.parameter())).findFirst()
        .orElseThrow(() -> invalid(a, "'" + a.parameter() + "' is not a parameter"));
    List<Integer> part = new ArrayList<>();
    for (Expr i : a.part()) {
      Expr v = i instanceof Expr.Sym s && idx.containsKey(s.name())
          ? Expr.integer(idx.get(s.name())) : i;
      if (!(v instanceof Expr.Num n) || n.num().bitLength() > 31) {
        throw invalid(a, "the part index " + i.toWolfram() + " is not a whole number");
      }
      part.add(n.num().intValue());
    }
    List<Component> target = p.components().stream()
        .filter(c -> c.indices().size() >= part.size()
            && c.indices().subList(0, part.size()).equals(part)).toList();
    if (target.isEmpty()) {
      throw invalid(a, "the part " + part + " of '" + p.name() + "' (a " + p.shape()
          + ") does not exist");
    }
    List<Expr> flat = new ArrayList<>();
    flatten(tangent, flat);
    if (p.shape().kind() == org.gaugebias.symbolic.design.Shape.Kind.SYMMETRIC && part.isEmpty()
        && flat.size() == p.shape().rows() * p.shape().rows()) {
      flat = upperTriangle(a, flat, p.shape().rows());
    }
    if (flat.size() != target.size()) {
      throw invalid(a, "the image of '" + a.parameter() + (part.isEmpty() ? "" : part)
          + "' has " + flat.size() + " entries, but it moves " + target.size() + " (a "
          + p.shape() + (part.isEmpty() ? "" : ", part " + part) + "): check the action's shapes");
    }
    for (int i = 0; i < flat.size(); i++) {
      moved.put(target.get(i).symbol(), flat.get(i));
    }
  }

  /**
   * The coordinates x_ij (i ≤ j) of the tangent of a symmetric parameter; the tangent must be
   * symmetric (an action that leaves the symmetric matrices is not an action on them).
   */
  private List<Expr> upperTriangle(ActionDecl.Acted a, List<Expr> flat, int n) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        Expr x = flat.get(i * n + j);
        Expr y = flat.get(j * n + i);
        if (!x.equals(y) && !Exprs.isZero(cas.expand(Expr.add(x, Expr.mul(Expr.integer(-1),
            y))))) {
          throw invalid(a, "the image of '" + a.parameter() + "' is not symmetric (entries ("
              + (i + 1) + ", " + (j + 1) + ") and (" + (j + 1) + ", " + (i + 1) + ") differ):"
              + " an action on a symmetric parameter must keep it symmetric, e.g."
              + " R.X.Transpose[R]");
        }
        out.add(x);
      }
    }
    return out;
  }

  private static DerivationException invalid(ActionDecl.Acted a, String message) {
    return new DerivationException(DerivationException.Kind.INVALID_DESIGN, a.pos().toString(),
        message);
  }

  private static void flatten(Expr e, List<Expr> out) {
    if (e instanceof Expr.Vec v) {
      v.items().forEach(x -> flatten(x, out));
    } else {
      out.add(e);
    }
  }
}
