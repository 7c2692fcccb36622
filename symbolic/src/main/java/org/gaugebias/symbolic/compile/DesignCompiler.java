package org.gaugebias.symbolic.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.cas.Algebra;
import java.util.Set;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.design.ActionDecl;
import org.gaugebias.symbolic.design.ConstantDecl;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.GaugeCondition;
import org.gaugebias.symbolic.design.GeneratorDecl;
import org.gaugebias.symbolic.design.Located;
import org.gaugebias.symbolic.design.ParameterDecl;
import org.gaugebias.symbolic.design.SourcePos;
import org.gaugebias.symbolic.design.TableDecl;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.expr.TabulatedFunction;
import org.gaugebias.symbolic.symmetry.GroupActions;
import org.gaugebias.symbolic.trace.Variant;

/**
 * Compiles a {@link Design} into a {@link Parameterization}: every parameter becomes a shaped
 * {@link Variable} of component symbols ({@code u → {u$1, u$2, u$3}},
 * {@code U → {{U$1$1, U$1$2}, …}}), constants
 * are substituted, and the predictor, generator fields, gauge conditions and loss are evaluated
 * (so {@code u*v} on vectors is elementwise, {@code Inverse[M].(u*v)} a matrix product). Shape
 * mismatches are reported at the declaration's position.
 */
public final class DesignCompiler {
  private final Algebra algebra;
  private final Algebra actionAlgebra;

  public DesignCompiler(SymjaSession cas) {
    this.algebra = new Algebra(cas, SymjaSession.DEFAULT_LIMIT);
    this.actionAlgebra = new Algebra(cas);
  }

  public Parameterization compile(Design d) {
    return compile(d, NumericFunctions.NONE);
  }

