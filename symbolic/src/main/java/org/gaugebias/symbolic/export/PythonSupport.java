package org.gaugebias.symbolic.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.expr.TabulatedFunction;
import org.gaugebias.symbolic.trace.VariantResult;

/** Python text both exports share: the tabulated functions with their embedded tables. */
final class PythonSupport {
  private PythonSupport() {
  }

  /**
   * The interpolation {@link TabulatedFunction} does, in Python: cubic Hermite in s = √q of φ
   * (slopes dφ/ds), of dφ/ds (slopes d²φ/ds²) for φ' = (dφ/ds)/(2s), and of s(β) (slopes
   * 1/(dφ/ds)) for ψ = s². Methods take the namespace: {@code math} for a float, an array
   * namespace for arrays.
   */
  static final String TABLE_CLASS = """
      class _Table:
          \"\"\"A tabulated outer map phi: [0, q_max] -> [0, beta_max], interpolated as gaugebias does:
          cubic Hermite in s = sqrt(q) of phi, of dphi/ds (for phi' = (dphi/ds)/(2s)) and of the
          inverse s(beta) (for psi = phi^-1 = s^2).\"\"\"

          def __init__(self, csv):
              rows = [line.split(",") for line in csv.strip().splitlines()
                      if line.strip() and not line.startswith("#")][1:]
              self.s = [math.sqrt(float(r[0])) for r in rows]
              self.phi = [float(r[1]) for r in rows]
              self.g = [float(r[3]) for r in rows]
              self.g2 = [float(r[4]) for r in rows]
              self._cache = {}

          @staticmethod
          def _cubic(y0, y1, hm0, hm1, t):
              t2 = t * t
              t3 = t2 * t
              return ((2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * hm0
                      + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * hm1)

          def _columns(self, xp):
              key = id(xp)
              if key not in self._cache:
                  self._cache[key] = tuple(xp.asarray(c, dtype=xp.float64)
                                           for c in (self.s, self.phi, self.g, self.g2))
              return self._cache[key]

          def _index(self, xp, nodes, x):
              n = len(self.s)
              if xp is math:
                  return min(max(bisect.bisect_right(nodes, x) - 1, 0), n - 2)
              i = xp.searchsorted(nodes, x, side="right") - 1
              return xp.clip(i, 0, n - 2)

          def _columns_for(self, xp):
              return (self.s, self.phi, self.g, self.g2) if xp is math else self._columns(xp)

          def _sqrt_q(self, xp, q):
              x = math.sqrt(q) if xp is math else xp.sqrt(q)
              return min(x, self.s[-1]) if xp is math else xp.clip(x, 0.0, self.s[-1])

          def value(self, xp, q):
              \"\"\"phi(q).\"\"\"
              s, phi, g, _ = self._columns_for(xp)
              x = self._sqrt_q(xp, q)
              i = self._index(xp, s, x)
              h = s[i + 1] - s[i]
              return self._cubic(phi[i], phi[i + 1], h * g[i], h * g[i + 1], (x - s[i]) / h)

          def derivative(self, xp, q):
              \"\"\"phi'(q) = (dphi/ds) / (2 s).\"\"\"
              s, _, g, g2 = self._columns_for(xp)
              x = self._sqrt_q(xp, q)
              i = self._index(xp, s, x)
              h = s[i + 1] - s[i]
              return self._cubic(g[i], g[i + 1], h * g2[i], h * g2[i + 1], (x - s[i]) / h) / (2 * x)

          def inverse(self, xp, beta):
              \"\"\"psi(beta) = phi^-1(beta).\"\"\"
              s, phi, g, _ = self._columns_for(xp)
              b = min(beta, self.phi[-1]) if xp is math else xp.clip(beta, 0.0, self.phi[-1])
              i = self._index(xp, phi, b)
              h = phi[i + 1] - phi[i]
              x = self._cubic(s[i], s[i + 1], h / g[i], h / g[i + 1], (b - phi[i]) / h)
              return x * x
      """;

  /** One {@code _table_NAME = _Table(...)} per table, with its CSV embedded verbatim. */
  static List<String> tables(NumericFunctions fns) {
    List<String> out = new ArrayList<>();
    fns.tables().forEach((name, table) -> out.add("_table_" + name + " = _Table(\"\"\"\n"
        + table.toCsv() + "\"\"\")\n"));
    return out;
  }

  /** A Python string literal. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * The per-variant tables of a SymPy module, {@code logdet}, {@code bias} and
   * {@code dropped_constant}, each a dict by variant name, with {@code expr} printing a formula.
   */
  static String variantTables(Map<String, VariantResult> variants, Function<Expr, String> expr) {
    StringBuilder logdet = new StringBuilder("logdet = {\n");
    StringBuilder bias = new StringBuilder("bias = {\n");
    StringBuilder constant = new StringBuilder("dropped_constant = {\n");
    for (Map.Entry<String, VariantResult> v : variants.entrySet()) {
      String key = "    " + quote(v.getKey()) + ": ";
      logdet.append(key).append(expr.apply(v.getValue().logDet())).append(",\n");
      bias.append(key).append(expr.apply(v.getValue().bias())).append(",\n");
      constant.append(key).append(expr.apply(v.getValue().droppedConstant())).append(",\n");
    }
    return logdet.append("}\n").append(bias).append("}\n").append(constant).append("}\n")
        .toString();
  }

  /**
   * {@code def name(beta, tParam, variant=HEADLINE)}: the array module's entry point that calls
   * {@code name_<variant>(beta, t)} for one of its VARIANTS.
   */
  static String variantDispatch(String name, String beta, String tParam, String t) {
    return "\n\ndef " + name + "(" + beta + ", " + tParam + ", variant=HEADLINE):\n    \"\"\""
        + name + " of the named variant (one of VARIANTS).\"\"\"\n    if variant not in VARIANTS:\n"
        + "        raise ValueError(\"unknown variant %r (expected one of %s)\" % (variant,"
        + " \", \".join(VARIANTS)))\n    return globals()[\"" + name + "_\" + variant](" + beta
        + ", " + t + ")\n";
  }
}
