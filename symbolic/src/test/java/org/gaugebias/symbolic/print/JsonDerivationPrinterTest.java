package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.junit.jupiter.api.Test;

/**
 * JSON is a machine format: parse the output back and check that it carries the derivation
 * (structure round trip), the documented key order, and the JSON Schema's required keys.
 */
class JsonDerivationPrinterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode parse(Derivation d) throws IOException {
    return MAPPER.readTree(Format.JSON.printer().print(d));
  }

  @Test
  void carriesTheDesignAndTheSchemaId() throws IOException {
    JsonNode root = parse(Derivations.uv());
    assertThat(root.get("schema").asText()).isEqualTo("gaugebias.derivation/2")
        .isEqualTo(JsonDerivationPrinter.SCHEMA);
    JsonNode design = root.get("design");
    assertThat(design.get("id").asText()).isEqualTo("uv");
    assertThat(design.get("title").asText()).isEqualTo("Diagonal linear network β = u·v");
    assertThat(design.get("source").asText()).isEqualTo("designs/uv.yaml");
    assertThat(design.get("predictor_symbols").get(0).asText()).isEqualTo("beta");
    assertThat(design.get("temperature").asText()).isEqualTo("T");
    assertThat(design.get("headline").asText()).isEqualTo("quotient");
    assertThat(root.get("complete").asBoolean()).isFalse();
  }

  @Test
  void stepsRoundTrip() throws IOException {
    Derivation d = Derivations.nasty();
    JsonNode steps = parse(d).get("steps");
    assertThat(steps.size()).isEqualTo(d.steps().size());
    LatexPrinter latex = LatexPrinter.withNotation(d.notation());
    for (int i = 0; i < d.steps().size(); i++) {
      Step s = d.steps().get(i);
      JsonNode j = steps.get(i);
      assertThat(j.get("index").asInt()).isEqualTo(i + 1);
      assertThat(j.get("kind").asText()).isEqualTo(s.kind().name());
      assertThat(j.get("title").asText()).isEqualTo(s.kind().title());
      assertThat(j.get("rule").asText()).isEqualTo(StepProse.sentence(s));
      assertThat(j.get("facts").get("type").asText()).isEqualTo(JsonDerivationPrinter.snake(
          s.facts().getClass().getSimpleName()));
      assertThat(j.get("status").asText()).isEqualTo(s.status().name());
      assertThat(j.get("note").asText()).isEqualTo(StepProse.note(s));
      assertFormulas(j.get("inputs"), s.kind(), s.inputs(), latex);
      assertFormulas(j.get("outputs"), s.kind(), s.outputs(), latex);
      assertThat(j.get("assumptions").size()).isEqualTo(s.assumptions().size());
      for (int k = 0; k < s.assumptions().size(); k++) {
        assertExpr(j.get("assumptions").get(k), s.assumptions().get(k), latex);
      }
    }
  }

  @Test
  void resultsRoundTripAndAbsentVariantsAreNull() throws IOException {
    Derivation d = Derivations.uv();
    JsonNode results = parse(d).get("results");
    assertThat(fieldNames(results)).containsExactly("quotient", "orbit", "gauge");
    assertThat(results.get("gauge").isNull()).isTrue();
    LatexPrinter latex = LatexPrinter.standard();
    for (Variant v : List.of(Variant.QUOTIENT, Variant.ORBIT)) {
      VariantResult r = d.results().get(v);
      JsonNode j = results.get(v.name().toLowerCase());
      assertThat(j.get("short_name").asText()).isEqualTo(v.shortName());
      assertThat(j.get("gram").asText()).isEqualTo(v.gram());
      assertThat(j.get("headline").asBoolean()).isEqualTo(v == Variant.QUOTIENT);
      assertExpr(j.get("logdet"), r.logDet(), latex);
      assertExpr(j.get("bias"), r.bias(), latex);
      assertExpr(j.get("dropped_constant"), r.droppedConstant(), latex);
      assertThat(j.get("pseudo_determinant").asBoolean()).isEqualTo(r.pseudoDeterminant());
    }
    assertThat(results.get("quotient").get("bias").get("latex").asText())
        .isEqualTo("\\frac{T}{2} \\log\\left|\\beta\\right|");
    assertThat(results.get("quotient").get("logdet").get("wolfram").asText())
        .isEqualTo("Log[2*Abs[beta]]");
    assertThat(results.get("quotient").get("logdet").get("sympy").asText())
        .isEqualTo("log(2*Abs(Symbol('beta')))");
  }

  @Test
  void rendersRepresentationCostDensityAndNotation() throws IOException {
    Derivation d = Derivations.nasty();
    JsonNode root = parse(d);
    LatexPrinter latex = LatexPrinter.withNotation(d.notation());
    assertExpr(root.get("representation_cost"), d.representationCost(), latex);
    assertExpr(root.get("stationary_density"), d.stationaryDensity().orElseThrow(), latex);
    assertThat(fieldNames(root.get("notation"))).contains("T", "beta_1");
    JsonNode beta1 = root.get("notation").get("beta_1");
    assertThat(fieldNames(beta1)).containsExactly("meaning", "wolfram", "latex");
    assertThat(beta1.get("latex").asText()).isEqualTo("\\tilde{\\beta}_{1}");
    assertThat(beta1.get("wolfram").asText()).isEqualTo("beta[1]");
    assertThat(beta1.get("meaning").asText()).isEqualTo("component 1 of the predictor");
    assertThat(root.get("notation").get("T").get("meaning").asText()).contains("temperature");
    assertThat(root.get("representation_cost").get("latex").asText())
        .startsWith("\\left|\\tilde{\\beta}_{1}\\right| + ");
  }

  @Test
  void writesKeysInTheDocumentedOrder() throws IOException {
    JsonNode root = parse(Derivations.uv());
    assertThat(fieldNames(root)).containsExactly("schema", "design", "complete", "notation",
        "steps", "results", "representation_cost", "stationary_density");
    assertThat(fieldNames(root.get("design"))).containsExactly("id", "title", "source",
        "predictor_symbols", "temperature", "headline");
    assertThat(fieldNames(root.get("steps").get(1))).containsExactly("index", "kind", "title",
        "rule", "status", "note", "facts", "inputs", "outputs", "assumptions");
    assertThat(fieldNames(root.get("steps").get(1).get("outputs").get(0)))
        .containsExactly("name", "lhs", "wolfram", "sympy", "latex", "text");
  }

  @Test
  void isByteForByteDeterministicWithUnixLineEnds() {
    String a = Format.JSON.printer().print(Derivations.nasty());
    String b = Format.JSON.printer().print(Derivations.nasty());
    assertThat(a).isEqualTo(b).doesNotContain("\r").endsWith("}\n").contains("\"schema\": ");
  }

  @Test
  void compactAndPrettyCarryTheSameTree() throws IOException {
    Derivation d = Derivations.nasty();
    String compact = new JsonDerivationPrinter(new JsonDerivationPrinter.Options(false)).print(d);
    assertThat(compact.strip()).doesNotContain("\n");
    assertThat(MAPPER.readTree(compact)).isEqualTo(parse(d));
  }

  @Test
  void nullOptionalPartsAreWrittenAsNull() throws IOException {
    Derivation uv = Derivations.uv();
    Derivation bare = new Derivation(uv.designId(), uv.title(), null, List.of(), null, null,
        uv.steps(), new java.util.EnumMap<>(Variant.class), null, java.util.Optional.empty(),
        java.util.Map.of());
    JsonNode root = parse(bare);
    assertThat(root.get("design").get("source").isNull()).isTrue();
    assertThat(root.get("design").get("headline").isNull()).isTrue();
    assertThat(root.get("representation_cost").isNull()).isTrue();
    assertThat(root.get("stationary_density").isNull()).isTrue();
    assertThat(root.get("results").get("quotient").isNull()).isTrue();
  }

  /** The JSON Schema file names exactly the keys the printer writes, at every level. */
  @Test
  void matchesTheRequiredKeysOfTheJsonSchemaFile() throws IOException {
    Path schemaFile = Path.of("..", "docs", "schemas", "derivation.schema.json");
    assertThat(schemaFile).exists();
    JsonNode schema = MAPPER.readTree(Files.readString(schemaFile));
    JsonNode root = parse(Derivations.uv());
    JsonNode defs = schema.get("$defs");
    assertThat(schema.get("properties").get("schema").get("const").asText())
        .isEqualTo(JsonDerivationPrinter.SCHEMA);
    assertThat(fieldNames(root)).containsExactlyElementsOf(texts(schema.get("required")));
    assertThat(fieldNames(root.get("design"))).containsExactlyElementsOf(
        texts(schema.get("properties").get("design").get("required")));
    JsonNode step = root.get("steps").get(1);
    assertThat(fieldNames(step)).containsExactlyElementsOf(texts(defs.get("step").get("required")));
    assertThat(fieldNames(step.get("outputs").get(0)))
        .containsExactlyElementsOf(texts(defs.get("formula").get("required")));
    assertThat(fieldNames(root.get("results").get("quotient")))
        .containsExactlyElementsOf(texts(defs.get("variant").get("required")));
    assertThat(fieldNames(root.get("representation_cost")))
        .containsExactlyElementsOf(texts(defs.get("expr").get("required")));
    List<String> kinds = texts(defs.get("step").get("properties").get("kind").get("enum"));
    for (org.gaugebias.symbolic.trace.StepKind k : org.gaugebias.symbolic.trace.StepKind.values()) {
      assertThat(kinds).as("schema lists step kind %s", k).contains(k.name());
    }
  }

  private static void assertFormulas(JsonNode array,
      org.gaugebias.symbolic.trace.StepKind kind, List<Formula> fs, LatexPrinter latex) {
    assertThat(array.size()).isEqualTo(fs.size());
    for (int k = 0; k < fs.size(); k++) {
      JsonNode j = array.get(k);
      assertThat(j.get("name").asText()).isEqualTo(
          org.gaugebias.symbolic.expr.SymbolNames.identifier(fs.get(k).name()));
      assertThat(j.get("lhs").asText()).isEqualTo(FormulaLhs.latex(kind, fs.get(k)));
      assertExpr(j, fs.get(k).expr(), latex);
    }
  }

  private static void assertExpr(JsonNode j, Expr e, LatexPrinter latex) {
    assertThat(j.get("wolfram").asText()).isEqualTo(
        org.gaugebias.symbolic.expr.MathematicaPrinter.format(e));
    assertThat(j.get("sympy").asText()).isEqualTo(
        org.gaugebias.symbolic.expr.SympyPrinter.string().print(e));
    assertThat(j.get("latex").asText()).isEqualTo(latex.print(e));
    assertThat(j.get("text").asText()).isEqualTo(TextPrinter.print(e));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }
}
