package org.gaugebias.symbolic.derive.structure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.NamedOperator;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;

/**
 * The structure route of the forward derivation (THEORY.md §2–3): a design whose predictor is
 * β = A ω(θ) with independent blocks of atoms ({@link LinearBlocks}) is derived one block at a
 * time, each kind of block once by the generic steps, and assembled: G and C are block diagonal,
 * P = A diag(P_b) Aᵀ, θ̃ and ½‖θ̃‖² are per block, ω = A⁻¹β with A analysed without the CAS
 * ({@link ConstantOperator}). The assembled results are checked in double precision against
 * dense Gram matrices at random points of every sign branch ({@link AssembledCheck}).
 * Nothing is flattened into one big symbolic matrix, so u⊙v at n = 64 or cumsum at n = 200
 * costs one small block derivation plus linear work.
 */
public final class BlockRoute {
  /** Derives one block's parameterisation with the generic steps. */
  public interface BlockDeriver {
    Derivation derive(Parameterization block);
  }

  private static final String OMEGA = "omega";

  private BlockRoute() {
  }

  /**
   * The derivation of {@code p} by structure, or empty when its predictor has no block structure
   * the route handles (the generic steps then derive it).
   */
  public static Optional<Derivation> derive(Parameterization p, BlockDeriver deriver,
      long seed) {
    return derive(p, deriver, seed, null);
  }

  /**
   * As {@link #derive(Parameterization, BlockDeriver, long)}; with a session, a layer of units
   * ({@link UnitFold}) is also checked at more units than the design has.
   */
  public static Optional<Derivation> derive(Parameterization p, BlockDeriver deriver,
      long seed, org.gaugebias.symbolic.cas.SymjaSession session) {
    return plan(p).map(x -> new Assembly(p, x.blocks(), x.operator(), x.kronecker(), x.parts(),
        deriver, seed, session).derivation());
  }

  /**
   * Whether {@code p} takes the structure route: then only its blocks are derived (and their
   * symmetries found) one at a time, never the whole design.
   */
  public static boolean applies(Parameterization p) {
    return plan(p).isPresent();
  }

  /** What the route needs of a design it applies to. */
  private record Plan(LinearBlocks blocks, ConstantOperator operator,
      Optional<KroneckerOperator> kronecker, Parts parts) { }

  private static Optional<Plan> plan(Parameterization p) {
    Optional<LinearBlocks> found = LinearBlocks.of(p);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    LinearBlocks lb = found.get();
    // a declared Kronecker constant is analysed from its factors, never as an N×N matrix
    Optional<KroneckerOperator> kronecker = KroneckerOperator.match(p, lb.operator());
    Optional<ConstantOperator> op = kronecker.isPresent()
        ? Optional.of(kronecker.get().operator()) : ConstantOperator.of(lb.operator());
    if (op.isEmpty()) {
      return Optional.empty();
    }
    if (kronecker.isEmpty() && !worthIt(p, op.get()) && !UnitFold.applies(p, lb, op.get())) {
      return Optional.empty();
    }
    return Parts.of(p, lb).map(parts -> new Plan(lb, op.get(), kronecker, parts));
  }

  /** Designs with this many parameters or more always take the structure route. */
  static final int LARGE = 10;

  /**
   * Whether the structure route is taken: at size (d ≥ {@value #LARGE}), or when A is a dense
   * constant matrix of order 4 or more, where the generic steps' symbolic {@code Det} does not
   * finish. Small diagonal and triangular designs keep the generic steps, whose documents show
   * every generator and Gram matrix entry by entry (and are the shipped catalogue's goldens).
   */
  static boolean worthIt(Parameterization p, ConstantOperator op) {
    boolean dense = op.kind() == ConstantOperator.Kind.RATIONAL
        || op.kind() == ConstantOperator.Kind.NUMERIC
        || op.kind() == ConstantOperator.Kind.ORTHONORMAL;
    return p.dimension() >= LARGE || dense && op.size() >= 4;
  }