  /**
   * As {@link #compile(Design)}; the design's tables ({@code tables:}) are taken from
   * {@code provided} when it has them (a table still in memory, as in an inverse design's
   * proof), else read from their files, relative to the design file.
   */
  public Parameterization compile(Design d, NumericFunctions provided) {
    NumericFunctions functions = tables(d, provided);
    Map<String, Expr> values = new LinkedHashMap<>();
    List<Variable> parameters = new ArrayList<>();
    List<String> theta = new ArrayList<>();
    for (ParameterDecl p : d.parameters()) {
      Variable v = Variable.of(p.name(), p.shape());
      parameters.add(v);
      values.put(p.name(), v.value());
      theta.addAll(v.symbols());
    }
    for (ConstantDecl c : d.constants()) {
      values.put(c.name(), c.value());
      c.kronecker().ifPresent(k -> checkInvertible(c.name(), k));
    }
    if (parameters.stream().anyMatch(v -> v.shape().kind()
        == org.gaugebias.symbolic.design.Shape.Kind.SYMMETRIC)) {
      return spectral(d, parameters, values, theta, functions);
    }
    if (d.predictor().expr() instanceof Expr.Fn f && f.head().equals("Eigenvalues")) {
      // a symbolic eigenvalue formula is never what is meant (and the CAS may not return)
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
          d.predictor().exprPos().toString(), "a spectral predictor Eigenvalues[X] needs X"
              + " declared symmetric ('X: symmetric N' under parameters): conjugation,"
              + " THEORY.md §3");
    }
    // a Kronecker constant is applied factor by factor, never as its dense matrix; a named
    // transform is inverted exactly (ConstantOperator), never by the CAS (Symja's Inverse of an
    // 8-point DCT's cosines does not return in 30 s)
    boolean kronecker = d.constants().stream()
        .anyMatch(c -> c.kronecker().isPresent() || c.transform().isPresent());
    Expr written = tablesFirst(d.predictor().expr(), values, functions,
        d.predictor().exprPos());
    Expr predictor;
    try {
      predictor = threadTables(large(theta) || kronecker
          ? org.gaugebias.symbolic.derive.structure.StructuredPredictor.evaluate(
              written, values).orElseGet(() -> evaluate(written, values,
              d.predictor().exprPos(), "predictor"))
          : evaluate(written, values, d.predictor().exprPos(), "predictor"),
          functions);
    } catch (org.gaugebias.symbolic.derive.structure.StructuredPredictor.SizeMismatch e) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
          d.predictor().exprPos().toString(), "the predictor applies a Kronecker operator of "
              + e.rows() + " rows" + kroneckerNames(d, e.rows()) + " to a vector of "
              + e.length() + " entries: declare the parameters with " + e.rows()
              + " entries, or change the factors (the product of their sizes)");
    }
    List<Expr> f = flatten(predictor);
    Variable beta = Variable.of(d.predictor().name(), Variable.shapeOf(predictor));
    if (beta.components().size() != f.size()) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
          d.predictor().exprPos().toString(), "the predictor evaluates to "
              + predictor.toWolfram() + ", which is not a scalar, a vector or a matrix");
    }
    List<String> allowed = new ArrayList<>(theta);
    allowed.add(d.temperature());
    checkOnlyTheta(f, allowed, values, d.predictor().exprPos(), "predictor");

    List<Expr> assumptions = new ArrayList<>();
    for (Located<Expr> a : d.assumptions()) {
      assumptions.addAll(threadAssumption(evaluate(a.value(), values, a.pos(), "assumption")));
    }
    Optional<List<Parameterization.GeneratorField>> gens = d.generators()
        .map(list -> generators(list, d, values, theta));
    if (gens.isPresent() && !d.actions().isEmpty()) {
      List<Parameterization.GeneratorField> all = new ArrayList<>(gens.get());
      GroupActions actions = new GroupActions(actionAlgebra, parameters);
      for (ActionDecl a : d.actions()) {
        for (Parameterization.GeneratorField g : actions.fields(a, values)) {
          checkOnlyTheta(g.field(), theta, values, a.pos(), "action");
          all.add(g);
        }
      }
      gens = Optional.of(all);
    }
    Optional<List<Parameterization.GaugeCondition>> gauge = d.gauge()
        .map(list -> gauge(list, values));
    Map<String, Expr> withPredictor = new LinkedHashMap<>(values);
    withPredictor.put(d.predictor().name(), beta.value());
    Optional<Expr> loss = d.loss().map(l -> scalar(evaluate(l.value(), withPredictor, l.pos(),
        "loss"), l.pos(), "loss"));
    List<MatrixConstant> matrices = new ArrayList<>();
    for (ConstantDecl c : d.constants()) {
      c.kronecker().ifPresent(k -> matrices.add(new MatrixConstant(c.name(),
          Optional.empty(), Optional.of(k.meaning()), List.of(), k.factors().stream()
          .map(x -> new MatrixConstant(x.label(), x.transform(),
              Optional.of(x.meaning()), MatrixConstant.square(x.matrix()).orElseThrow()))
          .toList())));
      MatrixConstant.square(c.value()).ifPresent(m -> matrices.add(new MatrixConstant(c.name(),
          c.transform(), c.transform().map(t -> t.meaning()), m)));
    }
    return new Parameterization(d.id(), d.title(), d.source().toString(), parameters, beta, f,
        assumptions, gens, gauge, loss, d.temperature(), d.variant(), functions, matrices);
  }

  /**
   * A Kronecker constant must be invertible: det(F_1 ⊗ … ⊗ F_m) = Π_k det(F_k)^{N/n_k}, so a
   * singular factor (checked exactly for rational factors, by LU otherwise) is reported at the
   * factor.
   */
  private static void checkInvertible(String name,
      org.gaugebias.symbolic.design.KroneckerDecl k) {
    for (org.gaugebias.symbolic.design.KroneckerDecl.Factor f : k.factors()) {
      if (f.transform().isPresent()) {
        continue; // named transforms are invertible by construction
      }
      List<List<Expr>> m = MatrixConstant.square(f.matrix()).orElseThrow();
      if (org.gaugebias.symbolic.derive.structure.ConstantOperator.of(m).isEmpty()) {
        throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
            f.pos().toString(), "constant '" + name + "' = " + k.declaration() + ": factor '"
                + f.written() + "' is singular (or not numeric), so the Kronecker product is"
                + " singular too (det(A ⊗ B) = det(A)^n_B det(B)^n_A); a Kronecker operator"
                + " must be invertible");
      }
    }
  }

  /** " (D2 = Dct_8 ⊗ Dct_8)" for the design's Kronecker constants with {@code rows} rows. */
  private static String kroneckerNames(Design d, int rows) {
    List<String> names = new ArrayList<>();
    for (ConstantDecl c : d.constants()) {
      c.kronecker().filter(k -> k.size() == rows).ifPresent(k -> names.add(c.name() + " = "
          + k.product()));
    }
    return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
  }

  /**
   * A design with a symmetric parameter X: its predictor must be the spectrum,
   * {@code Eigenvalues[X]}, held unevaluated (conjugation, THEORY.md §3; the engine works with
   * it in the frame X = diag(λ), never with a symbolic eigenvalue formula).
   */
  private Parameterization spectral(Design d, List<Variable> parameters,
      Map<String, Expr> values, List<String> theta, NumericFunctions functions) {
    Expr e = d.predictor().expr();
    Optional<Variable> x = e instanceof Expr.Fn f && f.head().equals("Eigenvalues")
        && f.args().size() == 1 && f.args().get(0) instanceof Expr.Sym s
        ? parameters.stream().filter(v -> v.name().equals(s.name())).findFirst()
        : Optional.empty();
    if (parameters.size() != 1 || x.isEmpty() || !d.constants().isEmpty() || d.loss().isPresent()
        || d.gauge().isPresent() && !d.gauge().get().isEmpty()) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
          d.predictor().exprPos().toString(), "a symmetric parameter is supported as the only"
              + " parameter, with the predictor its spectrum, Eigenvalues[" + parameters.get(0)
              .name() + "], no constants, loss or gauge (conjugation X -> R.X.Transpose[R],"
              + " THEORY.md §3); write a product of matrix factors instead otherwise");
    }
    List<Expr> f = org.gaugebias.symbolic.derive.matrix.ConjugationRoute.predictor(x.get());
    Variable beta = Variable.of(d.predictor().name(),
        org.gaugebias.symbolic.design.Shape.vector(x.get().shape().rows()));
    List<Expr> assumptions = new ArrayList<>();
    for (Located<Expr> a : d.assumptions()) {
      assumptions.addAll(threadAssumption(evaluate(a.value(), values, a.pos(), "assumption")));
    }
    List<Parameterization.GeneratorField> all = new ArrayList<>(d.generators()
        .map(list -> generators(list, d, values, theta)).orElse(List.of()));
    GroupActions actions = new GroupActions(actionAlgebra, parameters);
    for (ActionDecl a : d.actions()) {
      for (Parameterization.GeneratorField g : actions.fields(a, values)) {
        checkOnlyTheta(g.field(), theta, values, a.pos(), "action");
        all.add(g);
      }
    }
    return new Parameterization(d.id(), d.title(), d.source().toString(), parameters, beta, f,
        assumptions, all.isEmpty() ? Optional.empty() : Optional.of(all), Optional.empty(),
        Optional.empty(), d.temperature(), d.variant(), functions);
  }

  /**
   * Designs with this many parameters or more have their predictor evaluated by structure when
   * it is built from products, sums and constant matrices (Symja takes minutes or never returns
   * at n = 64–200); smaller ones keep Symja's canonical form, which the shipped documents show.
   */
  private static final int LARGE = 32;

  private static boolean large(List<String> theta) {
    return theta.size() >= LARGE;
  }

  /**
   * Each table application with its argument evaluated and the table threaded over it, before
   * the whole expression is: Symja does not know a table is listable, so in
   * {@code (u*v)*phi[(u*v)^2]} with vectors u, v it would multiply every component by the
   * unevaluated {@code phi[{…}]} (a both-sign outer map at size), where {@code {phi[…], …}}
   * multiplies elementwise.
   */
  private Expr tablesFirst(Expr e, Map<String, Expr> values, NumericFunctions functions,
      SourcePos pos) {
    if (functions.isEmpty()) {
      return e;
    }
    return Exprs.map(e, x -> x instanceof Expr.Fn f && f.args().size() == 1
        && functions.names().contains(f.head())
        ? threadTables(new Expr.Fn(f.head(), List.of(evaluate(tablesFirst(f.args().get(0),
            values, functions, pos), values, pos, "predictor"))), functions) : null);
  }

  /** A table applies elementwise, like Symja's listable built-ins: f[{a, b}] → {f[a], f[b]}. */
  private static Expr threadTables(Expr e, NumericFunctions functions) {
    if (functions.isEmpty()) {
      return e;
    }
    return Exprs.map(e, x -> x instanceof Expr.Fn f && f.args().size() == 1
        && functions.names().contains(f.head()) && f.args().get(0) instanceof Expr.Vec v
        ? new Expr.Vec(v.items().stream().map(i -> threadTables(new Expr.Fn(f.head(),
            List.of(i)), functions)).toList()) : null);
  }

  private static NumericFunctions tables(Design d, NumericFunctions provided) {
    Map<String, TabulatedFunction> out = new LinkedHashMap<>();
    for (TableDecl t : d.tables()) {
      TabulatedFunction f = provided.tables().get(t.name());
      if (f == null) {
        java.nio.file.Path file;
        try {
          file = d.source().resolveSibling(t.file());
        } catch (java.nio.file.InvalidPathException e) {
          throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
              t.filePos().toString(), "table '" + t.name() + "': '" + t.file()
                  + "' is not a file name");
        }
        try {
          f = TabulatedFunction.read(file);
        } catch (IllegalArgumentException e) {
          throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
              t.filePos().toString(), "table '" + t.name() + "': " + e.getMessage());
        }
      }
      out.put(t.name(), f);
    }
    return NumericFunctions.of(out);
  }

  private Expr evaluate(Expr e, Map<String, Expr> values, SourcePos pos, String what) {
    try {
      Expr out = algebra.evaluate(Exprs.substitute(e, values));
      if (out instanceof Expr.Fn f && f.head().equals("Hold")) {
        // Symja holds what exceeds its size limits instead of evaluating it
        throw org.gaugebias.symbolic.failure.Failure.resources(pos.toString(), "the " + what
            + " is too large for the computer-algebra system (it gave up evaluating it);"
            + " simplify it");
      }
      Set<String> symbols = new java.util.HashSet<>(Exprs.symbols(out));
      Exprs.map(out, x -> {
        if (x instanceof Expr.Fn f && f.head().equals("DirectedInfinity")
            || x instanceof Expr.Sym sym && sym.name().equals("Infinity")) {
          symbols.add("Infinity");
        }
        return null;
      });
      boolean[] product = {false};
      Exprs.map(out, x -> {
        product[0] |= x instanceof Expr.Fn f && f.head().equals("Dot");
        return null;
      });
      if (product[0]) {
        // Symja leaves Dot[a, b] unevaluated when the inner dimensions differ
        throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, pos.toString(),
            "a matrix product in the " + what + " does not multiply: the inner dimensions"
                + " differ; check the shapes in 'parameters' (an m x n matrix times an n x k"
                + " one, Transpose[V] of an n x r V is r x n)");
      }
      for (String bad : List.of("Infinity", "ComplexInfinity", "Indeterminate")) {
        if (symbols.contains(bad)) {
          throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, pos.toString(),
              "the " + what + " evaluates to something not finite (" + bad + "): check divisions"
                  + " by zero and infinite constants");
        }
      }
      return out;
    } catch (CasException ex) {
      if (ex.kind() == CasException.Kind.TIMEOUT) {
        throw org.gaugebias.symbolic.failure.Failure.timeout(pos.toString(),
            "the " + what + " cannot be evaluated: " + ex.getMessage());
      }
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, pos.toString(),
          "the " + what + " cannot be evaluated: " + ex.getMessage());
    }
  }

  private static List<Expr> flatten(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Expr.Vec v) {
      for (Expr x : v.items()) {
        out.addAll(flatten(x));
      }
    } else {
      out.add(e);
    }
    return out;
  }

  private static void checkOnlyTheta(List<Expr> f, List<String> thetaList,
      Map<String, Expr> values, SourcePos pos, String what) {
    Set<String> theta = new java.util.HashSet<>(thetaList);
    for (Expr e : f) {
      for (String s : Exprs.symbols(e)) {
        if (!theta.contains(s)) {
          throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, pos.toString(),
              "the " + what + " evaluates to " + e.toWolfram() + ", which still contains '" + s
                  + "' (not a parameter component); check shapes and names");
        }
      }
    }
  }

  /** {@code v > 0} on a vector means each component is positive. */
  private static List<Expr> threadAssumption(Expr a) {
    if (a instanceof Expr.Fn f && f.args().size() == 2 && f.args().get(0) instanceof Expr.Vec v) {
      List<Expr> out = new ArrayList<>();
      for (Expr x : v.items()) {
        out.addAll(threadAssumption(new Expr.Fn(f.head(), List.of(x, f.args().get(1)))));
      }
      return out;
    }
    if (a instanceof Expr.Fn f && f.head().equals("And")) {
      List<Expr> out = new ArrayList<>();
      f.args().forEach(x -> out.addAll(threadAssumption(x)));
      return out;
    }
    if (a instanceof Expr.Sym s && s.name().equals("True")) {
      return List.of();
    }
    return List.of(a);
  }

  private List<Parameterization.GeneratorField> generators(List<GeneratorDecl> decls, Design d,
      Map<String, Expr> values, List<String> theta) {
    List<Parameterization.GeneratorField> out = new ArrayList<>();
    for (GeneratorDecl g : decls) {
      for (Map<String, Integer> idx : g.indexValues()) {
        Map<String, Expr> env = new LinkedHashMap<>(values);
        idx.forEach((k, v) -> env.put(k, Expr.integer(v)));
        List<Expr> field = new ArrayList<>();
        for (ParameterDecl p : d.parameters()) {
          Located<Expr> comp = g.field().get(p.name());
          if (comp == null) {
            for (int i = 0; i < p.shape().size(); i++) {
              field.add(Expr.integer(0));
            }
            continue;
          }
          List<Expr> flat = flatten(large(theta)
              ? org.gaugebias.symbolic.derive.structure.StructuredPredictor.evaluate(
                  comp.value(), env).orElseGet(() -> evaluate(comp.value(), env, comp.pos(),
                  "generator field"))
              : evaluate(comp.value(), env, comp.pos(), "generator field"));
          if (flat.size() != p.shape().size()) {
            throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
                comp.pos().toString(), "the field component for '" + p.name() + "' has "
                    + flat.size() + " entries, but the parameter is a " + p.shape());
          }
          checkOnlyTheta(flat, theta, values, comp.pos(), "generator field");
          field.addAll(flat);
        }
        String label = g.label().orElse("xi") + (idx.isEmpty() ? "" : idx.toString()
            .replace(" ", ""));
        out.add(new Parameterization.GeneratorField(label, field, g.pos().toString()));
      }
    }
    return out;
  }

  private List<Parameterization.GaugeCondition> gauge(List<GaugeCondition> decls,
      Map<String, Expr> values) {
    List<Parameterization.GaugeCondition> out = new ArrayList<>();
    for (GaugeCondition c : decls) {
      Expr e = c.expr();
      if (e instanceof Expr.Fn f && f.head().equals("Equal") && f.args().size() == 2) {
        e = Expr.add(f.args().get(0), Expr.mul(Expr.integer(-1), f.args().get(1)));
      }
      for (Expr x : flatten(evaluate(e, values, c.pos(), "gauge condition"))) {
        out.add(new Parameterization.GaugeCondition(x, c.pos().toString()));
      }
    }
    return out;
  }

  private static Expr scalar(Expr e, SourcePos pos, String what) {
    if (e instanceof Expr.Vec) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, pos.toString(),
          "the " + what + " must be a scalar, but evaluates to the list " + e.toWolfram()
              + " (use Total[...] for a sum over components)");
    }
    return e;
  }
}
