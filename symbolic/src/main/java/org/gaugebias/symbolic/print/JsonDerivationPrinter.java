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
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * The derivation as JSON in the versioned schema {@value #SCHEMA}, documented in
 * {@code docs/json-schema.md} (JSON Schema: {@code docs/derivation.schema.json}). Every formula is
 * given three ways: {@code wolfram} ({@link Expr#toWolfram()}, parses back to the same tree),
 * {@code latex} ({@link LatexPrinter} with the derivation's notation) and {@code text}
 * ({@link TextPrinter}). Keys are written in a fixed order (no hash-map iteration reaches the
 * output) and line ends are {@code \n} on every platform, so equal derivations give equal bytes.
 */
public final class JsonDerivationPrinter implements DerivationPrinter {
  /** The schema id written in every document; bumped on any incompatible change. */
  public static final String SCHEMA = "gaugebias.derivation/1";

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
    Renderer r = new Renderer(LatexPrinter.withNotation(d.notation()));
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schema", SCHEMA);
    root.set("design", design(d));
    root.put("complete", d.complete());
    ObjectNode notation = root.putObject("notation");
    d.notation().forEach(notation::put);
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
    return root;
  }

  private static ObjectNode design(Derivation d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", d.designId());
    o.put("title", d.title());
    o.put("source", d.source());
    ArrayNode preds = o.putArray("predictor_symbols");
    d.predictorSymbols().forEach(preds::add);
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
    o.set("inputs", r.formulas(s.kind(), s.inputs()));
    o.set("outputs", r.formulas(s.kind(), s.outputs()));
    ArrayNode assumptions = o.putArray("assumptions");
    s.assumptions().forEach(a -> assumptions.add(r.expr(a)));
    return o;
  }

  private static ObjectNode result(VariantResult res, boolean headline, Renderer r,
      Derivation d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("short_name", res.variant().shortName());
    o.put("gram", res.variant().gram());
    o.put("headline", headline);
    o.set("logdet", r.expr(res.logDet()));
    o.set("bias", r.expr(SumFolding.fold(res.bias(), d)));
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

  /** Renders expressions into {@code {wolfram, latex, text}} objects. */
  private record Renderer(LatexPrinter latex) {
    ObjectNode expr(Expr e) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("wolfram", e.toWolfram());
      o.put("latex", latex.print(e));
      o.put("text", TextPrinter.print(e));
      return o;
    }

    ArrayNode formulas(StepKind kind, List<Formula> fs) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (Formula f : fs) {
        ObjectNode o = a.addObject();
        o.put("name", f.name());
        o.put("lhs", FormulaLhs.latex(kind, f));
        o.setAll(expr(f.expr()));
      }
      return a;
    }
  }
}
