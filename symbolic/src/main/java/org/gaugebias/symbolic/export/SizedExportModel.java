package org.gaugebias.symbolic.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.size.SizedEvaluation;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.SizedBlock;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * What an export of a derivation for every n needs (the symbolic-size route; THEORY.md §2–3,
 * §5), read from its typed parts: the generic block ({@link SizedBlock}: coordinates, ω_i(θ_i),
 * ω read off β, the block's χ_i and θ̃_i), the results as sums over the index, the
 * representation cost and, with a separable loss, L and Φ = L + R_quot.
 *
 * <p>A single unit β = v·w ({@link SizedUnit}) has no per-index block (v is shared by every
 * index): then {@code unit} is present and {@code block} is null.
 *
 * @param derivation the derivation for every n
 * @param block the generic block; null for a single unit
 * @param unit the single unit, when the derivation is one (then there is no block)
 * @param loss L(β) as the derivation folded it ({@code Sum[ℓ(β_i), {i, 1, n}]}), if any
 * @param potential Φ = L + R_quot, with a loss
 */
public record SizedExportModel(Derivation derivation, SizedBlock block, Optional<SizedUnit> unit,
    Optional<Expr> loss, Optional<Expr> potential) {

  /**
   * The model of {@code d} when it is a derivation for every n, empty otherwise.
   *
   * @throws IllegalArgumentException for a derivation for every n that cannot be exported
   *     (tabulated functions, or a block the route could not state)
   */
  public static Optional<SizedExportModel> of(Derivation d, NumericFunctions functions) {
    var facts = SizedEvaluation.facts(d);
    if (facts.isEmpty()) {
      return Optional.empty();
    }
    Optional<SizedUnit> unit = facts.get().operator().equals("RANK_ONE_UNIT")
        ? Optional.of(unit(d, facts.get().size(), facts.get().predictor())) : Optional.empty();
    SizedBlock b = unit.isPresent() ? null : facts.get().block().orElseThrow(() ->
        new IllegalArgumentException("the derivation of " + d.designId() + " for every "
            + facts.get().size() + " states no generic block to export (several outputs per"
            + " index under a triangular map): export a copy with the size written as a number"));
    if (!functions.isEmpty()) {
      throw new IllegalArgumentException("the design " + d.designId() + " has tabulated"
          + " functions and a symbolic size: export a copy with the size written as a number");
    }
    Optional<Step> law = d.steps().stream().filter(x -> x.kind() == StepKind.STATIONARY_LAW
        && x.status() == Step.Status.DONE && !x.outputs().isEmpty()).findFirst();
    Optional<Expr> loss = law.flatMap(x -> named(x.inputs(), "L"));
    Optional<Expr> phi = law.flatMap(x -> named(x.outputs(), "Phi"));
    return Optional.of(new SizedExportModel(d, b, unit, loss, phi));
  }

  /** The unit from the reference derivation's recognised structure (derive.RankOneUnit). */
  private static SizedUnit unit(Derivation d, String size, String predictor) {
    StepFacts.RankOneUnit u = d.steps().stream().map(Step::facts)
        .filter(f -> f instanceof StepFacts.RankOneUnit).map(f -> (StepFacts.RankOneUnit) f)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("the derivation of "
            + d.designId() + " for every " + size + " keeps no recognised single unit"));
    return new SizedUnit(size, org.gaugebias.symbolic.size.SizeRoute.INDEX, u.scale(),
        org.gaugebias.symbolic.expr.SymbolNames.base(u.vector().get(0)), predictor, u.alpha());
  }

  /** θ̃ written out at n = {@code n}, every coordinate of the design read at that n. */
  public Map<String, Expr> representativeAtSize(int n) {
    if (unit.isPresent()) {
      return unit.get().representativeAt(n);
    }
    Map<String, Expr> out = new LinkedHashMap<>();
    for (int k = 1; k <= n; k++) {
      out.putAll(representativeAt(k));
    }
    return out;
  }

  private static Optional<Expr> named(List<Formula> fs, String name) {
    return fs.stream().filter(x -> x.name().equals(name)).map(Formula::expr).findFirst();
  }

  /** The variants computed, in {@link Variant} order, with the names exports use. */
  public Map<String, VariantResult> variants() {
    Map<String, VariantResult> out = new LinkedHashMap<>();
    for (Variant v : Variant.values()) {
      VariantResult r = derivation.results().get(v);
      if (r != null) {
        out.put(ExportModel.variantName(v), r);
      }
    }
    return out;
  }

  /** The headline variant's name. */
  public String headline() {
    return ExportModel.variantName(derivation.headline() == null ? Variant.QUOTIENT
        : derivation.headline());
  }

  /** The temperature symbol's name. */
  public String temperature() {
    return derivation.temperature() == null ? "T" : derivation.temperature();
  }

  /** How many first blocks have their own ω(β) (0 for an elementwise map). */
  public int firstBlocks() {
    return block.firstOmega().size();
  }

  /** The block predictor's symbols (ω_i: {@code beta$i}, or {@code omega$i}). */
  public List<String> omegaSymbols() {
    return block.block().predictor().symbols();
  }

  /** The block coordinates θ_i in the block's order. */
  public List<String> blockTheta() {
    return block.block().theta();
  }

  /** θ̃_i as a function of the block's ω_i symbols, per block coordinate. */
  public Map<String, Expr> blockRepresentative() {
    Map<String, Expr> out = new LinkedHashMap<>();
    for (String t : blockTheta()) {
      Expr e = block.block().representative().get(t);
      if (e == null) {
        throw new IllegalArgumentException("no representative for " + t);
      }
      out.put(t, e);
    }
    return out;
  }

  /**
   * θ̃ of block k (1-based) in the predictor's components: the block's θ̃_i with ω_i read off
   * β (the first blocks' own ω), its coordinates at index k.
   */
  public Map<String, Expr> representativeAt(int k) {
    List<Expr> omega = k <= firstBlocks() ? block.firstOmega().get(k - 1)
        : block.omega().stream().map(e -> org.gaugebias.symbolic.size.IndexedSums.at(e,
            block.index(), k)).toList();
    Map<String, Expr> byOmega = new HashMap<>();
    for (int j = 0; j < omega.size(); j++) {
      byOmega.put(omegaSymbols().get(j), omega.get(j));
    }
    Map<String, Expr> out = new LinkedHashMap<>();
    blockRepresentative().forEach((t, e) -> out.put(((Expr.Sym) org.gaugebias.symbolic.size
        .IndexedSums.at(new Expr.Sym(t), block.index(), k)).name(),
        org.gaugebias.symbolic.size.IndexedSums.at(Exprs.substitute(e, byOmega),
            block.index(), k)));
    return out;
  }

  /** θ̃ of the generic block i (after the first blocks) in the predictor's components. */
  public Map<String, Expr> genericRepresentative() {
    Map<String, Expr> byOmega = new HashMap<>();
    for (int j = 0; j < block.omega().size(); j++) {
      byOmega.put(omegaSymbols().get(j), block.omega().get(j));
    }
    Map<String, Expr> out = new LinkedHashMap<>();
    blockRepresentative().forEach((t, e) -> out.put(t, Exprs.substitute(e, byOmega)));
    return out;
  }

  /** Every expression the module prints (for its symbol declarations). */
  List<Expr> everyExpression() {
    List<Expr> out = new ArrayList<>(block.blockPredictor());
    out.addAll(block.omega());
    block.firstOmega().forEach(out::addAll);
    out.addAll(block.block().gauge());
    genericRepresentative().forEach((x, e) -> {
      out.add(new Expr.Sym(x));
      out.add(e);
    });
    for (int k = 1; k <= firstBlocks(); k++) {
      representativeAt(k).forEach((x, e) -> {
        out.add(new Expr.Sym(x));
        out.add(e);
      });
    }
    derivation.results().values().forEach(r -> {
      out.add(r.logDet());
      out.add(r.bias());
      out.add(r.droppedConstant());
    });
    out.add(derivation.representationCost());
    loss.ifPresent(out::add);
    potential.ifPresent(out::add);
    derivation.stationaryDensity().ifPresent(out::add);
    derivation.steps().forEach(s -> s.outputs().forEach(f -> out.add(f.expr())));
    return out;
  }
}
