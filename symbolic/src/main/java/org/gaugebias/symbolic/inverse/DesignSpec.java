package org.gaugebias.symbolic.inverse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.design.ConstantDecl;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.GeneratorDecl;
import org.gaugebias.symbolic.design.IndexRange;
import org.gaugebias.symbolic.design.Located;
import org.gaugebias.symbolic.design.NamedTransform;
import org.gaugebias.symbolic.design.ParameterDecl;
import org.gaugebias.symbolic.design.PredictorDecl;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.design.SourcePos;
import org.gaugebias.symbolic.design.TableDecl;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.WolframPrinter;
import org.gaugebias.symbolic.trace.Variant;

/**
 * The design a family proposes, as typed data: the proof compiles and derives the
 * {@link Design} built from it directly, and {@link #yaml} writes it out for the user (the only
 * place the YAML is produced; nothing reads it back).
 *
 * @param tables tabulated functions the predictor applies (name, file), in order
 * @param parameters the parameters and their shapes, in flattening order
 * @param constants named literal values
 * @param assumptions conditions on the parameters
 * @param predictorName the predictor's name
 * @param predictor the predictor expression
 * @param generators the symmetry generators the design declares (empty: the engine discovers
 *     them; declared at size, where discovery would not fit in memory)
 */
record DesignSpec(List<Table> tables, List<Parameter> parameters, List<Constant> constants,
    List<Written> assumptions, String predictorName, Written predictor,
    List<Generator> generators) {

  /**
   * A generator family {@code for: index in 1..count} (no index: one generator), its field per
   * parameter in file order.
   */
  record Generator(String name, Optional<String> index, int count, Map<String, Expr> field) {
    Generator {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(index, "index");
      field = Collections.unmodifiableMap(new LinkedHashMap<>(field));
    }

    GeneratorDecl toDecl(SourcePos at) {
      Map<String, Located<Expr>> located = new LinkedHashMap<>();
      field.forEach((k, v) -> located.put(k, new Located<>(v, at)));
      return new GeneratorDecl(Optional.of(name), index.map(i -> List.of(new IndexRange(i, 1,
          count))).orElse(List.of()), located, at);
    }
  }

  /** A design whose symmetry the engine discovers. */
  DesignSpec(List<Table> tables, List<Parameter> parameters, List<Constant> constants,
      List<Written> assumptions, String predictorName, Written predictor) {
    this(tables, parameters, constants, assumptions, predictorName, predictor, List.of());
  }

  /** A parameter and its shape. */
  record Parameter(String name, Shape shape) { }

  /**
   * A named constant: a literal, a named transform ({@code dct 64}; {@code value} is then its
   * exact matrix) or a Kronecker product declared by its factors ({@code kron(dct 8, dct 8)};
   * {@code value} is then its KroneckerProduct).
   */
  record Constant(String name, Expr value, Optional<NamedTransform> transform,
      Optional<org.gaugebias.symbolic.design.KroneckerDecl> kronecker) {
    Constant(String name, Expr value) {
      this(name, value, Optional.empty(), Optional.empty());
    }

    /** The declaration as the design file writes it. */
    String declaration() {
      return transform.map(NamedTransform::declaration)
          .or(() -> kronecker.map(k -> k.declaration()))
          .orElse("\"" + value.toWolfram() + "\"");
    }

    ConstantDecl toDecl(SourcePos at) {
      return kronecker.isPresent() ? new ConstantDecl(name, kronecker.get(), at, at)
          : new ConstantDecl(name, value, at, at, transform);
    }
  }

  /** A tabulated function and its file, relative to the design. */
  record Table(String name, String file) { }

  /**
   * An expression and how the design file writes it: quoted (for expressions YAML would
   * misread, and as the catalogue's designed-*.yaml files have them) or plain.
   */
  record Written(Expr expr, boolean quoted) {
    Written {
      Objects.requireNonNull(expr, "expr");
    }

    String text() {
      String code = WolframPrinter.readable(expr);
      return quoted ? "\"" + code + "\"" : code;
    }
  }

  DesignSpec {
    tables = List.copyOf(tables);
    parameters = List.copyOf(parameters);
    constants = List.copyOf(constants);
    assumptions = List.copyOf(assumptions);
    Objects.requireNonNull(predictorName, "predictorName");
    Objects.requireNonNull(predictor, "predictor");
    generators = List.copyOf(generators);
  }

  /** The title of an inverse design for a target written as {@code source}. */
  static String title(String source) {
    return "Inverse design for R* = " + source.replace("\"", "'");
  }

  /** The design itself, positioned at the start of {@code id.yaml} (it has no file). */
  Design toDesign(String id, String title) {
    String file = id + ".yaml";
    SourcePos at = SourcePos.start(file);
    List<ParameterDecl> params = new ArrayList<>();
    parameters.forEach(p -> params.add(new ParameterDecl(p.name(), p.shape(), at)));
    List<ConstantDecl> consts = new ArrayList<>();
    constants.forEach(c -> consts.add(c.toDecl(at)));
    List<Located<Expr>> assumed = new ArrayList<>();
    assumptions.forEach(a -> assumed.add(new Located<>(a.expr(), at)));
    List<TableDecl> tabs = new ArrayList<>();
    tables.forEach(t -> tabs.add(new TableDecl(t.name(), t.file(), at, at)));
    return new Design(Path.of(file), id, title, params, consts,
        new PredictorDecl(predictorName, predictor.expr(), at, at), assumed,
        generators.isEmpty() ? Optional.empty()
            : Optional.of(generators.stream().map(g -> g.toDecl(at)).toList()), Optional.empty(), Optional.empty(), Design.DEFAULT_TEMPERATURE, Variant.QUOTIENT,
        Optional.empty(), tabs);
  }

  /** The design file: id, title, then the sections in the order a researcher writes them. */
  String yaml(String id, String title) {
    StringBuilder y = new StringBuilder();
    y.append("id: ").append(id).append("\ntitle: \"").append(title).append("\"\n");
    if (!tables.isEmpty()) {
      y.append("tables:\n");
      tables.forEach(t -> y.append("  ").append(t.name()).append(": ").append(t.file())
          .append('\n'));
    }
    y.append("parameters:\n");
    parameters.forEach(p -> y.append("  ").append(p.name()).append(": ").append(p.shape())
        .append('\n'));
    if (!constants.isEmpty()) {
      y.append("constants:\n");
      constants.forEach(c -> y.append("  ").append(c.name()).append(": ")
          .append(c.declaration()).append("\n"));
    }
    if (!assumptions.isEmpty()) {
      y.append("assumptions:\n");
      assumptions.forEach(a -> y.append("  - ").append(a.text()).append('\n'));
    }
    y.append("predictor:\n  ").append(predictorName).append(": ").append(predictor.text())
        .append('\n');
    if (!generators.isEmpty()) {
      y.append("symmetry:\n  generators:\n");
      for (Generator g : generators) {
        y.append("    - name: ").append(g.name()).append('\n');
        g.index().ifPresent(i -> y.append("      for: ").append(i).append(" in 1..")
            .append(g.count()).append('\n'));
        y.append("      field:\n");
        g.field().forEach((k, v) -> y.append("        ").append(k).append(": ")
            .append(new Written(v, true).text()).append('\n'));
      }
    }
    return y.toString();
  }
}
