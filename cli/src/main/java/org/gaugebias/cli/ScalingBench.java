package org.gaugebias.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code gaugebias bench --scaling}: warm derivation time against the size, per family (u⊙v,
 * cumsum, dense analysis operator: n = 2, 4, …; depth-k products: k = 2, 4, …, 32), with the
 * growth law t ∝ n^b fitted by least squares on log t against log n (points with n ≥ 8), beside
 * the same derivation done naively in SymPy ({@code ../shared/bench/sympy_same.py FAMILY N grams
 * 3}, median of the repeats after the first) in the same run. A family stops at the first point
 * whose warm-up exceeds the point limit; SymPy stops at its first time-out. Before the table, a
 * JIT warm-up derives the small designs a few times ({@link #warmUp}).
 */
final class ScalingBench {
  private final PrintWriter out;
  private final int maxN;
  private final double limitSeconds;
  private final Path sympy;
  private final int repeats;

  private final List<String> families;

  ScalingBench(PrintWriter out, int maxN, double limitSeconds, Path sympy, int repeats,
      List<String> families) {
    this.families = List.copyOf(families);
    this.out = out;
    this.maxN = maxN;
    this.limitSeconds = limitSeconds;
    this.sympy = sympy;
    this.repeats = repeats;
  }

  /** One family: its name in sympy_same.py and how to write its design of size n. */
  private record Family(String name, String sympyName, int maxSize) { }

  /** Rounds of the JIT warm-up over the small designs (n = 2, 4, 8) before anything is timed. */
  static final int WARM_UP_ROUNDS = 12;

  void run() throws IOException {
    Path dir = Files.createTempDirectory("gaugebias-scaling");
    warmUp(dir);
    List<String[]> rows = new ArrayList<>();
    for (Family f : List.of(new Family("uv", "uv", maxN), new Family("cumsum", "cumsum", maxN),
        new Family("analysis", "analysis", Math.min(maxN, 64)),
        new Family("depth", "depth", 32))) {
      if (!families.isEmpty() && !families.contains(f.name())) {
        continue;
      }
      List<double[]> fit = new ArrayList<>();
      boolean sympyAlive = Files.isRegularFile(sympy);
      for (int n = 2; n <= f.maxSize(); n *= 2) {
        Path design = dir.resolve(f.name() + "-" + n + ".yaml");
        Files.writeString(design, yaml(f.name(), n), StandardCharsets.UTF_8);
        double first;
        try {
          first = time(design);
        } catch (RuntimeException e) {
          rows.add(new String[] {f.name(), String.valueOf(n), "failed: " + e.getMessage(), "",
              "", ""});
          out.println(String.join(" | ", rows.get(rows.size() - 1)));
          out.flush();
          break;
        }
        double[] ms = new double[repeats];
        // a slow first call (JIT, class loading, a loaded machine) is timed once more before
        // the family is stopped
        boolean over = first > limitSeconds * 1000 && time(design) > limitSeconds * 1000;
        for (int r = 0; r < repeats && !over; r++) {
          ms[r] = time(design);
        }
        Arrays.sort(ms);
        double median = over ? first : ms[repeats / 2];
        String sym = "-";
        double sympyMs = Double.NaN;
        boolean sympySize = !f.name().equals("analysis") || n <= 6;
        if (sympyAlive && sympySize) {
          sympyMs = sympy(f.sympyName(), n);
          if (Double.isNaN(sympyMs)) {
            sym = "time-out (> " + (int) limitSeconds + " s)";
            sympyAlive = false;
          } else {
            sym = String.format(Locale.ROOT, "%.0f", sympyMs);
          }
        }
        String ratio = Double.isNaN(sympyMs) ? (sym.startsWith("time-out") ? "> "
            + String.format(Locale.ROOT, "%.0f", limitSeconds * 1000 / median) : "-")
            : String.format(Locale.ROOT, "%.1f", sympyMs / median);
        rows.add(new String[] {f.name(), String.valueOf(n), String.format(Locale.ROOT, "%.0f",
            first), over ? "(over limit)" : String.format(Locale.ROOT, "%.0f", median), sym,
            ratio});
        out.println(String.join(" | ", rows.get(rows.size() - 1)));
        out.flush();
        if (n >= 8 && !over) {
          fit.add(new double[] {Math.log(n), Math.log(median)});
        }
        if (over) {
          break;
        }
      }
      rows.add(new String[] {f.name(), "fit", "", growth(fit), "", ""});
    }
    out.print(Table.render(new String[] {"family", "n (k)", "first ms", "warm median ms",
        "SymPy ms", "SymPy / ours"}, rows));
    out.flush();
  }

  /**
   * "Warm" means compiled: the small points take tens of milliseconds, and after a single
   * warm-up derivation much of the engine (and Symja) still runs interpreted or in C1's first
   * tier, which made n = 2 slower than n = 8. So the small designs of the families asked for
   * (n = 2, 4, 8) are derived {@value #WARM_UP_ROUNDS} times before the table; the time is
   * printed. Nothing is cached between derivations: each starts from the design file.
   */
  private void warmUp(Path dir) throws IOException {
    long start = System.nanoTime();
    int count = 0;
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (String f : List.of("uv", "cumsum", "analysis", "depth")) {
        if (!families.isEmpty() && !families.contains(f)) {
          continue;
        }
        for (int n = 2; n <= Math.min(8, maxN); n *= 2) {
          Path design = dir.resolve("warm-" + f + "-" + n + ".yaml");
          if (round == 0) {
            Files.writeString(design, yaml(f, n), StandardCharsets.UTF_8);
          }
          try {
            Engine.derive(design, null);
            count++;
          } catch (RuntimeException e) {
            // a failing point is reported by the table itself
          }
        }
      }
    }
    out.printf(Locale.ROOT, "JIT warm-up: %d derivations of the n = 2..8 designs, %.1f s%n",
        count, (System.nanoTime() - start) / 1e9);
    out.flush();
  }

  private double time(Path design) {
    long s = System.nanoTime();
    Engine.derive(design, null);
    return (System.nanoTime() - s) / 1e6;
  }

  /** SymPy's median time in ms, or NaN at a time-out or failure. */
  private double sympy(String family, int n) {
    try {
      Process p = new ProcessBuilder("python3", sympy.toString(), family, String.valueOf(n),
          "grams", "3").redirectErrorStream(true).start();
      if (!p.waitFor((long) (limitSeconds * 3 + 10), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Double.NaN;
      }
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int at = text.indexOf("median(rest) ");
      if (p.exitValue() != 0 || at < 0) {
        return Double.NaN;
      }
      return Double.parseDouble(text.substring(at + 13, text.indexOf(" ms", at)));
    } catch (IOException | InterruptedException | NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {@code t ∝ n^b} from least squares on (log n, log t). */
  private static String growth(List<double[]> pts) {
    if (pts.size() < 2) {
      return "-";
    }
    double mx = pts.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = pts.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (double[] p : pts) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return String.format(Locale.ROOT, "t ~ n^%.2f", sxy / sxx);
  }

  /** The design of family {@code f} at size n (generators declared, as at the paper's sizes). */
  static String yaml(String f, int n) {
    if (f.equals("depth")) {
      StringBuilder params = new StringBuilder();
      StringBuilder product = new StringBuilder();
      for (int j = 1; j <= n; j++) {
        params.append("  u").append(j).append(": scalar\n");
        product.append(j == 1 ? "" : "*").append("u").append(j);
      }
      return "id: depth-" + n + "\ntitle: depth " + n + "\nparameters:\n" + params
          + "predictor:\n  beta: " + product + "\n";
    }
    String predictor = switch (f) {
      case "uv" -> "u*v";
      case "cumsum" -> "Accumulate[u*v]";
      default -> "Inverse[M].(u*v)";
    };
    String constants = f.equals("analysis") ? "constants:\n  M: \"" + randomInteger(n) + "\"\n"
        : "";
    return "id: " + f + "-" + n + "\ntitle: " + f + " " + n + "\nparameters:\n  u: vector " + n
        + "\n  v: vector " + n + "\n" + constants + "predictor:\n  beta: " + predictor
        + "\nsymmetry:\n  generators:\n    - name: rescaling\n      for: i in 1.." + n
        + "\n      field:\n        u: u*UnitVector[" + n + ", i]\n        v: -v*UnitVector["
        + n + ", i]\n";
  }

  /** A seeded random integer matrix with entries in −2..2 and a diagonal that keeps it regular. */
  private static String randomInteger(int n) {
    SplittableRandom rng = new SplittableRandom(20260406L + n);
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "{" : ", {");
      for (int j = 0; j < n; j++) {
        int v = i == j ? 2 * n + 1 : rng.nextInt(-2, 3);
        s.append(j == 0 ? "" : ", ").append(v);
      }
      s.append("}");
    }
    return s.append("}").toString();
  }
}
