package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.sampling.Numerics;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;

/**
 * Log-determinants of the small blocks of a sparse Gram matrix, one CAS determinant per block
 * <em>pattern</em>: blocks that are the same matrix after renaming their frame variables (the
 * block of pair (1, 2) and that of pair (3, 5)) share one determinant, which is what makes
 * concrete sizes cheap and the fold into a closed form possible.
 */
final class BlockLogs {
  /** Symbol of canonical frame variable k in a pattern (renamed to a real σ per block). */
  static String canonical(int k) {
    return "gbS$" + (k + 1);
  }

  /**
   * One block: its rows, its frame variables (sorted) and its pattern.
   *
   * @param toCanonical {@code toCanonical[k]} = the pattern variable of {@code vars.get(k)}
   */
  record Block(List<Integer> rows, List<Integer> vars, int[] toCanonical, Pattern pattern) {
    /** The σ symbol each pattern variable stands for in this block. */
    Map<String, Expr> renaming(DiagonalFrame f) {
      Map<String, Expr> m = new HashMap<>();
      for (int k = 0; k < vars.size(); k++) {
        m.put(canonical(toCanonical[k]), new Expr.Sym(f.values().symbols().get(vars.get(k))));
      }
      return m;
    }
  }

  /**
   * A block pattern: the matrix in canonical variables, and its log-determinant as coefficient ×
   * term (terms in the canonical σ symbols); {@code zeros} rows of a zero block, {@code pseudo}
   * when a non-zero block was singular and its pseudo-determinant was taken.
   */
  record Pattern(String key, Poly[][] matrix, int vars, Map<Expr, BigFraction> log, int zeros,
      boolean pseudo) { }

  private final Algebra cas;
  /** The same CAS with a short limit, for factoring (Symja's Factor can hang: SYMJA-NOTES). */
  private final Algebra quick;
  private final DiagonalFrame frame;
  private final Map<String, Pattern> patterns = new LinkedHashMap<>();

  BlockLogs(Algebra cas, Algebra quick, DiagonalFrame frame) {
    this.cas = cas;
    this.quick = quick;
    this.frame = frame;
  }

  Algebra quick() {
    return quick;
  }

  Map<String, Pattern> patterns() {
    return patterns;
  }

  List<Block> blocks(SparseGram g) {
    List<Block> out = new ArrayList<>();
    for (List<Integer> rows : g.blocks()) {
      out.add(block(g, rows));
    }
    return out;
  }

