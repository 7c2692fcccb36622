package org.gaugebias.symbolic.dynamics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.design.ConstantDecl;
import org.gaugebias.symbolic.design.DataDecl;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.Located;
import org.gaugebias.symbolic.design.ParameterDecl;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * Turns a derivation into {@link Dynamics}: the θ-gradient of {@code L(f(θ))} (substitute
 * β → f(θ), then {@code D} in Symja), the generator fields and gauge functions of the
 * derivation's typed {@link Structure} with their derivatives, the candidate laws of β built from the
 * full log-determinants of the derivation's variants, and, for a design with a {@code data:}
 * block, the per-sample loss and its θ-gradient. Not thread-safe (one per session).
 */
public final class DynamicsDeriver {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private final Algebra cas;

  public DynamicsDeriver(SymjaSession session) {
    this.cas = new Algebra(session, LIMIT);
  }

  /** The dynamics of a design without data (no SGD arm). */
  public Dynamics derive(Parameterization p, Derivation d) {
    return derive(Optional.empty(), p, d);
  }

  /** The dynamics of a design, with its SGD problem when it declares {@code data:}. */
  public Dynamics derive(Design design, Parameterization p, Derivation d) {
    return derive(Optional.of(design), p, d);
  }

  private Dynamics derive(Optional<Design> design, Parameterization p, Derivation d) {
    if (p.loss().isEmpty()) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
          "verify needs a loss: add 'loss:' to the design (a function of the predictor, e.g."
              + " 'loss: (" + p.predictorVariable().name() + " - 1)^2/2')");
    }
    List<String> theta = p.theta();
    Expr lossBeta = p.loss().get();
    Map<String, Expr> betaToF = new LinkedHashMap<>();
    for (int i = 0; i < p.beta().size(); i++) {
      betaToF.put(p.beta().get(i), p.predictor().get(i));
    }
    Expr lossTheta = Exprs.substitute(lossBeta, betaToF);
    List<Expr> gradient = gradient(lossTheta, theta, "the loss");

    Structure structure = d.structure().orElseThrow(() -> new DerivationException(
        DerivationException.Kind.INVALID_DESIGN, d.source(), "the derivation has no typed"
            + " structure (generators, gauge) to build the dynamics from"));
    List<List<Expr>> fields = structure.generators().stream().map(Generator::field).toList();
    List<Expr> chis = structure.gauge();
    boolean compact = !fields.isEmpty();
    for (List<Expr> xi : fields) {
      compact &= antisymmetricLinear(xi, theta);
    }
    List<Dynamics.MomentMap> maps = new ArrayList<>();
    for (int k = 0; k < chis.size(); k++) {
      Expr chi = chis.get(k);
      List<Expr> g = gradient(chi, theta, "a gauge function");
      List<List<Expr>> h = jacobian(g, theta);
      maps.add(new Dynamics.MomentMap("chi_" + (k + 1) + " = "
          + org.gaugebias.symbolic.expr.TextPrinter.print(chi), chi, g, h));
    }

    Expr t = new Expr.Sym(p.temperature());
    Expr rQuot = halfT(t, logDet(d, Variant.QUOTIENT));
    Expr rOrbit = halfT(t, logDet(d, Variant.ORBIT));
    Set<String> betas = new LinkedHashSet<>(p.beta());
    boolean orbitDiffers = !cas.simplify(Expr.add(logDet(d, Variant.QUOTIENT),
        neg(logDet(d, Variant.ORBIT)))).isFreeOf(betas);
    Dynamics.Law predicted = law("quotient -(L+R_quot)/T", t, lossBeta, rQuot);
    List<Dynamics.Law> alternatives = new ArrayList<>();
    alternatives.add(law("no correction -L/T", t, lossBeta));
    alternatives.add(law("opposite -(L-R_quot)/T", t, lossBeta, neg(rQuot)));
    if (orbitDiffers) {
      alternatives.add(law("orbit -(L+R_orbit)/T", t, lossBeta, rOrbit));
    }
    Dynamics.Law isotropic = law("isotropic -(L+R_quot-R_orbit)/T", t, lossBeta, rQuot,
        neg(rOrbit));
    Optional<SgdProblem> sgd = design.flatMap(Design::data).map(data -> sgd(design.get(), data,
        p, betaToF));
    return new Dynamics(p.id(), p.title(), p.source(), theta, p.predictorVariable(), p.predictor(), lossBeta,
        lossTheta, gradient, fields, compact, maps, p.temperature(), predicted, alternatives,
        isotropic, sgd);
  }

  // ------------------------------------------------------------------ SGD data

  private SgdProblem sgd(Design design, DataDecl data, Parameterization p,
      Map<String, Expr> betaToF) {
    Map<String, Expr> values = new LinkedHashMap<>();
    for (ConstantDecl c : design.constants()) {
      values.put(c.name(), c.value());
    }
    List<String> inputs = new ArrayList<>();
    for (ParameterDecl in : data.inputs()) {
      if (in.shape().kind() == org.gaugebias.symbolic.design.Shape.Kind.SCALAR) {
        values.put(in.name(), new Expr.Sym(in.name()));
        inputs.add(in.name());
      } else {
        Variable v = Variable.of(in.name(), in.shape());
        inputs.addAll(v.symbols());
        values.put(in.name(), v.value());
      }
    }
    Expr teacher = scalar(evaluate(data.teacher(), values, "teacher"), data.teacher(),
        "teacher");
    checkSymbols(teacher, new LinkedHashSet<>(inputs), data.teacher(), "teacher");
    values.put(data.label(), new Expr.Sym(data.label()));
    values.put(design.predictor().name(), predictorValue(p, betaToF));
    Expr loss = scalar(evaluate(data.perSampleLoss(), values, "per-sample loss"),
        data.perSampleLoss(), "per-sample loss");
    Set<String> allowed = new LinkedHashSet<>(p.theta());
    allowed.addAll(inputs);
    allowed.add(data.label());
    checkSymbols(loss, allowed, data.perSampleLoss(), "per-sample loss");
    List<Expr> grad = gradient(loss, p.theta(), "the per-sample loss");
    return new SgdProblem(inputs, data.label(), teacher, data.inputMean(), data.inputSd(),
        data.labelNoise(), loss, grad, data.batch(), data.learningRate(), data.samples());
  }

  /** The predictor as the design wrote it: a scalar, a vector or a matrix of f(θ) entries. */
  private static Expr predictorValue(Parameterization p, Map<String, Expr> betaToF) {
    return p.predictorVariable().shaped(p.beta().stream().map(betaToF::get).toList());
  }

  private Expr evaluate(Located<Expr> e, Map<String, Expr> values, String what) {
    try {
      return cas.evaluate(Exprs.substitute(e.value(), values));
    } catch (CasException ex) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, e.pos().toString(),
          "the " + what + " cannot be evaluated: " + ex.getMessage());
    }
  }

  private static Expr scalar(Expr e, Located<Expr> at, String what) {
    if (e instanceof Expr.Vec) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, at.pos().toString(),
          "the " + what + " must be a scalar, but evaluates to the list " + e.toWolfram()
              + " (use Total[...] for a sum over components)");
    }
    return e;
  }

  private static void checkSymbols(Expr e, Set<String> allowed, Located<Expr> at, String what) {
    for (String s : Exprs.symbols(e)) {
      if (!allowed.contains(s)) {
        throw new DerivationException(DerivationException.Kind.INVALID_DESIGN,
            at.pos().toString(), "the " + what + " evaluates to " + e.toWolfram()
                + ", which still contains '" + s + "'; check shapes and names");
      }
    }
  }

  // ------------------------------------------------------------------ calculus

  private List<Expr> gradient(Expr f, List<String> vars, String what) {
    Expr g = cas.gradient(f, vars);
    if (!(g instanceof Expr.Vec v) || v.items().size() != vars.size()) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, "",
          "the gradient of " + what + " could not be computed: " + g.toWolfram());
    }
    return v.items();
  }

  private List<List<Expr>> jacobian(List<Expr> fs, List<String> vars) {
    Expr j = cas.jacobianOf(fs, vars);
    return Exprs.rows(j);
  }

  /** Whether ξ(θ) = Aθ with a constant antisymmetric A (compact action by isometries). */
  private boolean antisymmetricLinear(List<Expr> xi, List<String> theta) {
    List<List<Expr>> a = jacobian(xi, theta);
    Set<String> vars = new LinkedHashSet<>(theta);
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < a.size(); j++) {
        Expr aij = a.get(i).get(j);
        if (!aij.isFreeOf(vars)) {
          return false;
        }
        Expr sum = cas.simplify(Expr.add(aij, a.get(j).get(i)));
        if (!Exprs.isZero(sum)) {
          return false;
        }
      }
    }
    return true;
  }


  // ------------------------------------------------------------------ laws

  private static Expr logDet(Derivation d, Variant v) {
    VariantResult r = d.results().get(v);
    if (r == null) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, d.source(),
          "the derivation has no " + v.name().toLowerCase(java.util.Locale.ROOT) + " variant");
    }
    return r.logDet();
  }

  private static Expr halfT(Expr t, Expr logDet) {
    return Expr.mul(Expr.rational(1, 2), t, logDet);
  }

  private static Expr neg(Expr e) {
    return Expr.mul(Expr.integer(-1), e);
  }

  /** {@code −(L + Σ corrections)/T}, expanded so that separable laws split into terms. */
  private Dynamics.Law law(String name, Expr t, Expr loss, Expr... corrections) {
    List<Expr> terms = new ArrayList<>();
    terms.add(loss);
    terms.addAll(List.of(corrections));
    Expr raw = Expr.mul(Expr.integer(-1), Expr.pow(t, Expr.integer(-1)), new Expr.Add(terms));
    Expr expanded;
    try {
      expanded = cas.expand(raw);
    } catch (CasException e) {
      expanded = raw;
    }
    return new Dynamics.Law(name, expanded);
  }
}
