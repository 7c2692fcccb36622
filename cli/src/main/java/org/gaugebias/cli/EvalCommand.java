package org.gaugebias.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.size.SizedEvaluation;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gaugebias eval FILE --at beta={0.4,-1.1,0.8}}: the derived log-determinants, biases
 * and representation cost at one predictor point, constants included.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate the derived formulas at a predictor point.")
final class EvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Parameters(paramLabel = "FILE", description = "A design file.")
  Path file;

  @Option(names = "--at", required = true, paramLabel = "NAME=VALUE",
      description = "The predictor (or T, default 1) at a number or a Wolfram list, e.g."
          + " beta={0.4, -1.1, 0.8}; for a design with a symbolic size (sizes: [n]) also"
          + " n=64, else n is the list's length. Repeatable.")
  List<String> at = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Budget.DEFAULT_TIMEOUT,
      description = "Time budget in seconds (default: ${DEFAULT-VALUE}); over it: exit 5.")
  double timeout;

  @Override
  public Integer call() {
    Map<String, Expr> values = parseAssignments(at);
    var limit = Budget.seconds(timeout);
    var design = org.gaugebias.symbolic.design.DesignReader.read(file);
    String temperatureName = design.temperature();
    if (values.containsKey(temperatureName)) {
      positiveTemperature(number(values.get(temperatureName), temperatureName), temperatureName);
    }
    // a symbolic size: --at n=64, or the length of the predictor's list (checked before deriving)
    Optional<String> sizeName = design.sizes().map(z -> z.names().get(0));
    Optional<Integer> size = sizeName.filter(values::containsKey)
        .map(n -> SizeOption.value(values.remove(n), n));
    Engine.Derived both = Budget.run(file.toString(), limit,
        () -> Engine.compiledAndDerived(file, null));
    var p = both.compiled();
    Derivation d = both.derivation();
    double t = values.containsKey(d.temperature())
        ? number(values.remove(d.temperature()), d.temperature()) : 1.0;
    positiveTemperature(t, d.temperature());
    Map<String, Double> point;
    var sized = SizedEvaluation.facts(d);
    if (sized.isPresent()) {
      SizeOption.Point at = SizeOption.point(sized.get(), size, values, d.temperature());
      d = SizedEvaluation.at(d, at.size());
      point = at.values();
    } else {
      point = point(d, values);
    }
    positiveBranchOnly(d, point);
    PointEvaluation at;
    try {
      at = PointEvaluation.at(d, point, t, p.functions());
    } catch (IllegalArgumentException e) {
      if (p.functions().isEmpty()) {
        throw e;
      }
      throw new UserInputException("--at: " + e.getMessage());
    }
    List<String> lines = at.lines();
    for (String line : lines) {
      if (line.contains("NaN") || line.contains("Infinity")) {
        throw new UserInputException("--at: the point is outside the domain of the derived"
            + " formulas (" + line.strip() + "); choose a point where the predictor's"
            + " components are nonzero and inside the design's assumptions");
      }
    }
    for (String line : lines) {
      spec.commandLine().getOut().println(line);
    }
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  /**
   * Refused where the derivation's own numeric cross-check found the formulas wrong: they hold
   * on the positive branch only, so a point with a component ≤ 0 would print unverified numbers.
   */
  private static void positiveBranchOnly(Derivation d, Map<String, Double> point) {
    boolean positiveOnly = d.steps().stream().anyMatch(s -> s.kind()
        == org.gaugebias.symbolic.trace.StepKind.NUMERIC_CHECK
        && s.status() == org.gaugebias.symbolic.trace.Step.Status.UNRESOLVED
        && s.note() != null && s.note().contains("positive branch only"));
    if (positiveOnly) {
      point.forEach((name, v) -> {
        if (!(v > 0)) {
          throw new UserInputException("--at " + name + " = " + v + ": the derived formulas are"
              + " verified on the positive branch only (derive's numeric cross-check is"
              + " UNRESOLVED off it); choose positive components");
        }
      });
    }
  }

  /** Refused before any work: the law exp(−Φ/T) needs T > 0. */
  private static void positiveTemperature(double t, String name) {
    if (!(t > 0)) {
      throw new UserInputException("--at " + name + ": the temperature must be positive, not "
          + t);
    }
  }

  static Map<String, Expr> parseAssignments(List<String> at) {
    Map<String, Expr> out = new HashMap<>();
    for (String a : at) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new UserInputException("--at expects NAME=VALUE, got '" + a + "'");
      }
      String name = a.substring(0, eq).trim();
      if (out.containsKey(name)) {
        throw new UserInputException("--at " + name + " is given twice: give each name once");
      }
      try {
        out.put(name, WolframSyntax.parse(a.substring(eq + 1)));
      } catch (CasException e) {
        throw new UserInputException("--at " + name + ": '" + a.substring(eq + 1)
            + "' is not a number or a Wolfram list: " + e.getMessage());
      }
    }
    return out;
  }

  /** Maps NAME=value (scalar, list or matrix) onto the predictor's component symbols. */
  static Map<String, Double> point(Derivation d, Map<String, Expr> values) {
    var spectrum = d.structure().orElseThrow().spectrum();
    if (spectrum.isPresent()) {
      return spectralPoint(d, spectrum.get(), values);
    }
    Variable predictor = d.structure().orElseThrow().predictor();
    Map<String, Double> point = new HashMap<>();
    for (Map.Entry<String, Expr> e : values.entrySet()) {
      String name = e.getKey();
      if (!name.equals(predictor.name())) {
        throw new UserInputException("--at " + name + ": the design's predictor is "
            + predictor.name() + " (and the temperature " + d.temperature() + ")");
      }
      List<Expr> flat = new ArrayList<>();
      flatten(e.getValue(), flat);
      List<String> mine = predictor.symbols();
      if (flat.size() != mine.size()) {
        throw new UserInputException("--at " + name + ": expected " + mine.size()
            + (mine.size() == 1 ? " number" : " numbers (a Wolfram list)") + ", got "
            + flat.size());
      }
      for (int i = 0; i < flat.size(); i++) {
        point.put(mine.get(i), number(flat.get(i), name));
      }
    }
    if (point.isEmpty()) {
      throw new UserInputException("missing --at " + predictor.name() + "=VALUE");
    }
    return point;
  }

  /**
   * A matrix design's point: its singular values (eigenvalues for a symmetric predictor), given
   * directly ({@code --at sigma={3,1.5,0.4}}) or as the predictor matrix, whose values are
   * computed. They must be positive and distinct: the action is free only there (THEORY.md §2).
   */
  static Map<String, Double> spectralPoint(Derivation d,
      org.gaugebias.symbolic.trace.Spectrum spectrum, Map<String, Expr> values) {
    Variable sigma = spectrum.values();
    Variable predictor = d.structure().orElseThrow().predictor();
    double[] s = null;
    for (Map.Entry<String, Expr> e : values.entrySet()) {
      String name = e.getKey();
      List<Expr> flat = new ArrayList<>();
      flatten(e.getValue(), flat);
      if (name.equals(sigma.name())) {
        if (flat.size() != spectrum.rank()) {
          throw new UserInputException("--at " + name + ": expected " + spectrum.rank()
              + (spectrum.eigenvalues() ? " eigenvalues" : " singular values") + ", got "
              + flat.size());
        }
        s = new double[flat.size()];
        for (int i = 0; i < s.length; i++) {
          s[i] = number(flat.get(i), name);
        }
      } else if (name.equals(predictor.name())) {
        if (flat.size() != predictor.symbols().size()) {
          throw new UserInputException("--at " + name + ": expected a " + predictor.shape()
              + " (" + predictor.symbols().size() + " numbers), got " + flat.size());
        }
        s = spectrumOf(predictor, flat, spectrum, name);
      } else if (symmetricParameter(d, name).isPresent()) {
        s = eigenvaluesOf(symmetricParameter(d, name).get(), flat, name);
      } else {
        String matrix = symmetricParameter(d).map(Variable::name).orElse(predictor.name());
        throw new UserInputException("--at " + name + ": the design's point is "
            + sigma.name() + " (its " + (spectrum.eigenvalues() ? "eigenvalues" : "singular"
            + " values") + "), or the matrix " + matrix + " (and the temperature "
            + d.temperature() + ")");
      }
    }
    if (s == null) {
      throw new UserInputException("missing --at " + sigma.name() + "={…} (the "
          + spectrum.rank() + (spectrum.eigenvalues() ? " eigenvalues" : " singular values")
          + ")");
    }
    double[] sorted = s.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (spectrum.signed() ? i > 0 && sorted[i] - sorted[i - 1] <= 1e-12 * Math.max(
          Math.abs(sorted[i]), Math.abs(sorted[i - 1])) : !(sorted[i] > 0) || i > 0
          && sorted[i] - sorted[i - 1] <= 1e-12 * Math.abs(sorted[i])) {
        throw new UserInputException("--at " + sigma.name() + ": the values must be "
            + (spectrum.signed() ? "" : "positive and ") + "distinct ("
            + java.util.Arrays.toString(s) + "): where " + (spectrum.signed() ? ""
            : "one is zero or ") + "two coincide the action is not free and the formulas are"
            + " singular");
      }
    }
    Map<String, Double> point = new HashMap<>();
    for (int i = 0; i < s.length; i++) {
      point.put(sigma.symbols().get(i), s[i]);
    }
    return point;
  }

  /** The symmetric parameter of a conjugation design (its spectrum is the predictor). */
  private static java.util.Optional<Variable> symmetricParameter(Derivation d) {
    return d.structure().orElseThrow().parameters().stream().filter(v -> v.shape().kind()
        == org.gaugebias.symbolic.design.Shape.Kind.SYMMETRIC).findFirst();
  }

  private static java.util.Optional<Variable> symmetricParameter(Derivation d, String name) {
    return symmetricParameter(d).filter(v -> v.name().equals(name));
  }

  /** The eigenvalues of a symmetric matrix given in full (n × n numbers, checked symmetric). */
  private static double[] eigenvaluesOf(Variable x, List<Expr> flat, String name) {
    int n = x.shape().rows();
    if (flat.size() != n * n) {
      throw new UserInputException("--at " + name + ": expected a symmetric " + n + " x " + n
          + " matrix ({{…}, …}, " + n * n + " numbers), got " + flat.size() + " numbers");
    }
    double[][] m = new double[n][n];
    for (int k = 0; k < flat.size(); k++) {
      m[k / n][k % n] = number(flat.get(k), name);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(m[i][j] - m[j][i]) > 1e-12 * Math.max(1, Math.abs(m[i][j]))) {
          throw new UserInputException("--at " + name + ": the matrix is not symmetric"
              + " (entries (" + (i + 1) + ", " + (j + 1) + ") and (" + (j + 1) + ", " + (i + 1)
              + ") differ)");
        }
      }
    }
    return new org.hipparchus.linear.EigenDecompositionSymmetric(
        new org.hipparchus.linear.Array2DRowRealMatrix(m, false)).getEigenvalues();
  }

  /** The r largest singular values (or eigenvalues) of the given matrix; the rest must vanish. */
  private static double[] spectrumOf(Variable predictor, List<Expr> flat,
      org.gaugebias.symbolic.trace.Spectrum spectrum, String name) {
    int rows = predictor.shape().rows();
    int cols = predictor.shape().cols();
    double[][] m = new double[rows][cols];
    for (int k = 0; k < flat.size(); k++) {
      m[k / cols][k % cols] = number(flat.get(k), name);
    }
    var matrix = new org.hipparchus.linear.Array2DRowRealMatrix(m, false);
    double[] all;
    if (spectrum.eigenvalues()) {
      all = new org.hipparchus.linear.EigenDecompositionSymmetric(matrix).getEigenvalues();
    } else {
      all = new org.hipparchus.linear.SingularValueDecomposition(matrix).getSingularValues();
    }
    double[] desc = java.util.Arrays.stream(all).boxed()
        .sorted(java.util.Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray();
    for (int i = spectrum.rank(); i < desc.length; i++) {
      if (Math.abs(desc[i]) > 1e-9 * Math.max(1, Math.abs(desc[0]))) {
        throw new UserInputException("--at " + name + ": the matrix has rank above "
            + spectrum.rank() + ", the design's rank (value " + desc[i] + ")");
      }
    }
    return java.util.Arrays.copyOf(desc, spectrum.rank());
  }

  static void flatten(Expr e, List<Expr> out) {
    if (e instanceof Expr.Vec v) {
      v.items().forEach(x -> flatten(x, out));
    } else {
      out.add(e);
    }
  }

  static double number(Expr e, String name) {
    try {
      double v = NumericEvaluator.eval(e, Map.of());
      if (!Double.isFinite(v)) {
        throw new UserInputException("--at " + name + ": not a finite number");
      }
      return v;
    } catch (IllegalArgumentException ex) {
      throw new UserInputException("--at " + name + ": '" + e.toWolfram() + "' is not a number");
    }
  }
}
