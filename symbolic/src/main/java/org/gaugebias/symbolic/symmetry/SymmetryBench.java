package org.gaugebias.symbolic.symmetry;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.hipparchus.fraction.BigFraction;

/**
 * Timing of exact symmetry discovery on growing networks ({@code gaugebias bench --symmetries}):
 * for linear networks W_L ⋯ W_1 and two-layer ReLU networks in per-unit products, the parameter
 * count d, the law count d − dim W_f and whether it is certified, and the wall time of the
 * linear-symmetry solve (all three parts) and of the Lie-algebra rank.
 */
public final class SymmetryBench {
  /** One measured architecture. */
  public record Row(String architecture, int d, int m, int laws, int quadratic,
      boolean certified, long symmetriesMillis, long lieMillis) { }

  private SymmetryBench() {
  }

  /** The architectures of the README table, smallest first. */
  public static List<Row> run(GradientLieAlgebra.Limits limits,
      java.util.function.Consumer<Row> each) {
    List<Row> out = new ArrayList<>() {
      @Override
      public boolean add(Row r) {
        each.accept(r);
        return super.add(r);
      }
    };
    int[][] linear = {{2, 2, 2}, {4, 4, 4}, {5, 5, 5, 5}, {6, 6, 6, 6}, {5, 5, 5, 5, 5},
        {8, 8, 8}, {10, 10, 10}, {8, 8, 8, 8}};
    for (int[] w : linear) {
      out.add(measure("linear " + java.util.Arrays.toString(w), linear(w), limits));
    }
    int[][] relu = {{3, 16, 1}, {5, 20, 2}, {10, 20, 1}, {10, 30, 2}, {10, 50, 2}};
    for (int[] r : relu) {
      out.add(measure("relu " + r[0] + "-" + r[1] + "-" + r[2], relu(r[0], r[1], r[2]), limits));
    }
    return out;
  }

  /** Measures every architecture, printing each row as soon as it is measured. */
  public static void print(PrintWriter out, GradientLieAlgebra.Limits limits) {
    out.printf(Locale.ROOT, "%-22s %5s %5s %6s %9s %9s %13s %8s%n", "architecture", "d", "m",
        "laws", "quadratic", "certified", "symmetries ms", "W_f ms");
    out.flush();
    run(limits, r -> {
      out.printf(Locale.ROOT, "%-22s %5d %5d %6d %9d %9s %13d %8d%n", r.architecture(), r.d(),
          r.m(), r.laws(), r.quadratic(), r.certified(), r.symmetriesMillis(), r.lieMillis());
      out.flush();
    });
  }

  private static Row measure(String name, PolynomialPredictor f, GradientLieAlgebra.Limits lim) {
    long t0 = System.nanoTime();
    List<BigFraction[][]> sym = PolynomialSymmetries.solveAll(f).symmetric();
    long t1 = System.nanoTime();
    List<String> outs = new ArrayList<>();
    for (int i = 0; i < f.outputs(); i++) {
      outs.add("f" + (i + 1));
    }
    ConservationLaws c = ConservationLaws.of(f, outs, lim, 1L, sym);
    return new Row(name, f.dimension(), f.outputs(), c.count(), c.matrices().size(),
        c.certified(), (t1 - t0) / 1_000_000, c.lieAlgebra().millis());
  }

  /** W_L ⋯ W_1, W_l of size widths[l] × widths[l−1]. */
  static PolynomialPredictor linear(int... widths) {
    List<String> theta = new ArrayList<>();
    Polynomial[][] p = null;
    for (int l = 1; l < widths.length; l++) {
      Polynomial[][] w = new Polynomial[widths[l]][widths[l - 1]];
      List<String> names = Variable.of("W" + l, Shape.matrix(widths[l], widths[l - 1]))
          .symbols();
      for (int a = 0; a < widths[l]; a++) {
        for (int b = 0; b < widths[l - 1]; b++) {
          w[a][b] = Polynomial.variable(theta.size());
          theta.add(names.get(a * widths[l - 1] + b));
        }
      }
      p = p == null ? w : product(w, p);
    }
    List<Polynomial> f = new ArrayList<>();
    for (Polynomial[] row : p) {
      f.addAll(List.of(row));
    }
    return new PolynomialPredictor(theta, f);
  }

  private static Polynomial[][] product(Polynomial[][] a, Polynomial[][] b) {
    Polynomial[][] c = new Polynomial[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        Polynomial s = Polynomial.ZERO;
        for (int k = 0; k < b.length; k++) {
          s = s.plus(a[i][k].times(b[k][j]));
        }
        c[i][j] = s;
      }
    }
    return c;
  }

  /** Two-layer ReLU network in per-unit products β_k = v_k w_kᵀ (w_k ∈ R^in, v_k ∈ R^out). */
  static PolynomialPredictor relu(int in, int hidden, int out) {
    List<String> theta = new ArrayList<>();
    List<Polynomial> f = new ArrayList<>();
    for (int k = 0; k < hidden; k++) {
      int w = theta.size();
      theta.addAll(Variable.of("w" + (k + 1), Shape.vector(in)).symbols());
      theta.addAll(Variable.of("v" + (k + 1), Shape.vector(out)).symbols());
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          f.add(Polynomial.variable(w + in + o).times(Polynomial.variable(w + i)));
        }
      }
    }
    return new PolynomialPredictor(theta, f);
  }

  /** Runs the table: {@code java -cp … org.gaugebias.symbolic.symmetry.SymmetryBench}. */
  public static void main(String[] args) {
    print(new PrintWriter(System.out), GradientLieAlgebra.Limits.DEFAULT);
  }
}
