package org.gaugebias.numeric.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Everything the verifier needs to simulate a design, as formulas. The symbolic engine fills it
 * in (the gradient is its job, not the verifier's); tests build it by hand.
 *
 * @param name label for reports
 * @param parameters parameter symbols θ₁…θ_d in flattening order (state index i is θ_{i+1})
 * @param predictor predictor components β = f(θ)
 * @param loss L(θ)
 * @param gradient ∂L/∂θ_i, one per parameter, in the same order
 * @param generators generator fields ξ_a(θ): {@code generators.get(a).get(i)} is the i-th
 *     component of ξ_a; k = {@code generators.size()} fields (the columns of the d×k matrix Ξ);
 *     may be empty (no symmetry: projected noise is then isotropic)
 * @param momentMaps quantities monitored along the run (balance, e.g. ½(u² − v²)), functions of θ
 * @param observable the scalar function of θ whose law is histogrammed and compared (often the
 *     single predictor component, or a norm / singular value)
 * @param observableSymbol the symbol standing for the observable in the laws (e.g. "beta")
 * @param observableLoss the loss as a function of the observable symbol, or {@code null}; used as
 *     the base {@code e^{−L/T}} of the exponent fit {@code |x|^a e^{−L/T}}
 * @param laws candidate laws (at most one {@link CandidateLaw.Role#PREDICTED}), functions of
 *     {@code observableSymbol} and {@code temperatureSymbol}
 * @param temperatureSymbol the temperature's symbol ("T"), replaced by the run's value
 */
public record SimulationModel(String name, List<String> parameters, List<Expr> predictor,
    Expr loss, List<Expr> gradient, List<List<Expr>> generators, List<NamedExpr> momentMaps,
    Expr observable, String observableSymbol, Expr observableLoss, List<CandidateLaw> laws,
    String temperatureSymbol) {

  public SimulationModel {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    predictor = List.copyOf(predictor);
    Objects.requireNonNull(loss, "loss");
    gradient = List.copyOf(gradient);
    List<List<Expr>> gens = new ArrayList<>();
    for (List<Expr> g : generators) {
      gens.add(List.copyOf(g));
    }
    generators = List.copyOf(gens);
    momentMaps = List.copyOf(momentMaps);
    Objects.requireNonNull(observable, "observable");
    Objects.requireNonNull(observableSymbol, "observableSymbol");
    laws = List.copyOf(laws);
    Objects.requireNonNull(temperatureSymbol, "temperatureSymbol");

    List<String> problems = new ArrayList<>();
    int d = parameters.size();
    if (d == 0) {
      problems.add("no parameters");
    }
    if (new HashSet<>(parameters).size() != d) {
      problems.add("repeated parameter symbols " + parameters);
    }
    if (gradient.size() != d) {
      problems.add("gradient has " + gradient.size() + " components for " + d + " parameters");
    }
    for (int a = 0; a < generators.size(); a++) {
      if (generators.get(a).size() != d) {
        problems.add("generator field " + a + " has " + generators.get(a).size()
            + " components for " + d + " parameters");
      }
    }
    if (!generators.isEmpty() && generators.size() >= d) {
      problems.add(generators.size() + " generator fields leave no normal direction in R^" + d);
    }
    Set<String> theta = new HashSet<>(parameters);
    theta.add(temperatureSymbol);
    checkFree("loss", List.of(loss), theta, problems);
    checkFree("gradient", gradient, theta, problems);
    checkFree("predictor", predictor, theta, problems);
    checkFree("observable", List.of(observable), theta, problems);
    for (List<Expr> g : generators) {
      checkFree("generator", g, theta, problems);
    }
    for (NamedExpr m : momentMaps) {
      checkFree("moment map " + m.name(), List.of(m.expr()), theta, problems);
    }
    Set<String> obs = Set.of(observableSymbol, temperatureSymbol);
    if (observableLoss != null) {
      checkFree("observable loss", List.of(observableLoss), obs, problems);
    }
    long predicted = 0;
    for (CandidateLaw law : laws) {
      checkFree("law " + law.name(), List.of(law.logDensity()), obs, problems);
      if (law.role() == CandidateLaw.Role.PREDICTED) {
        predicted++;
      }
    }
    if (predicted > 1) {
      problems.add(predicted + " laws are marked PREDICTED; at most one may be");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid simulation model '" + name + "': "
          + String.join("; ", problems));
    }
  }

  private static void checkFree(String what, List<Expr> es, Set<String> allowed,
      List<String> problems) {
    for (Expr e : es) {
      for (String s : Exprs.symbols(e)) {
        if (!allowed.contains(s)) {
          problems.add(what + " uses unknown symbol '" + s + "'");
        }
      }
    }
  }

  /** Number of parameters d. */
  public int dimension() {
    return parameters.size();
  }

  /** Number of generator fields k. */
  public int generatorCount() {
    return generators.size();
  }

  /** The law marked predicted, if any. */
  public java.util.Optional<CandidateLaw> predictedLaw() {
    return laws.stream().filter(l -> l.role() == CandidateLaw.Role.PREDICTED).findFirst();
  }
}
