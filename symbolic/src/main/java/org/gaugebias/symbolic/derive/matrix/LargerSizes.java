package org.gaugebias.symbolic.derive.matrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.ActionDecl;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.design.ParameterDecl;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.symmetry.TransposeSplit;
import org.gaugebias.symbolic.trace.Variant;
import org.hipparchus.fraction.BigFraction;

/**
 * The same design at a larger rank, for checking a closed form at sizes not used to derive it
 * (issue 8): every dimension of every factor and every group grows by the same amount, so the
 * offsets m − r, n − r stay. At that size the generator, constraint and predictor Gram matrices
 * are built densely in double precision at the diagonal representative and their
 * log-(pseudo-)determinants taken from eigenvalues, independently of the block patterns.
 */
final class LargerSizes {
  private final SymjaSession session;
  private final String source;
  private final boolean declaredGauge;

  LargerSizes(SymjaSession session, String source, boolean declaredGauge) {
    this.session = session;
    this.source = source;
    this.declaredGauge = declaredGauge;
  }

  /** Dense numeric log-determinants at one rank: a function of the frame values d. */
  interface Dense {
    Map<Variant, Double> logDets(double[] d);

    int rank();

    int depth();
  }

  /** The design grown to rank {@code rank}, or empty when it cannot be (a loss with sizes). */
  Optional<Dense> at(int rank, int currentRank) {
    Design d;
    try {
      d = DesignReader.read(Path.of(source));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (d.gauge().isPresent() && !d.gauge().get().isEmpty() || d.loss().isPresent()
        || !d.constants().isEmpty() || d.generators().isPresent() && !d.generators().get()
        .isEmpty() || d.actions().stream().anyMatch(a -> !a.indices().isEmpty())) {
      return Optional.empty();
    }
    int delta = rank - currentRank;
    List<ParameterDecl> params = d.parameters().stream().map(p -> new ParameterDecl(p.name(),
        Shape.matrix(p.shape().rows() + delta, p.shape().cols() + delta), p.pos())).toList();
    List<ActionDecl> actions = d.actions().stream().map(a -> new ActionDecl(a.label(),
        new ActionDecl.Group(a.group().kind(), a.group().size() + delta), a.element(),
        a.indices(), a.acts(), a.pos())).toList();
    Design grown = new Design(d.source(), d.id(), d.title(), params, d.constants(),
        d.predictor(), d.assumptions(), d.generators(), d.gauge(), d.loss(), d.temperature(),
        d.variant(), d.data(), d.tables(), actions);
    Parameterization p = new DesignCompiler(session).compile(grown);
    Optional<DiagonalFrame> frame = DiagonalFrame.of(p);
    if (frame.isEmpty() || p.generators().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(dense(p, frame.get()));
  }

  private Dense dense(Parameterization p, DiagonalFrame f) {
    int dim = f.theta().size();
    Map<String, Poly> vars = new HashMap<>();
    for (int k = 0; k < dim; k++) {
      vars.put(f.theta().get(k), Poly.variable(k, dim));
    }
    List<Poly> fields = new ArrayList<>();
    List<List<Poly>> fieldRows = new ArrayList<>();
    for (Parameterization.GeneratorField g : p.generators().get()) {
      fieldRows.add(g.field().stream().map(e -> Poly.of(e, vars, dim).orElseThrow()).toList());
    }
    List<Poly> rep = f.representativeList();
    List<List<Poly>> xi = new ArrayList<>();
    for (List<Poly> row : fieldRows) {
      xi.add(row.stream().map(q -> q.substitute(rep, f.rank())).toList());
    }
    List<List<Poly>> jf = new ArrayList<>();
    List<Boolean> scaled = new ArrayList<>();
    List<Component> wc = f.predictorVariable().components();
    for (int k = 0; k < wc.size(); k++) {
      int a = wc.get(k).indices().get(0);
      int b = wc.get(k).indices().get(1);
      if (f.symmetric() && a > b) {
        continue;
      }
      jf.add(gradientAt(f.predictor().get(k), dim, rep, f.rank()));
      scaled.add(f.symmetric() && a != b);
    }
    List<List<Poly>> jchi = new ArrayList<>();
    if (!declaredGauge) {
      for (Poly chi : balance(fieldRows, dim)) {
        jchi.add(gradientAt(chi, dim, rep, f.rank()));
      }
    }
    return new Dense() {
      @Override
      public Map<Variant, Double> logDets(double[] d) {
        Map<Variant, Double> out = new EnumMap<>(Variant.class);
        out.put(Variant.ORBIT, MatrixRoute.logPseudoDet(gram(xi, d, null)));
        out.put(Variant.QUOTIENT, MatrixRoute.logPseudoDet(gram(jf, d, scaled)));
        if (!jchi.isEmpty()) {
          out.put(Variant.GAUGE, MatrixRoute.logPseudoDet(gram(jchi, d, null)));
        }
        return out;
      }

      @Override
      public int rank() {
        return f.rank();
      }

      @Override
      public int depth() {
        return f.depth();
      }
    };
  }

  private static List<Poly> gradientAt(Poly e, int dim, List<Poly> rep, int r) {
    List<Poly> g = new ArrayList<>();
    for (int k = 0; k < dim; k++) {
      g.add(e.derivative(k).substitute(rep, r));
    }
    return g;
  }

  /**
   * Moment maps ½θᵀSθ of the symmetric part of the generators' algebra (THEORY.md §2, the
   * default gauge): C's determinant depends on their basis only through a constant.
   */
  private static List<Poly> balance(List<List<Poly>> fields, int dim) {
    List<BigFraction[][]> matrices = new ArrayList<>();
    for (List<Poly> field : fields) {
      BigFraction[][] a = new BigFraction[dim][dim];
      for (int j = 0; j < dim; j++) {
        for (int k = 0; k < dim; k++) {
          a[j][k] = field.get(j).derivative(k).terms().values().stream().findFirst()
              .orElse(BigFraction.ZERO);
        }
      }
      matrices.add(a);
    }
    boolean allSym = true;
    for (BigFraction[][] a : matrices) {
      for (int j = 0; j < dim && allSym; j++) {
        for (int k = 0; k < dim && allSym; k++) {
          allSym = a[j][k].equals(a[k][j]);
        }
      }
    }
    List<BigFraction[][]> sym = allSym ? matrices : TransposeSplit.of(matrices).symmetric();
    List<Poly> out = new ArrayList<>();
    for (BigFraction[][] s : sym) {
      Map<Poly.Mono, BigFraction> terms = new LinkedHashMap<>();
      for (int j = 0; j < dim; j++) {
        for (int k = 0; k < dim; k++) {
          if (s[j][k].signum() != 0) {
            int[] e = new int[dim];
            e[j]++;
            e[k]++;
            terms.merge(new Poly.Mono(e), s[j][k].divide(2), BigFraction::add);
          }
        }
      }
      terms.values().removeIf(c -> c.signum() == 0);
      out.add(new Poly(terms));
    }
    return out;
  }

  private static double[][] gram(List<List<Poly>> rows, double[] d, List<Boolean> scaled) {
    int n = rows.size();
    double[][] v = new double[n][];
    for (int a = 0; a < n; a++) {
      v[a] = rows.get(a).stream().mapToDouble(q -> q.isZero() ? 0 : q.value(d)).toArray();
      if (scaled != null && scaled.get(a)) {
        for (int k = 0; k < v[a].length; k++) {
          v[a][k] *= Math.sqrt(2);
        }
      }
    }
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        double s = 0;
        for (int k = 0; k < v[a].length; k++) {
          s += v[a][k] * v[b][k];
        }
        g[a][b] = s;
        g[b][a] = s;
      }
    }
    return g;
  }

  /** Random frame values in [0.5, 2]. */
  static double[] frame(SplittableRandom rng, int r) {
    double[] d = new double[r];
    for (int i = 0; i < r; i++) {
      d[i] = 0.5 + 1.5 * rng.nextDouble();
    }
    return d;
  }
}