  private Block block(SparseGram g, List<Integer> rows) {
    int n = rows.size();
    Poly[][] m = new Poly[n][n];
    List<Integer> vars = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        m[a][b] = g.get(rows.get(a), rows.get(b));
        for (int v : m[a][b].variables()) {
          if (!vars.contains(v)) {
            vars.add(v);
          }
        }
      }
    }
    vars.sort(null);
    int s = vars.size();
    int[] best = null;
    String bestKey = null;
    Poly[][] bestM = null;
    for (int[] perm : permutations(s)) {
      int[] to = new int[frame.rank()];
      for (int k = 0; k < s; k++) {
        to[vars.get(k)] = perm[k];
      }
      Poly[][] r = new Poly[n][n];
      StringBuilder key = new StringBuilder();
      for (int a = 0; a < n; a++) {
        key.append(g.scale()[rows.get(a)] ? "s" : "u");
        for (int b = 0; b < n; b++) {
          r[a][b] = m[a][b].rename(to, Math.max(s, 1));
          key.append('|').append(r[a][b].toExpr(BlockLogs::xPower).toWolfram());
        }
        key.append(';');
      }
      if (bestKey == null || key.toString().compareTo(bestKey) < 0) {
        bestKey = key.toString();
        best = perm;
        bestM = r;
      }
    }
    final Poly[][] canonicalMatrix = bestM;
    final int scaled = (int) rows.stream().filter(a -> g.scale()[a]).count();
    Pattern pattern = patterns.computeIfAbsent(bestKey,
        key -> pattern(key, canonicalMatrix, s, scaled));
    return new Block(rows, vars, best, pattern);
  }

  private static Expr xPower(int i, int k) {
    Expr x = new Expr.Sym("gbX$" + (i + 1));
    return k == 1 ? x : new Expr.Pow(x, Expr.integer(k));
  }

  private Pattern pattern(String key, Poly[][] m, int s, int scaled) {
    int n = m.length;
    boolean zero = true;
    List<List<Expr>> rows = new ArrayList<>();
    for (Poly[] row : m) {
      List<Expr> r = new ArrayList<>();
      for (Poly q : row) {
        zero &= q.isZero();
        r.add(q.toExpr(BlockLogs::xPower));
      }
      rows.add(r);
    }
    if (zero) {
      return new Pattern(key, m, s, Map.of(), n, false);
    }
    Map<String, Poly> xs = new HashMap<>();
    for (int k = 0; k < Math.max(s, 1); k++) {
      xs.put("gbX$" + (k + 1), Poly.variable(k, Math.max(s, 1)));
    }
    Poly exact = determinant(m, Math.max(s, 1));
    boolean pseudo = exact.isZero();
    if (pseudo) {
      if (scaled > 0) {
        throw new IllegalStateException("a singular block with √2-scaled rows");
      }
      int rank = numericRank(m, s);
      exact = Poly.of(cas.expand(cas.principalMinorSum(rows, rank)), xs, Math.max(s, 1))
          .orElseThrow(() -> new IllegalStateException("a pseudo-determinant that is not a"
              + " polynomial"));
    }
    Expr det = exact.toExpr(BlockLogs::xPower);
    Map<Expr, BigFraction> log = new LinkedHashMap<>();
    logOfFactored(factored(det, xs, Math.max(s, 1)), xs, Math.max(s, 1), log);
    if (scaled > 0) {
      log.merge(Expr.log(Expr.integer(2)), new BigFraction(scaled), BigFraction::add);
    }
    log.values().removeIf(c -> c.signum() == 0);
    return new Pattern(key, m, s, log, 0, pseudo);
  }

  /**
   * The determinant factored: its rational and monomial content split off exactly, the rest
   * (when it has more than one term) by the CAS's Factor under a short limit, else kept as one
   * factor (still exact, less tidy). Diagonal blocks are monomials and need no CAS call; Factor
   * of a whole determinant was most of the route's time at small sizes.
   */
  private Expr factored(Expr det, Map<String, Poly> xs, int vars) {
    Poly q = Poly.of(det, xs, vars).orElseThrow(() -> new IllegalStateException(
        "not a polynomial: " + det.toWolfram()));
    int[] content = null;
    for (Poly.Mono m : q.terms().keySet()) {
      if (content == null) {
        content = m.exps().clone();
      }
      for (int i = 0; i < vars; i++) {
        content[i] = Math.min(content[i], m.exps()[i]);
      }
    }
    List<Expr> factors = new ArrayList<>();
    int[] negated = new int[vars];
    for (int i = 0; i < vars; i++) {
      if (content[i] > 0) {
        factors.add(xPower(i, content[i]));
      }
      negated[i] = -content[i];
    }
    Map<Poly.Mono, BigFraction> rest = new HashMap<>();
    for (var t : q.terms().entrySet()) {
      rest.put(t.getKey().times(new Poly.Mono(negated)), t.getValue());
    }
    Expr restExpr = new Poly(rest).toExpr(BlockLogs::xPower);
    Expr restFactored = restExpr;
    if (rest.size() > 1) {
      try {
        restFactored = quick.factor(restExpr);
      } catch (org.gaugebias.symbolic.cas.CasException e) {
        restFactored = restExpr;
      }
    }
    if (restFactored instanceof Expr.Mul m) {
      factors.addAll(m.factors());
    } else {
      factors.add(restFactored);
    }
    return factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors);
  }

  /**
   * The exact determinant of a block, without the CAS: Laplace expansion along the rows with
   * the minors memoised by their set of columns, so an n×n block costs at most n·2ⁿ⁻¹ sparse
   * polynomial products instead of n! (the deep-linear C block of the diagonal conditions is
   * (L−1)r × (L−1)r and couples every index: 12×12 at L = 4, r = 4, where a CAS determinant
   * of the symbolic matrix ran out of time). Zero entries are skipped.
   */
  static Poly determinant(Poly[][] m, int vars) {
    int n = m.length;
    if (n > 24) {
      throw new IllegalStateException("a Gram block of " + n + " rows is beyond the exact"
          + " expansion");
    }
    return minor(m, 0, new HashMap<>(), vars);
  }

  /** det of rows {@code n − |cols|} … n − 1 on the columns not in {@code used}. */
  private static Poly minor(Poly[][] m, int used, Map<Integer, Poly> memo, int vars) {
    int n = m.length;
    int row = Integer.bitCount(used);
    if (row == n) {
      return Poly.constant(BigFraction.ONE, vars);
    }
    Poly known = memo.get(used);
    if (known != null) {
      return known;
    }
    Poly sum = Poly.ZERO;
    int sign = 1;
    for (int c = 0; c < n; c++) {
      if ((used & (1 << c)) != 0) {
        continue;
      }
      if (!m[row][c].isZero()) {
        Poly rest = minor(m, used | (1 << c), memo, vars);
        if (!rest.isZero()) {
          Poly term = m[row][c].times(rest);
          sum = sum.plus(sign > 0 ? term : term.scale(BigFraction.MINUS_ONE));
        }
      }
      sign = -sign;
    }
    memo.put(used, sum);
    return sum;
  }

  private int numericRank(Poly[][] m, int s) {
    double[] x = new double[Math.max(s, 1)];
    for (int k = 0; k < x.length; k++) {
      x[k] = 0.7 + 0.37 * k;
    }
    double[][] v = new double[m.length][m.length];
    for (int a = 0; a < m.length; a++) {
      for (int b = 0; b < m.length; b++) {
        v[a][b] = m[a][b].value(x);
      }
    }
    return Numerics.rank(new Array2DRowRealMatrix(v, false));
  }

  /** log|Π f_k^{e_k}| = Σ e_k log|f_k|, monomials split into (e/L) log σ. */
  private void logOfFactored(Expr det, Map<String, Poly> xs, int vars,
      Map<Expr, BigFraction> log) {
    List<Expr> factors = det instanceof Expr.Mul mul ? mul.factors() : List.of(det);
    for (Expr factor : factors) {
      Expr base = factor;
      BigFraction k = BigFraction.ONE;
      if (factor instanceof Expr.Pow pw && pw.exponent() instanceof Expr.Num e && e.isInteger()) {
        base = pw.base();
        k = new BigFraction(e.num(), e.den());
      }
      Poly q = Poly.of(base, xs, vars).orElseThrow(() -> new IllegalStateException(
          "the CAS factored a block determinant into a non-polynomial " + factor.toWolfram()));
      if (q.terms().size() == 1) {
        var t = q.terms().entrySet().iterator().next();
        BigFraction c = t.getValue().abs();
        if (!c.equals(BigFraction.ONE)) {
          addConstantLog(c, k, log);
        }
        int[] e = t.getKey().exps();
        for (int i = 0; i < e.length; i++) {
          if (e[i] != 0) {
            log.merge(Expr.log(new Expr.Sym(canonical(i))),
                k.multiply(new BigFraction(e[i], frame.depth())), BigFraction::add);
          }
        }
      } else {
        Expr inSigma = q.toExpr(this::canonicalPower);
        log.merge(Expr.log(q.positiveCoefficients() ? inSigma : Expr.fn("Abs", inSigma)), k,
            BigFraction::add);
      }
    }
  }

  private static void addConstantLog(BigFraction c, BigFraction k, Map<Expr, BigFraction> log) {
    if (!c.getNumerator().equals(java.math.BigInteger.ONE)) {
      log.merge(Expr.log(new Expr.Num(c.getNumerator(), java.math.BigInteger.ONE)), k,
          BigFraction::add);
    }
    if (!c.getDenominator().equals(java.math.BigInteger.ONE)) {
      log.merge(Expr.log(new Expr.Num(c.getDenominator(), java.math.BigInteger.ONE)),
          k.negate(), BigFraction::add);
    }
  }

  private Expr canonicalPower(int i, int k) {
    Expr s = new Expr.Sym(canonical(i));
    Expr.Num e = Expr.rational(k, frame.depth());
    return e.isInteger() && e.num().intValue() == 1 ? s : new Expr.Pow(s, e);
  }

  /** A block's log-determinant in the real σ symbols. */
  Map<Expr, BigFraction> logOf(Block b) {
    Map<String, Expr> ren = b.renaming(frame);
    Map<Expr, BigFraction> out = new LinkedHashMap<>();
    b.pattern().log().forEach((t, c) -> out.merge(Exprs.substitute(t, ren), c,
        BigFraction::add));
    return out;
  }

  /** Σ coefficient × term as one expression (zero when empty). */
  static Expr sum(Map<Expr, BigFraction> terms) {
    List<Expr> out = new ArrayList<>();
    terms.forEach((t, c) -> {
      if (c.signum() != 0) {
        out.add(c.equals(BigFraction.ONE) ? t
            : Expr.mul(new Expr.Num(c.getNumerator(), c.getDenominator()), t));
      }
    });
    return out.isEmpty() ? Expr.integer(0) : out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  private static List<int[]> permutations(int s) {
    List<int[]> out = new ArrayList<>();
    if (s > 3) {
      int[] id = new int[s];
      for (int k = 0; k < s; k++) {
        id[k] = k;
      }
      out.add(id);
      return out;
    }
    permute(new int[s], new boolean[s], 0, out);
    return out;
  }

  private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
    if (k == cur.length) {
      out.add(cur.clone());
      return;
    }
    for (int v = 0; v < cur.length; v++) {
      if (!used[v]) {
        used[v] = true;
        cur[k] = v;
        permute(cur, used, k + 1, out);
        used[v] = false;
      }
    }
  }
}
