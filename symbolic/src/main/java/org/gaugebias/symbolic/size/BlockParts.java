package org.gaugebias.symbolic.size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.failure.Failure;

/**
 * The declared generators, gauge conditions and assumptions of a design at a concrete size,
 * each assigned to the one index block it involves, and the generic block built from them: a
 * parameterisation in the block's coordinates renamed to the index i ({@code u$i}, {@code W$i$2})
 * whose predictor is the block's ω ({@code beta$i}, or an atom {@code omega$i} under a
 * triangular map).
 */
final class BlockParts {
  private final IndexBlocks blocks;
  private final List<List<Parameterization.GeneratorField>> generators;
  private final List<List<Parameterization.GaugeCondition>> gauge;
  private final List<List<Expr>> assumptions;
  private final List<Expr> global = new ArrayList<>();

  private BlockParts(IndexBlocks blocks) {
    this.blocks = blocks;
    this.generators = lists(blocks.size());
    this.gauge = lists(blocks.size());
    this.assumptions = lists(blocks.size());
  }

  static BlockParts of(IndexBlocks blocks, Function<String, Failure> fail) {
    BlockParts parts = new BlockParts(blocks);
    Parameterization p = blocks.p();
    Map<String, Integer> blockOf = new HashMap<>();
    for (int k = 0; k < blocks.size(); k++) {
      for (String x : blocks.coordinates().get(k)) {
        blockOf.put(x, k);
      }
    }
    List<String> theta = p.theta();
    p.generators().ifPresent(gs -> {
      for (Parameterization.GeneratorField g : gs) {
        Set<Integer> touched = new TreeSet<>();
        for (int j = 0; j < theta.size(); j++) {
          if (!Exprs.isZero(g.field().get(j))) {
            touched.add(blockOf.get(theta.get(j)));
          }
          touched.addAll(touched(g.field().get(j), blockOf));
        }
        if (touched.size() != 1) {
          throw fail.apply("no closed form for every size: the generator '" + g.label()
              + "' (" + g.origin() + ") acts on " + touched.size() + " index blocks; each"
              + " generator must act on the parameters of one index");
        }
        parts.generators.get(touched.iterator().next()).add(g);
      }
    });
    p.gauge().ifPresent(cs -> {
      for (Parameterization.GaugeCondition c : cs) {
        Set<Integer> touched = touched(c.expr(), blockOf);
        if (touched.size() != 1) {
          throw fail.apply("no closed form for every size: the gauge condition "
              + c.expr().toWolfram() + " involves " + touched.size() + " index blocks");
        }
        parts.gauge.get(touched.iterator().next()).add(c);
      }
    });
    for (Expr a : p.assumptions()) {
      Set<Integer> touched = touched(a, blockOf);
      if (touched.isEmpty()) {
        parts.global.add(a);
      } else if (touched.size() == 1) {
        parts.assumptions.get(touched.iterator().next()).add(a);
      } else {
        throw fail.apply("no closed form for every size: the assumption " + a.toWolfram()
            + " involves " + touched.size() + " index blocks");
      }
    }
    for (int k = 0; k < blocks.size(); k++) {
      if (!parts.key(k).equals(parts.key(blocks.size() - 1))) {
        throw fail.apply("no closed form for every size: block " + (k + 1) + " is not block "
            + blocks.size() + " with its index renamed (its predictor, generators, gauge or"
            + " assumptions differ)");
      }
    }
    return parts;
  }

  private static Set<Integer> touched(Expr e, Map<String, Integer> blockOf) {
    Set<Integer> t = new TreeSet<>();
    for (String s : Exprs.symbols(e)) {
      if (blockOf.containsKey(s)) {
        t.add(blockOf.get(s));
      }
    }
    return t;
  }

  /** Block k with its index written as i: atoms, generators, gauge and assumptions. */
  String key(int k) {
    Map<String, Expr> generic = blocks.toGeneric(k, SizeRoute.INDEX);
    StringBuilder s = new StringBuilder();
    blocks.atoms().get(k).forEach(a -> s.append(Exprs.substitute(a, generic).toWolfram())
        .append(';'));
    s.append('|');
    for (Parameterization.GeneratorField g : generators.get(k)) {
      restrict(g.field(), k).forEach(x -> s.append(Exprs.substitute(x, generic).toWolfram())
          .append(','));
      s.append(';');
    }
    s.append('|');
    gauge.get(k).forEach(c -> s.append(Exprs.substitute(c.expr(), generic).toWolfram())
        .append(';'));
    s.append('|');
    assumptions.get(k).forEach(a -> s.append(Exprs.substitute(a, generic).toWolfram())
        .append(';'));
    return s.toString();
  }

  private List<Expr> restrict(List<Expr> field, int k) {
    List<String> theta = blocks.p().theta();
    List<Expr> out = new ArrayList<>();
    for (String x : blocks.coordinates().get(k)) {
      out.add(field.get(theta.indexOf(x)));
    }
    return out;
  }

  /** The generic block: block k renamed to the index {@code index}. */
  Parameterization generic(int k, String index) {
    Parameterization p = blocks.p();
    Map<String, Expr> generic = blocks.toGeneric(k, index);
    List<Variable> params = blocks.coordinates().get(k).stream()
        .map(x -> Variable.of(((Expr.Sym) generic.get(x)).name(), Shape.scalar())).toList();
    Variable omega;
    if (blocks.inverse().isPresent()) {
      omega = Variable.of(freshOmega(p) + "$" + index, Shape.scalar());
    } else {
      int outputs = blocks.outputs().get(k).size();
      String name = p.predictorVariable().name() + "$" + index;
      omega = Variable.of(name, outputs == 1 ? Shape.scalar() : Shape.vector(outputs));
    }
    List<Expr> atoms = blocks.atoms().get(k).stream().map(a -> Exprs.substitute(a, generic))
        .toList();
    Optional<List<Parameterization.GeneratorField>> gens = p.generators().map(all ->
        generators.get(k).stream().map(g -> new Parameterization.GeneratorField(
            genericLabel(g.label(), k), restrict(g.field(), k).stream()
                .map(x -> Exprs.substitute(x, generic)).toList(), g.origin())).toList());
    Optional<List<Parameterization.GaugeCondition>> conditions = p.gauge().map(all ->
        gauge.get(k).stream().map(c -> new Parameterization.GaugeCondition(
            Exprs.substitute(c.expr(), generic), c.origin())).toList());
    List<Expr> assumed = new ArrayList<>();
    assumptions.get(k).forEach(a -> assumed.add(Exprs.substitute(a, generic)));
    assumed.addAll(global);
    return new Parameterization(p.id(), p.title(), p.source(), params, omega, atoms, assumed,
        gens, conditions, Optional.empty(), p.temperature(), p.headline(), p.functions());
  }

  /** A generator label naming the block's index ({@code rescaling (i = 4)}) names i instead. */
  private String genericLabel(String label, int k) {
    return label.replace("= " + (k + 1) + ")", "= " + SizeRoute.INDEX + ")")
        .replace("=" + (k + 1) + ")", "=" + SizeRoute.INDEX + ")");
  }

  private static String freshOmega(Parameterization p) {
    Set<String> taken = new java.util.HashSet<>();
    p.parameters().forEach(v -> taken.add(v.name()));
    taken.add(p.predictorVariable().name());
    taken.add(p.temperature());
    String name = "omega";
    while (taken.contains(name)) {
      name = name + "0";
    }
    return name;
  }

  private static <T> List<List<T>> lists(int n) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }
}
