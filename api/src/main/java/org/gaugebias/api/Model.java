package org.gaugebias.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.export.ArrayApiExport;
import org.gaugebias.symbolic.export.ExportModel;
import org.gaugebias.symbolic.export.SympyExport;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.print.Format;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * A derived design: the compiled parameterisation and its derivation (THEORY.md §1–3), with
 * the results at hand and every output format. Immutable; formulas are {@link Expr} values,
 * whose {@code toString()} is the readable formula.
 *
 * @param compiled the design compiled to scalars (shapes, component symbols, tables)
 * @param derivation the derivation: every step, the variants, the structure
 */
public record Model(Parameterization compiled, Derivation derivation) {
  /**
   * A model of a compiled design and its derivation.
   *
   * @param compiled the design compiled to scalars
   * @param derivation its derivation
   */
  public Model {
    Objects.requireNonNull(compiled, "compiled");
    Objects.requireNonNull(derivation, "derivation");
  }

  /**
   * The design's id.
   *
   * @return the id from the design file
   */
  public String id() {
    return derivation.designId();
  }

  /**
   * The headline bias R (the design's variant, else the quotient variant), constants dropped.
   *
   * @return the bias as a function of the predictor and the temperature
   */
  public Expr bias() {
    return bias(derivation.headline() == null ? Variant.QUOTIENT : derivation.headline());
  }

  /**
   * The bias of one variant, constants dropped (THEORY.md §3).
   *
   * @param variant quotient, orbit or gauge
   * @return the bias
   * @throws IllegalArgumentException when the variant was not computed (gauge without a
   *     gauge condition)
   */
  public Expr bias(Variant variant) {
    return result(variant).bias();
  }

  /**
   * The full log-determinant of a variant's Gram matrix at the representative, constants
   * included (the value {@code eval} prints as {@code logdet_P}, {@code logdet_G},
   * {@code logdet_C}).
   *
   * @param variant quotient, orbit or gauge
   * @return log det as a function of the predictor
   */
  public Expr logDet(Variant variant) {
    return result(variant).logDet();
  }

  private VariantResult result(Variant variant) {
    VariantResult r = derivation.results().get(variant);
    if (r == null) {
      throw new IllegalArgumentException("design " + id() + " has no " + variant
          + " variant (no gauge condition is needed)");
    }
    return r;
  }

  /**
   * The unnormalised stationary density p(β) ∝ exp(−Φ/T) under projected noise (THEORY.md §5).
   *
   * @return the density, or empty when the design declares no loss
   */
  public Optional<Expr> stationaryDensity() {
    return derivation.stationaryDensity();
  }

  /**
   * The weight-decay representation cost ½‖θ̃(β)‖².
   *
   * @return the cost as a function of the predictor
   */
  public Expr representationCost() {
    return derivation.representationCost();
  }

  /**
   * The derived formulas at one predictor point, constants included, as {@code gaugebias eval}
   * prints them.
   *
   * @param temperature T &gt; 0
   * @param beta the predictor's components in flattening order (row-major for a matrix); for a
   *     design with a symbolic size, their number fixes n
   * @return the log-determinants, biases and representation cost at the point
   * @throws IllegalArgumentException for a wrong number of components, T ≤ 0, or a point
   *     outside a table
   */
  public PointEvaluation evaluate(double temperature, double... beta) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("the temperature must be positive, not " + temperature);
    }
    Derivation d = derivation;
    var sized = org.gaugebias.symbolic.size.SizedEvaluation.facts(d);
    if (sized.isPresent()) {
      // a symbolic size: n is fixed by the number of components (n·c for blocks of c outputs)
      int per = sized.get().outputsPerBlock();
      if (beta.length == 0 || beta.length % per != 0) {
        throw new IllegalArgumentException("design " + id() + " has " + per + " predictor"
            + " components per index " + sized.get().size() + ", not a multiple in "
            + beta.length);
      }
      d = org.gaugebias.symbolic.size.SizedEvaluation.at(d, beta.length / per);
    }
    List<String> names = d.predictorSymbols();
    if (beta.length != names.size()) {
      throw new IllegalArgumentException("design " + id() + " has " + names.size()
          + " predictor components, not " + beta.length);
    }
    Map<String, Double> point = new HashMap<>();
    for (int i = 0; i < beta.length; i++) {
      point.put(names.get(i), beta[i]);
    }
    return PointEvaluation.at(d, point, temperature, compiled.functions());
  }

  /**
   * The derivation in one of the printed formats.
   *
   * @param format text, LaTeX (a document pdflatex compiles) or JSON (docs/json-schema.md)
   * @return the document
   */
  public String print(Format format) {
    return format.printer().print(derivation);
  }

  /**
   * A Python module rebuilding every result as SymPy expressions
   * ({@code derive --format sympy}).
   *
   * @return the module's source
   */
  public String toSympy() {
    var sized = org.gaugebias.symbolic.export.SizedExportModel.of(derivation,
        compiled.functions());
    if (sized.isPresent()) {
      return org.gaugebias.symbolic.export.SizedSympyExport.render(sized.get());
    }
    return SympyExport.render(ExportModel.of(derivation, compiled));
  }

  /**
   * A Python module of array-API functions for NumPy arrays and PyTorch tensors: predictor,
   * gauge, representative, balanced initialisation, biases, log-density
   * ({@code derive --format python}).
   *
   * @return the module's source
   */
  public String toPython() {
    var sized = org.gaugebias.symbolic.export.SizedExportModel.of(derivation,
        compiled.functions());
    if (sized.isPresent()) {
      return org.gaugebias.symbolic.export.SizedArrayApiExport.render(sized.get());
    }
    return ArrayApiExport.render(ExportModel.of(derivation, compiled));
  }
}