  /** Which block each declared generator, gauge condition and assumption belongs to. */
  record Parts(List<List<Parameterization.GeneratorField>> generators,
      List<List<Expr>> gauge, List<List<Expr>> assumptions, List<Expr> global) {

    static Optional<Parts> of(Parameterization p, LinearBlocks lb) {
      Map<String, Integer> blockOf = new HashMap<>();
      for (int b = 0; b < lb.blocks().size(); b++) {
        for (String x : lb.blocks().get(b).coordinates()) {
          blockOf.put(x, b);
        }
      }
      int n = lb.blocks().size();
      List<List<Parameterization.GeneratorField>> gens = lists(n);
      List<String> theta = p.theta();
      if (p.generators().isPresent()) {
        for (Parameterization.GeneratorField g : p.generators().get()) {
          Set<Integer> touched = new java.util.HashSet<>();
          for (int j = 0; j < theta.size(); j++) {
            if (!Exprs.isZero(g.field().get(j))) {
              touched.add(blockOf.get(theta.get(j)));
            }
            for (String s : Exprs.symbols(g.field().get(j))) {
              if (blockOf.containsKey(s)) {
                touched.add(blockOf.get(s));
              }
            }
          }
          if (touched.size() != 1) {
            return Optional.empty();
          }
          gens.get(touched.iterator().next()).add(g);
        }
      }
      List<List<Expr>> gauge = lists(n);
      if (p.gauge().isPresent()) {
        for (Parameterization.GaugeCondition c : p.gauge().get()) {
          Optional<Integer> b = single(c.expr(), blockOf);
          if (b.isEmpty()) {
            return Optional.empty();
          }
          gauge.get(b.get()).add(c.expr());
        }
      }
      List<List<Expr>> assumptions = lists(n);
      List<Expr> global = new ArrayList<>();
      for (Expr a : p.assumptions()) {
        Set<Integer> touched = touched(a, blockOf);
        if (touched.isEmpty()) {
          global.add(a);
        } else if (touched.size() == 1) {
          assumptions.get(touched.iterator().next()).add(a);
        } else {
          return Optional.empty();
        }
      }
      return Optional.of(new Parts(gens, gauge, assumptions, global));
    }

    private static Optional<Integer> single(Expr e, Map<String, Integer> blockOf) {
      Set<Integer> t = touched(e, blockOf);
      return t.size() == 1 ? Optional.of(t.iterator().next()) : Optional.empty();
    }

    private static Set<Integer> touched(Expr e, Map<String, Integer> blockOf) {
      Set<Integer> t = new java.util.TreeSet<>();
      for (String s : Exprs.symbols(e)) {
        if (blockOf.containsKey(s)) {
          t.add(blockOf.get(s));
        }
      }
      return t;
    }

    private static <T> List<List<T>> lists(int n) {
      List<List<T>> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(new ArrayList<>());
      }
      return out;
    }
  }

  /** One kind of block: its first member, derived, and the blocks that are renamings of it. */
  record BlockClass(int representative, Parameterization block, Derivation derivation,
      List<Integer> members) { }

  /** The assembly of one derivation. */
  private static final class Assembly {
    private final Parameterization p;
    private final LinearBlocks lb;
    private final ConstantOperator op;
    private final Optional<KroneckerOperator> kronecker;
    private final Parts parts;
    private final BlockDeriver deriver;
    private final long seed;
    private final String omega;
    private final org.gaugebias.symbolic.cas.SymjaSession session;
    private java.util.Optional<org.gaugebias.symbolic.trace.UnitSum> units = Optional.empty();
    private final List<BlockClass> classes = new ArrayList<>();
    private final int[] classOf;
    /** ω symbol of each atom column (omega$b or omega$b$j). */
    private final List<String> omegaSymbols = new ArrayList<>();
    /** ω (full symbols) → (A⁻¹β) as linear forms. */
    private final Map<String, Expr> omegaToBeta = new HashMap<>();

    Assembly(Parameterization p, LinearBlocks lb, ConstantOperator op,
        Optional<KroneckerOperator> kronecker, Parts parts, BlockDeriver deriver, long seed,
        org.gaugebias.symbolic.cas.SymjaSession session) {
      this.session = session;
      this.kronecker = kronecker;
      this.p = p;
      this.lb = lb;
      this.op = op;
      this.parts = parts;
      this.deriver = deriver;
      this.seed = seed;
      this.omega = freshName(p);
      this.classOf = new int[lb.blocks().size()];
      for (int b = 0; b < lb.blocks().size(); b++) {
        int atoms = lb.blocks().get(b).atoms().size();
        for (int j = 1; j <= atoms; j++) {
          omegaSymbols.add(atoms == 1 ? omega + "$" + (b + 1) : omega + "$" + (b + 1) + "$" + j);
        }
      }
      for (int k = 0; k < omegaSymbols.size(); k++) {
        omegaToBeta.put(omegaSymbols.get(k), linearForm(op.inverse().get(k), p.beta()));
      }
    }

    private static String freshName(Parameterization p) {
      Set<String> taken = new java.util.HashSet<>();
      p.parameters().forEach(v -> taken.add(v.name()));
      taken.add(p.predictorVariable().name());
      taken.add(p.temperature());
      String name = OMEGA;
      while (taken.contains(name)) {
        name = name + "0";
      }
      return name;
    }

    Derivation derivation() {
      classify();
      List<Expr> forms = omegaSymbols.stream().map(omegaToBeta::get).toList();
      List<Expr> atoms = lb.blocks().stream().flatMap(x -> x.atoms().stream()).toList();
      java.util.Optional<NamedOperator> named = kronecker.isPresent()
          ? Optional.of(kronecker.get().named(forms, p.predictorVariable().name(), atoms))
          : OperatorNaming.of(p, lb.operator(), op, forms, atoms);
      List<Step> steps = new ArrayList<>();
      steps.add(Step.done(StepKind.DECLARE, new StepFacts.Declared(p.theta(), p.beta().size()),
          List.of(), List.of(), p.assumptions()));
      steps.add(Step.done(StepKind.STRUCTURE, new StepFacts.BlockStructure(lb.blocks().size(),
          classes.size(), lb.blocks().get(0).coordinates().size(),
          lb.blocks().get(0).atoms().size(), op.kind().name(), op.logAbsDet(),
          op.logAbsDetError(), op.orthonormalityError(), named), List.of(),
          structureFormulas(), List.of()));
      for (BlockClass c : classes) {
        for (Step s : c.derivation().steps()) {
          if (s.kind() != StepKind.BIAS && s.kind() != StepKind.ROUTES
              && s.kind() != StepKind.STATIONARY_LAW
              && s.kind() != StepKind.REPRESENTATION_COST && s.kind() != StepKind.DECLARE) {
            steps.add(s);
          }
        }
      }
      Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
      for (Variant v : classes.get(0).derivation().results().keySet()) {
        if (classes.stream().allMatch(c -> c.derivation().results().containsKey(v))) {
          results.put(v, result(v));
        }
      }
      for (VariantResult r : results.values()) {
        steps.add(Step.done(StepKind.LOG_DET, new StepFacts.LogDet(r.variant(),
            r.pseudoDeterminant()), List.of(), List.of(new Formula("logdet_"
            + r.variant().gram(), r.logDet())), List.of()));
      }
      if (classes.size() == 1 && UnitFold.applies(p, lb, op)) {
        Map<Variant, Expr> unitOne = new EnumMap<>(Variant.class);
        results.keySet().forEach(v -> unitOne.put(v, Exprs.substitute(classes.get(0)
            .derivation().results().get(v).logDet(), renaming(0, true))));
        units = UnitFold.fold(p, unitOne, results, steps, session, seed);
      }
      List<Formula> biasFormulas = new ArrayList<>();
      results.values().forEach(r -> biasFormulas.add(new Formula("R_" + r.variant().shortName(),
          r.bias())));
      steps.add(Step.done(StepKind.BIAS, new StepFacts.Bias(p.headline()), List.of(),
          biasFormulas, List.of()));
      if (results.containsKey(Variant.ORBIT) && results.containsKey(Variant.QUOTIENT)) {
        boolean adapted = classes.stream().allMatch(c -> c.derivation().steps().stream()
            .anyMatch(s -> s.facts() instanceof StepFacts.Routes r && r.haarAdapted()));
        Expr diff = adapted ? Expr.integer(0) : Expr.add(results.get(Variant.QUOTIENT).bias(),
            Expr.mul(Expr.integer(-1), results.get(Variant.ORBIT).bias()));
        steps.add(Step.done(StepKind.ROUTES, new StepFacts.Routes(adapted), List.of(),
            List.of(new Formula("coordinate_term", diff)), List.of()));
      }
      Optional<Expr> density = Optional.empty();
      if (p.loss().isPresent() && results.containsKey(Variant.QUOTIENT)) {
        // display simplification skipped: the structured form is already the simple one
        Expr phi = Expr.add(p.loss().get(), results.get(Variant.QUOTIENT).bias());
        Expr t = new Expr.Sym(p.temperature());
        Expr law = Expr.pow(new Expr.Sym("E"), Expr.mul(Expr.integer(-1),
            Expr.pow(t, Expr.integer(-1)), phi));
        steps.add(Step.done(StepKind.STATIONARY_LAW, new StepFacts.StationaryLaw(),
            List.of(new Formula("L", p.loss().get())),
            List.of(new Formula("Phi", phi), new Formula("p", law)), List.of()));
        density = Optional.of(law);
      }
      Expr repCost = perBlockSum(c -> c.derivation().representationCost());
      steps.add(Step.done(StepKind.REPRESENTATION_COST, new StepFacts.RepresentationCost(),
          List.of(), List.of(new Formula("repcost", repCost)), List.of()));
      Structure structure = structure();
      steps.add(new AssembledCheck(p, lb, op, structure, parts, seed).step(results, repCost));
      return new Derivation(p.id(), p.title(), p.source(), p.beta(), p.temperature(),
          p.headline(), steps, results, repCost, density, notation(named),
          Optional.of(structure));
    }

    /** LaTeX of the named operator's display components: (Dct β)_k as (\mathrm{Dct}\,\beta)_{k}. */
    private Map<String, String> notation(Optional<NamedOperator> named) {
      if (named.isEmpty()) {
        return Map.of();
      }
      NamedOperator o = named.get();
      org.gaugebias.symbolic.expr.LatexPrinter latex =
          org.gaugebias.symbolic.expr.LatexPrinter.standard();
      String applied = o.latex(latex.symbol(o.name()), latex.symbol(o.predictor()));
      Map<String, String> out = new HashMap<>();
      for (int k = 1; k <= o.size(); k++) {
        out.put(o.vector() + "$" + k, applied + "_{" + k + "}");
      }
      out.put(o.vector() + "$i", applied + "_{i}");
      return out;
    }

    /** ω of the first block, in θ; and ω = A⁻¹β for its first component. */
    private List<Formula> structureFormulas() {
      List<Formula> out = new ArrayList<>();
      LinearBlocks.Block first = lb.blocks().get(0);
      for (int j = 0; j < first.atoms().size(); j++) {
        out.add(new Formula(omegaSymbols.get(j), first.atoms().get(j)));
      }
      return out;
    }

    /** Groups the blocks into classes equal up to renaming and derives one block per class. */
    private void classify() {
      Map<String, Integer> byKey = new LinkedHashMap<>();
      for (int b = 0; b < lb.blocks().size(); b++) {
        String key = key(b);
        Integer c = byKey.get(key);
        if (c == null) {
          org.gaugebias.symbolic.trace.WorkProgress.current().step("structure route, block "
              + (b + 1) + " of " + lb.blocks().size() + " (a new kind of block)");
          Parameterization block = blockParameterization(b);
          classes.add(new BlockClass(b, block, deriver.derive(block), new ArrayList<>()));
          c = classes.size() - 1;
          byKey.put(key, c);
        }
        classes.get(c).members().add(b);
        classOf[b] = c;
      }
    }

    /** The block's atoms, generators, gauge and assumptions with canonical coordinate names. */
    private String key(int b) {
      LinearBlocks.Block block = lb.blocks().get(b);
      Map<String, Expr> canonical = LinearBlocks.canonicalNames(block.coordinates());
      StringBuilder s = new StringBuilder();
      block.atoms().forEach(a -> s.append(Exprs.substitute(a, canonical).toWolfram()).append(';'));
      s.append('|');
      for (Parameterization.GeneratorField g : parts.generators().get(b)) {
        restrict(g.field(), block).forEach(x -> s.append(Exprs.substitute(x, canonical)
            .toWolfram()).append(','));
        s.append(';');
      }
      s.append('|');
      parts.gauge().get(b).forEach(x -> s.append(Exprs.substitute(x, canonical).toWolfram())
          .append(';'));
      s.append('|');
      parts.assumptions().get(b).forEach(x -> s.append(Exprs.substitute(x, canonical)
          .toWolfram()).append(';'));
      return s.toString();
    }

    private List<Expr> restrict(List<Expr> field, LinearBlocks.Block block) {
      List<String> theta = p.theta();
      List<Expr> out = new ArrayList<>();
      for (String x : block.coordinates()) {
        out.add(field.get(theta.indexOf(x)));
      }
      return out;
    }

    private Parameterization blockParameterization(int b) {
      LinearBlocks.Block block = lb.blocks().get(b);
      List<Variable> params = block.coordinates().stream()
          .map(x -> Variable.of(x, Shape.scalar())).toList();
      int atoms = block.atoms().size();
      Variable w = Variable.of(omega, atoms == 1 ? Shape.scalar() : Shape.vector(atoms));
      Optional<List<Parameterization.GeneratorField>> gens = p.generators().map(all ->
          parts.generators().get(b).stream().map(g -> new Parameterization.GeneratorField(
              g.label(), restrict(g.field(), block), g.origin())).toList());
      Optional<List<Parameterization.GaugeCondition>> gauge = p.gauge().map(all ->
          parts.gauge().get(b).stream().map(c -> new Parameterization.GaugeCondition(c,
              p.gauge().get().stream().filter(g -> g.expr().equals(c)).findFirst()
                  .map(Parameterization.GaugeCondition::origin).orElse(""))).toList());
      List<Expr> assumptions = new ArrayList<>(parts.assumptions().get(b));
      assumptions.addAll(parts.global());
      return new Parameterization(p.id() + "-block" + (b + 1), p.title(), p.source(), params, w,
          block.atoms(), assumptions, gens, gauge, Optional.empty(), p.temperature(),
          p.headline(), p.functions());
    }

    /** Renames a class representative's symbols to block b's (coordinates and ω). */
    private Map<String, Expr> renaming(int b, boolean toBeta) {
      BlockClass c = classes.get(classOf[b]);
      LinearBlocks.Block from = lb.blocks().get(c.representative());
      LinearBlocks.Block to = lb.blocks().get(b);
      Map<String, Expr> m = new HashMap<>();
      for (int i = 0; i < from.coordinates().size(); i++) {
        m.put(from.coordinates().get(i), new Expr.Sym(to.coordinates().get(i)));
      }
      int first = firstColumn(b);
      List<String> blockOmega = c.block().predictorVariable().symbols();
      for (int j = 0; j < blockOmega.size(); j++) {
        String full = omegaSymbols.get(first + j);
        m.put(blockOmega.get(j), toBeta ? omegaToBeta.get(full) : new Expr.Sym(full));
      }
      return m;
    }

    private int firstColumn(int b) {
      int k = 0;
      for (int i = 0; i < b; i++) {
        k += lb.blocks().get(i).atoms().size();
      }
      return k;
    }

    /** Σ over blocks of a class quantity, renamed to each block and ω replaced by A⁻¹β. */
    private Expr perBlockSum(java.util.function.Function<BlockClass, Expr> quantity) {
      List<Expr> terms = new ArrayList<>();
      for (int b = 0; b < lb.blocks().size(); b++) {
        Expr e = Exprs.substitute(quantity.apply(classes.get(classOf[b])), renaming(b, true));
        terms.addAll(e instanceof Expr.Add a ? a.terms() : List.of(e));
      }
      return collect(terms, Set.of());
    }

    private VariantResult result(Variant v) {
      Set<String> beta = new java.util.HashSet<>(p.beta());
      List<Expr> terms = new ArrayList<>();
      boolean pseudo = false;
      for (int b = 0; b < lb.blocks().size(); b++) {
        VariantResult r = classes.get(classOf[b]).derivation().results().get(v);
        pseudo |= r.pseudoDeterminant();
        Expr e = Exprs.substitute(r.logDet(), renaming(b, true));
        terms.addAll(e instanceof Expr.Add a ? a.terms() : List.of(e));
      }
      if (v == Variant.QUOTIENT && !Exprs.isZero(op.logAbsDet())) {
        terms.add(Expr.mul(Expr.integer(2), op.logAbsDet()));
      }
      List<Expr> variable = terms.stream().filter(t -> !t.isFreeOf(beta)).toList();
      List<Expr> constant = terms.stream().filter(t -> t.isFreeOf(beta)).toList();
      Expr var = collect(variable, beta);
      Expr con = collect(constant, beta);
      Expr logDet = collect(terms, beta);
      Expr halfT = Expr.mul(Expr.rational(1, 2), new Expr.Sym(p.temperature()));
      Expr bias = Exprs.isZero(var) ? Expr.integer(0) : Expr.mul(halfT, var);
      Expr dropped = Exprs.isZero(con) ? Expr.integer(0) : Expr.mul(halfT, con);
      return new VariantResult(v, logDet, bias, dropped, pseudo);
    }

    /**
     * A sum with equal constant terms counted once ({@code 64 Log[2]}), the terms in β kept
     * in block order.
     */
    private static Expr collect(List<Expr> terms, Set<String> beta) {
      List<Expr> out = new ArrayList<>();
      Map<Expr, Integer> constants = new LinkedHashMap<>();
      for (Expr t : terms) {
        if (Exprs.isZero(t)) {
          continue;
        }
        if (!beta.isEmpty() && t.isFreeOf(beta)) {
          constants.merge(t, 1, Integer::sum);
        } else {
          out.add(t);
        }
      }
      constants.forEach((t, k) -> out.add(k == 1 ? t : Expr.mul(Expr.integer(k), t)));
      return out.isEmpty() ? Expr.integer(0) : out.size() == 1 ? out.get(0) : new Expr.Add(out);
    }

    private Structure structure() {
      List<String> theta = p.theta();
      int d = theta.size();
      List<Generator> gens = new ArrayList<>();
      List<Expr> gauge = new ArrayList<>();
      Map<String, Expr> rep = new LinkedHashMap<>();
      List<String> zeroed = new ArrayList<>();
      int orbit = 0;
      BigFraction[] zeroRow = new BigFraction[d];
      java.util.Arrays.fill(zeroRow, BigFraction.ZERO);
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < d; i++) {
        position.put(theta.get(i), i);
      }
      for (int b = 0; b < lb.blocks().size(); b++) {
        Structure s = classes.get(classOf[b]).derivation().structure().orElseThrow();
        Map<String, Expr> names = renaming(b, false);
        Map<String, Expr> toBeta = renaming(b, true);
        List<String> coords = lb.blocks().get(b).coordinates();
        for (Generator g : s.generators()) {
          List<Expr> field = new ArrayList<>(java.util.Collections.nCopies(d, Expr.integer(0)));
          for (int i = 0; i < coords.size(); i++) {
            field.set(position.get(coords.get(i)), Exprs.substitute(g.field().get(i), names));
          }
          Optional<BigFraction[][]> matrix = g.matrix().map(a -> {
            BigFraction[][] m = new BigFraction[d][];
            java.util.Arrays.fill(m, zeroRow);
            for (int i = 0; i < coords.size(); i++) {
              BigFraction[] row = zeroRow.clone();
              for (int j = 0; j < coords.size(); j++) {
                row[position.get(coords.get(j))] = a[i][j];
              }
              m[position.get(coords.get(i))] = row;
            }
            return m;
          });
          gens.add(new Generator(g.label() + "@" + (b + 1), field, matrix, g.origin()));
        }
        s.gauge().forEach(x -> gauge.add(Exprs.substitute(x, names)));
        s.representative().forEach((x, e) -> rep.put(((Expr.Sym) names.get(x)).name(),
            Exprs.substitute(e, toBeta)));
        s.zeroed().forEach(x -> zeroed.add(((Expr.Sym) names.get(x)).name()));
        orbit += s.orbitDimension();
      }
      Map<String, Expr> ordered = new LinkedHashMap<>();
      theta.forEach(x -> ordered.put(x, rep.get(x)));
      boolean declared = classes.get(0).derivation().structure().orElseThrow().gaugeDeclared();
      return new Structure(p.parameters(), p.predictorVariable(), jacobian(position), gens,
          orbit, gauge, declared, ordered, zeroed, Optional.empty(), units);
    }

    /**
     * J_f = A J_ω: monomial atoms differentiated directly, other atoms (φ(u_i v_i)) from their
     * class's derived block Jacobian, renamed.
     */
    private List<List<Expr>> jacobian(Map<String, Integer> position) {
      int d = p.theta().size();
      int m = p.beta().size();
      List<Expr[]> rows = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        Expr[] r = new Expr[d];
        java.util.Arrays.fill(r, Expr.integer(0));
        rows.add(r);
      }
      List<List<Expr>> a = lb.operator();
      int k = 0;
      boolean monomial = lb.monomialAtoms();
      for (int bi = 0; bi < lb.blocks().size(); bi++) {
        LinearBlocks.Block block = lb.blocks().get(bi);
        List<List<Expr>> derived = monomial ? List.of() : classes.get(classOf[bi]).derivation()
            .structure().orElseThrow().jacobian();
        Map<String, Expr> names = monomial ? Map.of() : renaming(bi, false);
        for (int ai = 0; ai < block.atoms().size(); ai++) {
          Expr atom = block.atoms().get(ai);
          for (int xi = 0; xi < block.coordinates().size(); xi++) {
            String x = block.coordinates().get(xi);
            Expr dk = monomial ? Monomials.derivative(atom, x)
                : Exprs.substitute(derived.get(ai).get(xi), names);
            if (Exprs.isZero(dk)) {
              continue;
            }
            int j = position.get(x);
            for (int i = 0; i < m; i++) {
              Expr c = a.get(i).get(k);
              if (!Exprs.isZero(c)) {
                Expr term = Monomials.times(c, dk);
                rows.get(i)[j] = Exprs.isZero(rows.get(i)[j]) ? term
                    : Expr.add(rows.get(i)[j], term);
              }
            }
          }
          k++;
        }
      }
      return rows.stream().map(List::of).toList();
    }
  }

  /** {@code Σ_j c_j β_j} with unit coefficients written plainly. */
  static Expr linearForm(List<Expr> coefficients, List<String> beta) {
    List<Expr> terms = new ArrayList<>();
    for (int j = 0; j < coefficients.size(); j++) {
      Expr c = coefficients.get(j);
      if (Exprs.isZero(c) || c instanceof Expr.Real r && r.value() == 0) {
        continue;
      }
      terms.add(Monomials.times(c, new Expr.Sym(beta.get(j))));
    }
    return terms.isEmpty() ? Expr.integer(0) : terms.size() == 1 ? terms.get(0)
        : new Expr.Add(terms);
  }
}
