package org.gaugebias.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Variant;

/**
 * {@code gaugebias bench --matrix} (issue 8, "Speed"): the whole forward derivation of
 * W = W_L ⋯ W_1 (square r×r factors) for r = 1..6 and L = 2..4 in a warm JVM, beside the same
 * Gram determinants taken by hand in SymPy ({@code bench/matrix_gram_sympy.py}: tangent vectors
 * at the diagonal frame, dense Gram, det); log det P of both is compared at one point. Then the
 * closed form for every size is evaluated at growing ranks: no symbolic work is left.
 */
final class MatrixBench {
  static final int MAX_RANK = 6;
  static final int MAX_DEPTH = 4;

  private final PrintWriter out;
  private final Duration cap;
  private final Path script;

  MatrixBench(PrintWriter out, Duration cap, Path script) {
    this.out = out;
    this.cap = cap;
    this.script = script;
  }

  /** One size: engine time, log det P at the cross-check point, the derivation. */
  private record Run(int depth, int rank, double ms, double frontMs, String status,
      double logDetP, Derivation derivation) { }

  void run() throws Exception {
    long t0 = System.nanoTime();
    Engine.session();
    out.printf(Locale.ROOT, "symja start-up: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    derive(2, 2); // warm-up
    List<Run> runs = new ArrayList<>();
    for (int depth = 2; depth <= MAX_DEPTH; depth++) {
      for (int rank = 1; rank <= MAX_RANK; rank++) {
        Run r = timed(depth, rank);
        runs.add(r);
        out.printf(Locale.ROOT, "engine L=%d r=%d: %s%n", depth, rank, r.status().equals("ok")
            ? String.format(Locale.ROOT, "%.0f ms", r.ms()) : r.status());
        out.flush();
        if (!r.status().equals("ok")) {
          break;
        }
      }
    }
    Map<String, String[]> sympy = sympy();
    List<String[]> rows = new ArrayList<>();
    for (Run r : runs) {
      String[] s = sympy.get(r.depth() + "," + r.rank());
      boolean sympyOk = s != null && s[4].equals("ok");
      double sympyMs = sympyOk ? Double.parseDouble(s[3]) * 1e3 : Double.NaN;
      boolean engineOk = r.status().equals("ok");
      String agree = engineOk && sympyOk ? String.format(Locale.ROOT, "%.1e",
          Math.abs(r.logDetP() - Double.parseDouble(s[5]))) : "-";
      rows.add(new String[] {String.valueOf(r.depth()), String.valueOf(r.rank()),
          String.valueOf(r.depth() * r.rank() * r.rank()),
          engineOk ? String.format(Locale.ROOT, "%.0f", r.ms()) : r.status(),
          engineOk ? String.format(Locale.ROOT, "%.0f", r.frontMs()) : "-",
          s == null ? "not run" : sympyOk ? String.format(Locale.ROOT, "%.0f", sympyMs)
              : "> " + s[3] + " s (" + s[4] + ")",
          engineOk && sympyOk ? String.format(Locale.ROOT, "%.2f", sympyMs / r.ms()) : "-",
          agree});
    }
    out.print(Table.render(new String[] {"L", "r", "params", "engine ms", "front ms",
        "sympy ms",
        "sympy/engine", "|Δ log det P|"}, rows));
    growth(runs, sympy);
    closedFormCost(runs);
    out.flush();
  }

  private Run timed(int depth, int rank) {
    long s = System.nanoTime();
    try {
      Derivation d = Budget.run("L=" + depth + " r=" + rank, cap, () -> derive(depth, rank));
      double ms = (System.nanoTime() - s) / 1e6;
      // the generic front (Jacobian, discovered generators, symbolic invariance, completeness,
      // gauge) timed again on its own: the rest is the matrix route and the bias steps
      long f = System.nanoTime();
      Budget.run("L=" + depth + " r=" + rank, cap, () -> new ForwardDeriver(Engine.session())
          .throughGauge(compile(depth, rank)));
      return new Run(depth, rank, ms, (System.nanoTime() - f) / 1e6, "ok",
          logDetP(d, rank, depth), d);
    } catch (RuntimeException e) {
      boolean late = e instanceof org.gaugebias.symbolic.failure.GaugebiasException g
          && g.failure() == org.gaugebias.symbolic.failure.FailureKind.TIMEOUT;
      String why = late ? "over " + cap.toSeconds() + " s" : "failed: " + e.getMessage();
      return new Run(depth, rank, (System.nanoTime() - s) / 1e6, Double.NaN,
          why.length() > 100
          ? why.substring(0, 100) + "…" : why, Double.NaN, null);
    }
  }

  /** The design W = W_L ⋯ W_1, r×r factors, compiled and derived. */
  static Derivation derive(int depth, int rank) {
    return new ForwardDeriver(Engine.session()).derive(compile(depth, rank));
  }

  /** The design W = W_L ⋯ W_1, r×r factors, as a user writes it, compiled. */
  static org.gaugebias.symbolic.compile.Parameterization compile(int depth, int rank) {
    StringBuilder y = new StringBuilder("id: bench-l" + depth + "-r" + rank
        + "\ntitle: bench\nparameters:\n");
    StringBuilder w = new StringBuilder();
    for (int l = depth; l >= 1; l--) {
      y.append("  W").append(l).append(": matrix ").append(rank).append(" x ").append(rank)
          .append('\n');
      w.append(l == depth ? "" : ".").append("W").append(l);
    }
    y.append("predictor:\n  W: ").append(w).append('\n');
    return new DesignCompiler(Engine.session()).compile(DesignReader.read("bench.yaml",
        y.toString()));
  }

  /** log det P at σ_i = d_i^L with d_i = 0.5 + 0.3 (i − 1), the script's point. */
  private static double logDetP(Derivation d, int rank, int depth) {
    Spectrum s = d.structure().flatMap(x -> x.spectrum()).orElseThrow();
    Map<String, Double> env = new HashMap<>();
    for (int i = 0; i < rank; i++) {
      env.put(s.values().symbols().get(i), Math.pow(0.5 + 0.3 * i, depth));
    }
    return NumericEvaluator.eval(d.results().get(Variant.QUOTIENT).logDet(), env);
  }

  /**
   * Time ∝ d^k per depth (d the number of parameters), k fitted by least squares on log–log
   * over the sizes r ≥ 2 that both finished, for the engine and for SymPy.
   */
  private void growth(List<Run> runs, Map<String, String[]> sympy) {
    List<String[]> rows = new ArrayList<>();
    for (int depth = 2; depth <= MAX_DEPTH; depth++) {
      List<double[]> engine = new ArrayList<>();
      List<double[]> reference = new ArrayList<>();
      for (Run r : runs) {
        String[] s = sympy.get(r.depth() + "," + r.rank());
        if (r.depth() != depth || r.rank() < 2 || !r.status().equals("ok")) {
          continue;
        }
        double d = Math.log(depth * r.rank() * r.rank());
        engine.add(new double[] {d, Math.log(r.ms())});
        if (s != null && s[4].equals("ok")) {
          reference.add(new double[] {d, Math.log(Double.parseDouble(s[3]) * 1e3)});
        }
      }
      rows.add(new String[] {String.valueOf(depth), slope(engine), slope(reference)});
    }
    out.println("growth, time ∝ params^k (least squares on log–log, r ≥ 2):");
    out.print(Table.render(new String[] {"L", "engine k", "sympy k"}, rows));
  }

  private static String slope(List<double[]> xy) {
    if (xy.size() < 2) {
      return "-";
    }
    double mx = xy.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = xy.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (double[] p : xy) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return String.format(Locale.ROOT, "%.2f", sxy / sxx);
  }

  /** The SymPy reference, run after the engine (the machine's cores are shared). */
  private Map<String, String[]> sympy() throws Exception {
    Map<String, String[]> rows = new HashMap<>();
    if (!Files.isRegularFile(script)) {
      out.println("sympy reference: " + script + " not found (run from the project folder)");
      return rows;
    }
    ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), "--max-rank",
        String.valueOf(MAX_RANK), "--max-depth", String.valueOf(MAX_DEPTH), "--timeout",
        String.valueOf(cap.toSeconds())).redirectErrorStream(true);
    Process p = pb.start();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\t");
        if (f.length == 6 && f[0].matches("\\d+")) {
          rows.put(f[0] + "," + f[1], f);
        }
      }
    }
    if (p.waitFor() != 0) {
      out.println("sympy reference: exited with " + p.exitValue());
    }
    return rows;
  }

  /**
   * Once derived, the closed form Σ_i f + Σ_{i<j} g is evaluated at any rank without symbolic
   * work: the time is the O(r²) double-precision sum, the same derivation serves every size.
   */
  private void closedFormCost(List<Run> runs) {
    List<String[]> rows = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(8);
    for (Run r : runs) {
      if (r.derivation() == null || r.rank() != 2) {
        continue;
      }
      Spectrum s = r.derivation().structure().flatMap(x -> x.spectrum()).orElseThrow();
      Spectrum.ClosedForm cf = s.closedForms().get(Variant.QUOTIENT);
      if (cf == null) {
        continue;
      }
      for (int size : new int[] {6, 60, 600}) {
        double[] sigma = new double[size];
        for (int i = 0; i < size; i++) {
          sigma[i] = 0.3 + 2.5 * rng.nextDouble();
        }
        long t = System.nanoTime();
        double v = fold(cf, s, sigma);
        double ms = (System.nanoTime() - t) / 1e6;
        rows.add(new String[] {String.valueOf(r.depth()), String.valueOf(size),
            String.format(Locale.ROOT, "%.2f", ms), String.format(Locale.ROOT, "%.6g", v)});
      }
    }
    out.println("closed form for every size (derived once at r = 2), evaluated at rank r:");
    out.print(Table.render(new String[] {"L", "r", "eval ms", "log det P"}, rows));
  }

  private static double fold(Spectrum.ClosedForm cf, Spectrum s, double[] sigma) {
    String i = s.values().indexedBy(cf.index());
    String j = s.values().indexedBy(cf.second());
    Expr f = cf.single();
    Expr g = cf.pair();
    double total = 0;
    Map<String, Double> env = new HashMap<>();
    for (int a = 0; a < sigma.length; a++) {
      env.put(i, sigma[a]);
      total += NumericEvaluator.eval(f, env);
      for (int b = a + 1; b < sigma.length; b++) {
        env.put(j, sigma[b]);
        total += NumericEvaluator.eval(g, env);
      }
    }
    return total;
  }
}
