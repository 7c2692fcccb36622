package org.gaugebias.numeric.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Writes and compiles the fused Euler–Maruyama kernel of a model: one Java class whose
 * {@code advance} performs whole steps for a block of chains (see {@link StepKernel} for layout
 * and conventions). Formulas are inlined as Java expressions; there is no function object per
 * formula and no CAS call in the loop.
 */
public final class FusedKernelGenerator {
  /** Largest dimension for which the codimension-one normal is expanded symbolically. */
  static final int MAX_NORMAL_DIMENSION = 5;

  private final List<String> parameters;
  private final List<Expr> gradient;
  private final List<List<Expr>> generators;
  private final Map<String, String> bindings;
  private final JavaEmitter emitter;

  private FusedKernelGenerator(List<String> parameters, List<Expr> gradient,
      List<List<Expr>> generators, Map<String, Double> constants) {
    this.parameters = List.copyOf(parameters);
    this.gradient = List.copyOf(gradient);
    this.generators = List.copyOf(generators);
    this.bindings = ExprCompiler.bindings(parameters, constants, "p%d");
    this.emitter = new JavaEmitter(bindings);
    if (gradient.size() != parameters.size()) {
      throw new IllegalArgumentException("gradient has " + gradient.size() + " components for "
          + parameters.size() + " parameters");
    }
  }

  /** The projected-noise form for d parameters and k generator fields. */
  public static DiffusionForm projectedForm(int d, int k) {
    if (k == 0) {
      return DiffusionForm.IDENTITY;
    }
    if (k >= d) {
      throw new IllegalArgumentException(k + " generator fields leave no normal space in R^" + d);
    }
    return k == d - 1 && d <= MAX_NORMAL_DIMENSION ? DiffusionForm.ORBIT_NORMAL
        : DiffusionForm.ORBIT_PROJECTOR;
  }

  /**
   * Generates and compiles the kernel.
   *
   * @param parameters parameter symbols in state order
   * @param gradient ∂L/∂θ_i per parameter
   * @param generators k generator fields, each with d components (used by projected forms)
   * @param observationNames names of the observed quantities
   * @param observations formulas of θ evaluated by {@link StepKernel#observe}
   * @param constants other symbols folded in as literals (e.g. T)
   * @param form the diffusion realisation
   */
  public static CompiledKernel compile(List<String> parameters, List<Expr> gradient,
      List<List<Expr>> generators, List<String> observationNames, List<Expr> observations,
      Map<String, Double> constants, DiffusionForm form) {
    if (observationNames.size() != observations.size()) {
      throw new IllegalArgumentException("observation names and formulas differ in number");
    }
    FusedKernelGenerator g = new FusedKernelGenerator(parameters, gradient, generators,
        constants);
    String name = ExprCompiler.nextName("FusedStep");
    String src = g.source(name, observations, form);
    StepKernel k = (StepKernel) ExprCompiler.instantiate("org.gaugebias.numeric.generated."
        + name, src);
    return new CompiledKernel(k, form, parameters.size(), form.noiseDimension(parameters.size()),
        observationNames, src);
  }

