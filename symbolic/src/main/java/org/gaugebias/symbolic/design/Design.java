package org.gaugebias.symbolic.design;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.trace.Variant;

/**
 * A design file as read: declarations and unevaluated expressions, each with its place in the
 * file. Reading guarantees the checks listed in docs/design-format.md (names declared, no
 * reserved or clashing names, expressions parse); it does not guarantee that the expressions
 * have the right shapes or that a declared group is a symmetry: the engine checks those and
 * reports them at the positions kept here.
 *
 * @param source the file it was read from (as given)
 * @param id short identifier, {@code [a-z0-9][a-z0-9-]*}
 * @param title one-line human title
 * @param parameters in the flattening order of θ
 * @param constants named literals
 * @param predictor the predictor map
 * @param assumptions conditions on the parameters (e.g. {@code v > 0}), in file order
 * @param generators the declared symmetry generators (possibly none when only actions are
 *     declared); empty: no {@code symmetry:} section, the engine discovers them
 * @param gauge the declared gauge conditions; empty: moment maps (balance)
 * @param loss the loss as a function of the predictor symbol, if declared
 * @param temperature the temperature symbol ({@code T} unless declared)
 * @param variant the variant to headline ({@code quotient} unless declared)
 * @param data the synthetic data set for minibatch SGD, if declared
 * @param tables tabulated functions ({@code tables:}), in file order; empty if none
 * @param actions declared group actions ({@code symmetry: actions:}), in file order; their
 *     generators come after the explicitly declared ones
 * @param sizes the declared size symbols ({@code sizes: [n]}) and the values this design was
 *     read with; empty when every size is a number
 */
public record Design(Path source, String id, String title, List<ParameterDecl> parameters,
    List<ConstantDecl> constants, PredictorDecl predictor, List<Located<Expr>> assumptions,
    Optional<List<GeneratorDecl>> generators, Optional<List<GaugeCondition>> gauge,
    Optional<Located<Expr>> loss, String temperature, Variant variant,
    Optional<DataDecl> data, List<TableDecl> tables, List<ActionDecl> actions,
    Optional<SymbolicSizes> sizes) {

  /** The temperature symbol when the design does not name one. */
  public static final String DEFAULT_TEMPERATURE = "T";

  public Design {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    parameters = List.copyOf(parameters);
    constants = List.copyOf(constants);
    Objects.requireNonNull(predictor, "predictor");
    assumptions = List.copyOf(assumptions);
    generators = generators.map(List::copyOf);
    gauge = gauge.map(List::copyOf);
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(data, "data (use Optional.empty())");
    tables = List.copyOf(tables);
    actions = List.copyOf(actions);
    Objects.requireNonNull(sizes, "sizes (use Optional.empty())");
  }

  /** A design whose sizes are all numbers. */
  public Design(Path source, String id, String title, List<ParameterDecl> parameters,
      List<ConstantDecl> constants, PredictorDecl predictor, List<Located<Expr>> assumptions,
      Optional<List<GeneratorDecl>> generators, Optional<List<GaugeCondition>> gauge,
      Optional<Located<Expr>> loss, String temperature, Variant variant,
      Optional<DataDecl> data, List<TableDecl> tables, List<ActionDecl> actions) {
    this(source, id, title, parameters, constants, predictor, assumptions, generators, gauge,
        loss, temperature, variant, data, tables, actions, Optional.empty());
  }

  /** A design without declared actions. */
  public Design(Path source, String id, String title, List<ParameterDecl> parameters,
      List<ConstantDecl> constants, PredictorDecl predictor, List<Located<Expr>> assumptions,
      Optional<List<GeneratorDecl>> generators, Optional<List<GaugeCondition>> gauge,
      Optional<Located<Expr>> loss, String temperature, Variant variant,
      Optional<DataDecl> data, List<TableDecl> tables) {
    this(source, id, title, parameters, constants, predictor, assumptions, generators, gauge,
        loss, temperature, variant, data, tables, List.of());
  }

  /** A design without tables. */
  public Design(Path source, String id, String title, List<ParameterDecl> parameters,
      List<ConstantDecl> constants, PredictorDecl predictor, List<Located<Expr>> assumptions,
      Optional<List<GeneratorDecl>> generators, Optional<List<GaugeCondition>> gauge,
      Optional<Located<Expr>> loss, String temperature, Variant variant,
      Optional<DataDecl> data) {
    this(source, id, title, parameters, constants, predictor, assumptions, generators, gauge,
        loss, temperature, variant, data, List.of());
  }

  /** A design without a data block. */
  public Design(Path source, String id, String title, List<ParameterDecl> parameters,
      List<ConstantDecl> constants, PredictorDecl predictor, List<Located<Expr>> assumptions,
      Optional<List<GeneratorDecl>> generators, Optional<List<GaugeCondition>> gauge,
      Optional<Located<Expr>> loss, String temperature, Variant variant) {
    this(source, id, title, parameters, constants, predictor, assumptions, generators, gauge,
        loss, temperature, variant, Optional.empty());
  }

  /** The dimension d of θ: the sum of the parameter sizes. */
  public int dimension() {
    return parameters.stream().mapToInt(p -> p.shape().size()).sum();
  }

  /** The parameter called {@code name}, if declared. */
  public Optional<ParameterDecl> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The constant called {@code name}, if declared. */
  public Optional<ConstantDecl> constant(String name) {
    return constants.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Parameter names in declaration order. */
  public List<String> parameterNames() {
    return parameters.stream().map(ParameterDecl::name).toList();
  }
}
