package org.gaugebias.symbolic.print;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.expr.MathematicaPrinter;
import org.gaugebias.symbolic.expr.SymbolNames;
import org.gaugebias.symbolic.expr.SympyPrinter;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * The derivation as JSON in the versioned schema {@value #SCHEMA}, documented in
 * {@code docs/json-schema.md} (JSON Schema: {@code docs/schemas/derivation.schema.json}). Every
 * formula is given four ways: {@code wolfram} (Mathematica input form, components indexed:
 * {@code beta[1]}, {@link MathematicaPrinter}), {@code sympy} (a string {@code sympify} reads,
 * components {@code beta_1}, {@link SympyPrinter#string()}; folded sums written out),
 * {@code latex} ({@link LatexPrinter} with the derivation's notation) and {@code text}
 * ({@link TextPrinter}). {@code notation} says what every symbol is; each step's typed facts
 * (counts, ranks, measured differences) are numbers in {@code facts}. Keys are snake_case and
 * written in a fixed order (no hash-map iteration reaches the output) and line ends are
 * {@code \n} on every platform, so equal derivations give equal bytes.
 */
public final class JsonDerivationPrinter implements DerivationPrinter {
  /** The schema id written in every document; bumped on any incompatible change. */
  public static final String SCHEMA = "gaugebias.derivation/2";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Options options;
  private final ObjectWriter writer;

  /**
   * Options of the JSON output.
   *
   * @param pretty indent with two spaces, one value per line (otherwise one compact line)
   */
  public record Options(boolean pretty) {
    /** Pretty-printed. */
    public static Options defaults() {
      return new Options(true);
    }
  }

  public JsonDerivationPrinter(Options options) {
    this.options = Objects.requireNonNull(options, "options");
    if (options.pretty()) {
      this.writer = MAPPER.writer(new Pretty());
    } else {
      this.writer = MAPPER.writer();
    }
  }

  public Options options() {
    return options;
  }

  @Override
  public Format format() {
    return Format.JSON;
  }

  @Override
  public String print(Derivation d) {
    try {
      return writer.writeValueAsString(toJson(d)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document as a Jackson tree (key order as written). */
  public ObjectNode toJson(Derivation d) {
    java.util.function.UnaryOperator<Expr> display = OperatorDisplay.of(d).isEmpty()
        ? null : x -> SumFolding.fold(OperatorDisplay.apply(x, d), d);
    Renderer r = new Renderer(LatexPrinter.withNotation(d.notation()), new java.util.TreeSet<>(),
        display);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schema", SCHEMA);
    root.set("design", design(d));
    root.put("complete", d.complete());
    ObjectNode notation = root.putObject("notation");
    ArrayNode steps = root.putArray("steps");
    for (int i = 0; i < d.steps().size(); i++) {
      steps.add(step(i + 1, d.steps().get(i), r));
    }
    ObjectNode results = root.putObject("results");
    for (Variant v : Variant.values()) {
      VariantResult res = d.results().get(v);
      if (res == null) {
        results.putNull(TextDerivationPrinter.variantName(v));
      } else {
        results.set(TextDerivationPrinter.variantName(v), result(res, v == d.headline(), r, d));
      }
    }
    root.set("representation_cost", d.representationCost() == null ? null
        : r.expr(d.representationCost()));
    root.set("stationary_density", d.stationaryDensity() == null
        || d.stationaryDensity().isEmpty() ? null : r.expr(d.stationaryDensity().get()));
    notation(d, r, notation);
    OperatorDisplay.of(d).ifPresent(o -> root.set("operators",
        JsonNodeFactory.instance.arrayNode().add(operator(o, r))));
    return root;
  }

  /**
   * The named operator of a structured derivation, enough to rebuild the formulas that print
   * it: its name, what it is, how ω = A⁻¹β is written with it, and its exact entries (Wolfram
   * syntax) and their values.
   */
  private static ObjectNode operator(org.gaugebias.symbolic.trace.NamedOperator o, Renderer r) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", o.name());
    out.put("declaration", o.declaration().orElse(null));
    out.put("meaning", o.meaning());
    out.put("omega", o.wolfram());
    out.put("latex", o.omegaLatex(r.latex().symbol(o.name()), r.latex().symbol(o.predictor())));
    out.put("size", o.size());
    matrix(o.entries(), out);
    if (o.kronecker()) {
      // kept by its factors: KroneckerProduct[F_1, …] of the entries below, row-major
      ObjectNode k = out.putObject("kronecker");
      k.put("product", o.product());
      k.put("latex", r.latex().symbol(o.name()) + " = " + String.join(" \\otimes ", o.factors().stream()
          .map(f -> StepProse.factorLatex(f.label())).toList()));
      k.put("convention", "row-major, as KroneckerProduct: (A ⊗ B) x = vec(A X B^T), X the"
          + " n_A x n_B matrix whose rows are consecutive blocks of x");
      ArrayNode factors = k.putArray("factors");
      for (org.gaugebias.symbolic.trace.NamedOperator.Factor f : o.factors()) {
        ObjectNode fo = factors.addObject();
        fo.put("label", f.label());
        fo.put("declaration", f.declaration());
        fo.put("meaning", f.meaning());
        fo.put("kind", f.kind());
        fo.put("size", f.size());
        fo.put("log_abs_det", MathematicaPrinter.format(f.logAbsDet()));
        matrix(f.entries(), fo);
      }
    }
    return out;
  }

  /** {@code entries} (exact, Wolfram syntax) and {@code values} (doubles), row by row. */
  private static void matrix(List<List<Expr>> rows, ObjectNode out) {
    ArrayNode entries = out.putArray("entries");
    ArrayNode values = out.putArray("values");
    for (List<Expr> row : rows) {
      ArrayNode e = entries.addArray();
      ArrayNode v = values.addArray();
      for (Expr x : row) {
        e.add(MathematicaPrinter.format(x));
        v.add(org.gaugebias.symbolic.expr.NumericEvaluator.eval(x, java.util.Map.of()));
      }
    }
  }

  /**
   * Every symbol the document's formulas use, by its {@code sympy} name: what it is, and its
   * {@code wolfram} and {@code latex} spellings.
   */
  private static void notation(Derivation d, Renderer r, ObjectNode out) {
    java.util.Map<String, String> meaning = new java.util.HashMap<>();
    if (d.temperature() != null) {
      meaning.put(d.temperature(), "temperature T of the gradient noise");
    }
    d.structure().ifPresent(s -> {
      s.parameters().forEach(v -> describe(v, "parameter", meaning));
      describe(s.predictor(), "predictor", meaning);
      // a matrix design's results are in its spectrum: say so, sympy name sigma_1 etc.
      s.spectrum().ifPresent(sp -> {
        List<String> values = sp.values().symbols();
        for (int i = 0; i < values.size(); i++) {
          meaning.put(values.get(i), (sp.eigenvalues() ? "eigenvalue " : "singular value ")
              + (i + 1) + " of the predictor " + s.predictor().name() + " (positive, distinct;"
              + " the representative is diagonal in them)");
        }
        meaning.put(sp.values().indexedBy("i"), (sp.eigenvalues() ? "eigenvalue" : "singular"
            + " value") + " i of the predictor " + s.predictor().name()
            + ", i the summation index");
      });
    });
    java.util.Map<String, String> wolfram = new java.util.HashMap<>();
    OperatorDisplay.of(d).ifPresent(o -> {
      String what = o.wolfram() + " (" + o.omegaText() + ", " + o.name() + " " + o.meaning()
          + (o.kronecker() ? "; its factors are under operators[].kronecker)"
              : "; its entries are under operators)");
      for (int k = 1; k <= o.size(); k++) {
        meaning.put(o.vector() + "$" + k, "component " + k + " of " + what);
        wolfram.put(o.vector() + "$" + k, "(" + o.wolfram() + ")[[" + k + "]]");
      }
      meaning.put(o.vector() + "$i", "component i of " + what + ", i the summation index");
      wolfram.put(o.vector() + "$i", "(" + o.wolfram() + ")[[i]]");
    });
    java.util.Map<String, ObjectNode> sorted = new java.util.TreeMap<>();
    for (String sym : r.symbols()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("meaning", meaning.getOrDefault(sym, guess(sym, d)));
      o.put("wolfram", wolfram.getOrDefault(sym, SymbolNames.indexed(sym)));
      o.put("latex", r.latex().print(new Expr.Sym(sym)));
      sorted.put(SymbolNames.identifier(sym), o);
    }
    sorted.forEach(out::set);
  }

  private static void describe(Variable v, String role, java.util.Map<String, String> out) {
    String what = role + " " + v.name() + " (" + v.shape() + ")";
    v.components().forEach(c -> out.put(c.symbol(), SymbolNames.componentMeaning(c.symbol(),
        what)));
    if (!v.components().isEmpty() && !v.components().get(0).indices().isEmpty()) {
      out.put(v.indexedBy("i"), "component i of " + what + ", i the summation index");
    }
  }

  private static String guess(String sym, Derivation d) {
    if (sym.equals("i")) {
      return "summation index";
    }
    if (d.predictorSymbols().contains(sym)) {
      return SymbolNames.componentMeaning(sym, "the predictor");
    }
    return SymbolNames.isComponent(sym) ? SymbolNames.componentMeaning(sym, SymbolNames.base(sym))
        : "a symbol of the design";
  }

  private static ObjectNode design(Derivation d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", d.designId());
    o.put("title", d.title());
    o.put("source", d.source());
    ArrayNode preds = o.putArray("predictor_symbols");
    d.predictorSymbols().forEach(x -> preds.add(SymbolNames.identifier(x)));
    o.put("temperature", d.temperature());
    o.put("headline", d.headline() == null ? null
        : TextDerivationPrinter.variantName(d.headline()));
    return o;
  }

  private static ObjectNode step(int index, Step s, Renderer r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("index", index);
    o.put("kind", s.kind().name());
    o.put("title", s.kind().title());
    o.put("rule", StepProse.sentence(s));
    o.put("status", s.status().name());
    o.put("note", StepProse.note(s));
    o.set("facts", facts(s.facts()));
    o.set("inputs", r.formulas(s.kind(), s.inputs()));
    o.set("outputs", r.formulas(s.kind(), s.outputs()));
    ArrayNode assumptions = o.putArray("assumptions");
    s.assumptions().forEach(a -> assumptions.add(r.expr(a)));
    return o;
  }

  /**
   * A step's typed facts as numbers, booleans and names: {@code type} (the fact record's name
   * in snake_case, e.g. {@code numeric_check}) and one snake_case key per record component
   * (e.g. {@code points}, {@code largest_difference}).
   */
  static ObjectNode facts(StepFacts f) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", snake(f.getClass().getSimpleName()));
    for (java.lang.reflect.RecordComponent c : f.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(f);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      o.set(snake(c.getName()), value(v));
    }
    return o;
  }

  private static com.fasterxml.jackson.databind.JsonNode value(Object v) {
    JsonNodeFactory n = JsonNodeFactory.instance;
    if (v instanceof Integer i) {
      return n.numberNode(i);
    } else if (v instanceof Long l) {
      return n.numberNode(l);
    } else if (v instanceof Double x) {
      return Double.isFinite(x) ? n.numberNode(x) : n.nullNode();
    } else if (v instanceof Boolean b) {
      return n.booleanNode(b);
    } else if (v instanceof Enum<?> e) {
      return n.textNode(e.name().toLowerCase(java.util.Locale.ROOT));
    } else if (v instanceof java.util.Optional<?> opt) {
      return opt.isEmpty() ? n.nullNode() : value(opt.get());
    } else if (v instanceof org.gaugebias.symbolic.trace.NamedOperator o) {
      return n.textNode(o.name()); // the operator itself is under operators
    } else if (v instanceof org.gaugebias.symbolic.trace.SizedBlock b) {
      // the block's formulas are the step's outputs; the facts name its coordinates
      ArrayNode a = n.arrayNode();
      b.block().theta().forEach(x -> a.add(SymbolNames.identifier(x)));
      return a;
    } else if (v instanceof List<?> xs) {
      ArrayNode a = n.arrayNode();
      xs.forEach(x -> a.add(x instanceof String s ? n.textNode(SymbolNames.identifier(s))
          : value(x)));
      return a;
    }
    return v == null ? n.nullNode() : n.textNode(v.toString());
  }

  /** {@code largestDifference} → {@code largest_difference}. */
  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static ObjectNode result(VariantResult res, boolean headline, Renderer r,
      Derivation d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("short_name", res.variant().shortName());
    o.put("gram", res.variant().gram());
    o.put("headline", headline);
    o.set("logdet", r.expr(res.logDet()));
    o.set("bias", r.expr(SumFolding.fold(res.bias(), d), res.bias()));
    o.set("dropped_constant", r.expr(res.droppedConstant()));
    o.put("pseudo_determinant", res.pseudoDeterminant());
    return o;
  }

  /**
   * Two-space indentation, {@code \n} line ends whatever the platform, one array item per line
   * and {@code "key": value} (Jackson's default puts a space before the colon too).
   */
  private static final class Pretty extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    Pretty() {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      _objectIndenter = indenter;
      _arrayIndenter = indenter;
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    Pretty(Pretty base) {
      super(base);
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new Pretty(this);
    }
  }

  /**
   * Renders expressions into {@code {wolfram, sympy, latex, text}} objects and collects the
   * symbols they use (for {@code notation}).
   */
  private record Renderer(LatexPrinter latex, java.util.Set<String> symbols,
      java.util.function.UnaryOperator<Expr> display) {
    ObjectNode expr(Expr e) {
      return expr(e, e);
    }

    /**
     * {@code shown} for every form but {@code sympy}, which gets the unfolded {@code plain};
     * {@code latex} and {@code text} by operator where the derivation names one
     * ({@link OperatorDisplay}), {@code wolfram} and {@code sympy} with the entries (they
     * rebuild the formula on their own).
     */
    ObjectNode expr(Expr shown, Expr plain) {
      // by operator from the unfolded form: folding first would hide a form like Σ_j β_j/8
      Expr readable = display == null ? shown : display.apply(plain);
      symbols.addAll(Exprs.symbols(shown));
      symbols.addAll(Exprs.symbols(plain));
      symbols.addAll(Exprs.symbols(readable));
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("wolfram", MathematicaPrinter.format(shown));
      o.put("sympy", SympyPrinter.string().print(plain));
      o.put("latex", latex.print(readable));
      o.put("text", TextPrinter.print(readable));
      return o;
    }

    ArrayNode formulas(StepKind kind, List<Formula> fs) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (Formula f : fs) {
        ObjectNode o = a.addObject();
        o.put("name", SymbolNames.identifier(f.name()));
        o.put("lhs", FormulaLhs.latex(kind, f));
        o.setAll(expr(f.expr()));
      }
      return a;
    }
  }
}