  private String source(String className, List<Expr> observations, DiffusionForm form) {
    int d = parameters.size();
    int q = form.noiseDimension(d);
    StringBuilder s = new StringBuilder();
    s.append("package org.gaugebias.numeric.generated;\n\n");
    s.append("/** Generated fused Euler–Maruyama kernel, diffusion ").append(form)
        .append(", parameters ").append(parameters).append(". */\n");
    s.append("public final class ").append(className).append(" implements ")
        .append(StepKernel.class.getName()).append(" {\n");
    s.append("  public void advance(double[][] x, double[][] y, double[][] z, double[] w,"
        + " int steps, int n, double h, double s) {\n");
    s.append("    double[][] a = x;\n    double[][] b = y;\n");
    s.append("    for (int i = 0; i < steps; i++) {\n");
    for (int j = 0; j < d; j++) {
      s.append("      final double[] a").append(j).append(" = a[").append(j).append("];\n");
      s.append("      final double[] b").append(j).append(" = b[").append(j).append("];\n");
    }
    for (int j = 0; j < q; j++) {
      s.append("      final double[] z").append(j).append(" = z[i * ").append(q).append(" + ")
          .append(j).append("];\n");
    }
    switch (form) {
      case NONE:
      case IDENTITY:
        for (int j = 0; j < d; j++) {
          String noise = form == DiffusionForm.NONE ? ""
              : " + s * z" + j + "[c]";
          loop(s, List.of(gradient.get(j)), "b" + j + "[c] = p" + j + " - h * "
              + emitter.emit(gradient.get(j)) + noise + ";", Set.of(j));
        }
        break;
      case ORBIT_NORMAL: {
        List<Expr> m = normal();
        StringBuilder nn = new StringBuilder();
        for (int j = 0; j < d; j++) {
          nn.append("KernelMath.sq(").append(emitter.emit(m.get(j))).append(") + ");
        }
        loop(s, m, "w[c] = s * z0[c] / Math.sqrt(" + nn.toString()
            .replace("KernelMath.", KernelMath.class.getName() + ".") + "1.0e-300);", Set.of());
        for (int j = 0; j < d; j++) {
          loop(s, List.of(gradient.get(j), m.get(j)), "b" + j + "[c] = p" + j + " - h * "
              + emitter.emit(gradient.get(j)) + " + " + emitter.emit(m.get(j)) + " * w[c];",
              Set.of(j));
        }
        break;
      }
      case ORBIT_PROJECTOR:
        projectorLoop(s);
        break;
      default:
        throw new IllegalStateException(form.toString());
    }
    s.append("      final double[][] t = a;\n      a = b;\n      b = t;\n");
    s.append("    }\n");
    s.append("    if (a != x) {\n");
    for (int j = 0; j < d; j++) {
      s.append("      System.arraycopy(a[").append(j).append("], 0, x[").append(j)
          .append("], 0, n);\n");
    }
    s.append("    }\n  }\n\n");
    s.append("  public void observe(double[][] x, int c, double[] out) {\n");
    for (int j = 0; j < d; j++) {
      s.append("    final double p").append(j).append(" = x[").append(j).append("][c];\n");
    }
    for (int o = 0; o < observations.size(); o++) {
      s.append("    out[").append(o).append("] = ").append(emitter.emit(observations.get(o)))
          .append(";\n");
    }
    s.append("  }\n}\n");
    return s.toString();
  }

  /** One loop over the chains loading only the parameters the formulas use. */
  private void loop(StringBuilder s, List<Expr> uses, String statement, Set<Integer> also) {
    Set<Integer> used = new TreeSet<>(also);
    for (Expr e : uses) {
      used.addAll(parameterIndices(e));
    }
    s.append("      for (int c = 0; c < n; c++) {\n");
    for (int j : used) {
      s.append("        final double p").append(j).append(" = a").append(j)
          .append("[c];\n");
    }
    s.append("        ").append(statement).append("\n      }\n");
  }

  private Set<Integer> parameterIndices(Expr e) {
    Set<Integer> out = new TreeSet<>();
    for (String sym : Exprs.symbols(e)) {
      int i = parameters.indexOf(sym);
      if (i >= 0) {
        out.add(i);
      }
    }
    return out;
  }

  /** The unnormalised orbit normal of {@link DiffusionForm#ORBIT_NORMAL} (for tests and reports). */
  static List<Expr> normalOf(List<String> parameters, List<Expr> gradient,
      List<List<Expr>> generators) {
    return new FusedKernelGenerator(parameters, gradient, generators, Map.of()).normal();
  }

  /** Generalised cross product m of the k = d − 1 generator fields: m_i = (−1)^i det Ξ_{−i}. */
  List<Expr> normal() {
    int d = parameters.size();
    int k = generators.size();
    if (k != d - 1) {
      throw new IllegalStateException("normal needs k = d − 1");
    }
    List<Expr> m = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      List<List<Expr>> minor = new ArrayList<>();
      for (int r = 0; r < d; r++) {
        if (r != i) {
          List<Expr> row = new ArrayList<>();
          for (int a = 0; a < k; a++) {
            row.add(generators.get(a).get(r));
          }
          minor.add(row);
        }
      }
      Expr det = determinant(minor);
      m.add(i % 2 == 0 ? det : Expr.mul(Expr.integer(-1), det));
    }
    return m;
  }

  /** Laplace expansion along the first row (small k only). */
  static Expr determinant(List<List<Expr>> a) {
    int k = a.size();
    if (k == 1) {
      return a.get(0).get(0);
    }
    List<Expr> terms = new ArrayList<>();
    for (int col = 0; col < k; col++) {
      if (Exprs.isZero(a.get(0).get(col))) {
        continue;
      }
      List<List<Expr>> minor = new ArrayList<>();
      for (int r = 1; r < k; r++) {
        List<Expr> row = new ArrayList<>(a.get(r));
        row.remove(col);
        minor.add(row);
      }
      Expr t = Expr.mul(a.get(0).get(col), determinant(minor));
      terms.add(col % 2 == 0 ? t : Expr.mul(Expr.integer(-1), t));
    }
    return terms.isEmpty() ? Expr.integer(0) : new Expr.Add(terms);
  }

  /** General projector P⊥ z per chain: regularised Cholesky solve of (ΞᵀΞ + εI) c = Ξᵀz. */
  private void projectorLoop(StringBuilder s) {
    int d = parameters.size();
    int k = generators.size();
    s.append("      for (int c = 0; c < n; c++) {\n");
    for (int j = 0; j < d; j++) {
      s.append("        final double p").append(j).append(" = a").append(j).append("[c];\n");
      s.append("        final double g").append(j).append(" = z").append(j)
          .append("[c];\n");
    }
    for (int a = 0; a < k; a++) {
      for (int j = 0; j < d; j++) {
        s.append("        final double x").append(j).append('_').append(a).append(" = ")
            .append(emitter.emit(generators.get(a).get(j))).append(";\n");
      }
    }
    StringBuilder trace = new StringBuilder("0.0");
    for (int a = 0; a < k; a++) {
      for (int bb = 0; bb <= a; bb++) {
        s.append("        final double g").append(a).append('_').append(bb).append(" = 0.0");
        for (int j = 0; j < d; j++) {
          s.append(" + x").append(j).append('_').append(a).append(" * x").append(j).append('_')
              .append(bb);
        }
        s.append(";\n");
      }
      trace.append(" + g").append(a).append('_').append(a);
      s.append("        final double r").append(a).append(" = 0.0");
      for (int j = 0; j < d; j++) {
        s.append(" + x").append(j).append('_').append(a).append(" * g").append(j);
      }
      s.append(";\n");
    }
    s.append("        final double eps = 1.0e-12 * (").append(trace).append(") + 1.0e-300;\n");
    // Cholesky L Lᵀ = G + eps I (lower triangular l_a_b, b <= a).
    for (int a = 0; a < k; a++) {
      for (int bb = 0; bb <= a; bb++) {
        StringBuilder sum = new StringBuilder("g" + a + "_" + bb);
        for (int m = 0; m < bb; m++) {
          sum.append(" - l").append(a).append('_').append(m).append(" * l").append(bb)
              .append('_').append(m);
        }
        if (a == bb) {
          s.append("        final double l").append(a).append('_').append(a)
              .append(" = Math.sqrt(Math.max(").append(sum).append(" + eps, eps));\n");
        } else {
          s.append("        final double l").append(a).append('_').append(bb).append(" = (")
              .append(sum).append(") / l").append(bb).append('_').append(bb).append(";\n");
        }
      }
    }
    for (int a = 0; a < k; a++) {
      s.append("        final double f").append(a).append(" = (r").append(a);
      for (int m = 0; m < a; m++) {
        s.append(" - l").append(a).append('_').append(m).append(" * f").append(m);
      }
      s.append(") / l").append(a).append('_').append(a).append(";\n");
    }
    for (int a = k - 1; a >= 0; a--) {
      s.append("        final double c").append(a).append(" = (f").append(a);
      for (int m = a + 1; m < k; m++) {
        s.append(" - l").append(m).append('_').append(a).append(" * c").append(m);
      }
      s.append(") / l").append(a).append('_').append(a).append(";\n");
    }
    for (int j = 0; j < d; j++) {
      s.append("        b").append(j).append("[c] = p").append(j).append(" - h * ")
          .append(emitter.emit(gradient.get(j))).append(" + s * (g").append(j);
      for (int a = 0; a < k; a++) {
        s.append(" - x").append(j).append('_').append(a).append(" * c").append(a);
      }
      s.append(");\n");
    }
    s.append("      }\n");
  }
}
