package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.gaugebias.symbolic.design.DesignError.Kind;
import org.junit.jupiter.api.Test;

/**
 * One test per error kind: the exact {@code file:line:col}, the kind, and the part of the
 * message that says what is wrong. Most cases edit one line of {@link #BASE}.
 */
class DesignReaderErrorsTest {
  private static final String F = "t.yaml";

  /** A valid design; line numbers below refer to it. */
  private static final String BASE = """
      id: t
      title: test
      parameters:
        u: vector 3
        v: vector 3
      predictor:
        beta: u*v
      """;

  private static List<DesignError> errors(String yaml) {
    DesignException e = catchThrowableOfType(DesignException.class,
        () -> DesignReader.read(F, yaml));
    assertThat(e).as("expected errors for:%n%s", yaml).isNotNull();
    assertThat(e.errors()).noneMatch(x -> x.kind() == Kind.INTERNAL);
    return e.errors();
  }

  /** Exactly one error, at {@code pos}, of {@code kind}, whose message contains {@code text}. */
  private static DesignError single(String yaml, String pos, Kind kind, String text) {
    List<DesignError> es = errors(yaml);
    assertThat(es).as("errors: %s", es).hasSize(1);
    DesignError e = es.get(0);
    assertThat(e.pos()).hasToString(F + ":" + pos);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.message()).contains(text);
    assertThat(e.toString()).isEqualTo(F + ":" + pos + ": error: " + e.message());
    return e;
  }

  private static String base(String extra) {
    return BASE + extra;
  }

  @Test
  void baseIsValid() {
    assertThat(DesignReader.read(F, BASE).parameters()).hasSize(2);
  }

  // ---------------------------------------------------------------- YAML and structure

  @Test
  void malformedYaml() {
    single("id: t\ntitle: [unclosed\nparameters:\n", "3:11", Kind.YAML_SYNTAX, "malformed YAML");
    single("id: t\n  title: x\n", "2:8", Kind.YAML_SYNTAX, "mapping values are not allowed");
    // a flow mapping cannot hold an unquoted expression with brackets: say how to fix it
    single(base("symmetry:\n  generators:\n    - field: {u: u*UnitVector[3, 1]}\n"), "10:30",
        Kind.YAML_SYNTAX, "quote expressions that contain brackets or commas");
  }

  @Test
  void topLevelNotAMapping() {
    single("- id: t\n- title: x\n", "1:1", Kind.WRONG_TYPE, "must be a YAML mapping");
    single("", "1:1", Kind.WRONG_TYPE, "the file is empty");
    single("# only a comment\n", "1:1", Kind.WRONG_TYPE, "the file is empty");
  }

  @Test
  void duplicateKey() {
    single(base("title: again\n"), "8:1", Kind.DUPLICATE_KEY,
        "duplicate key 'title' (first at t.yaml:2:1)");
    single(BASE.replace("  v: vector 3", "  u: vector 2").replace("u*v", "u"), "5:3",
        Kind.DUPLICATE_KEY,
        "duplicate parameter 'u'");
  }

  @Test
  void unknownKeyWithSuggestion() {
    single(base("temprature: tau\n"), "8:1", Kind.UNKNOWN_KEY,
        "unknown key 'temprature' (did you mean 'temperature'?)");
    single(base("colour: red\n"), "8:1", Kind.UNKNOWN_KEY, "unknown key 'colour' (known: id,");
  }

  @Test
  void unknownKeyAndMissingKeyTogether() {
    List<DesignError> es = errors(BASE.replace("parameters:", "parameter:"));
    assertThat(es).extracting(DesignError::kind).containsExactly(Kind.MISSING_KEY,
        Kind.UNKNOWN_KEY);
    assertThat(es.get(0).message()).isEqualTo("missing required key 'parameters'");
    assertThat(es.get(1).message())
        .isEqualTo("unknown key 'parameter' (did you mean 'parameters'?)");
    assertThat(es.get(1).pos()).hasToString("t.yaml:3:1");
  }

  @Test
  void missingKey() {
    single(BASE.replace("title: test\n", ""), "1:1", Kind.MISSING_KEY,
        "missing required key 'title'");
  }

  @Test
  void wrongType() {
    single(BASE.replace("title: test", "title: [a, b]"), "2:8", Kind.WRONG_TYPE,
        "'title' must be text, not a list");
    single(base("assumptions: v > 0\n"), "8:14", Kind.WRONG_TYPE,
        "'assumptions' must be a list");
    single(base("constants:\n  M: {{1, 2}, {3, 4}}\n"), "9:6", Kind.WRONG_TYPE,
        "quote values that start with '{'");
  }

  @Test
  void emptyValue() {
    single(BASE.replace("title: test", "title:"), "2:7", Kind.EMPTY_VALUE, "'title' is empty");
    single(base("loss: ''\n"), "8:7", Kind.EMPTY_VALUE, "the loss is empty");
  }

  @Test
  void emptySection() {
    single(base("symmetry:\n  generators: []\n"), "9:15", Kind.EMPTY_SECTION,
        "'generators' is empty");
  }

  // ---------------------------------------------------------------- declarations

  @Test
  void badId() {
    single(BASE.replace("id: t", "id: Hadamard UV"), "1:5", Kind.BAD_ID, "e.g. 'hadamard-uv'");
  }

  @Test
  void badShapeSyntax() {
    single(BASE.replace("u: vector 3", "u: vector three"), "4:13", Kind.BAD_SHAPE,
        "'three' is not a whole number");
    single(BASE.replace("u: vector 3", "u: tensor 3"), "4:6", Kind.BAD_SHAPE,
        "expected 'scalar', 'vector N', 'matrix M x N' or 'symmetric N'");
    single(BASE.replace("u: vector 3", "u: symmetric"), "4:6", Kind.BAD_SHAPE,
        "a symmetric matrix needs its size");
    single(BASE.replace("u: vector 3", "u: 3"), "4:6", Kind.BAD_SHAPE, "did you mean 'vector 3'?");
    single(BASE.replace("u: vector 3", "u: matrix 3"), "4:6", Kind.BAD_SHAPE,
        "a matrix needs its dimensions");
  }

  @Test
  void nonPositiveDimension() {
    single(BASE.replace("u: vector 3", "u: matrix 2 x 0"), "4:17", Kind.BAD_DIMENSION,
        "dimensions must be positive, got 0");
    single(BASE.replace("u: vector 3", "u: vector 99999999999999"), "4:13", Kind.BAD_DIMENSION,
        "too large");
  }

  @Test
  void reservedNames() {
    single(base("constants:\n  D: \"{1, 2, 3}\"\n"), "9:3", Kind.RESERVED_NAME,
        "'D' is a reserved Wolfram name (derivative); rename the constant, e.g. 'Dm'");
    single(BASE.replace("beta: u*v", "Beta: u*v"), "7:3", Kind.RESERVED_NAME,
        "'Beta' is a reserved Wolfram name (built-in function); rename the predictor, e.g. 'beta'");
    single(base("temperature: N\n"), "8:14", Kind.RESERVED_NAME, "(numeric evaluation)");
  }

  @Test
  void badNames() {
    single(BASE.replace("u: vector 3", "u$1: vector 3").replace("u*v", "v"), "4:3",
        Kind.BAD_NAME, "'$' is reserved for the engine's component names");
    single(BASE.replace("u: vector 3", "u_1: vector 3").replace("u*v", "v"), "4:3",
        Kind.BAD_NAME, "write e.g. 'u1'");
  }

  @Test
  void nameClashes() {
    single(base("constants:\n  u: \"{1, 2, 3}\"\n"), "9:3", Kind.NAME_CLASH,
        "constant 'u' has the same name as the parameter declared at t.yaml:4:3");
    single(BASE.replace("beta: u*v", "v: u*v"), "7:3", Kind.NAME_CLASH,
        "predictor 'v' has the same name as the parameter");
    single(BASE.replace("v: vector 3", "T: vector 3").replace("u*v", "u*T"), "5:3",
        Kind.NAME_CLASH, "has the same name as the temperature symbol (T by default)");
  }

  @Test
  void predictorCount() {
    single(BASE + "  gamma: u+v\n", "8:3", Kind.PREDICTOR_COUNT,
        "exactly one entry (name: expression), found 2 (beta, gamma)");
    single(BASE.replace("  beta: u*v\n", "  {}\n").replace("predictor:\n  {}", "predictor: {}"),
        "6:12", Kind.PREDICTOR_COUNT, "found 0");
  }

  // ---------------------------------------------------------------- expressions

  @Test
  void expressionSyntaxPointsInsideTheExpression() {
    // "  beta: u*v + Log[u" : the value starts at column 9, the missing ']' is after offset 14
    single(BASE.replace("u*v", "u*v + Log[u"), "7:20", Kind.EXPRESSION_SYNTAX,
        "syntax error in the predictor 'beta': ']' expected");
    // inside a double-quoted scalar the column skips the quote
    single(BASE.replace("u*v", "\"u*v + {1,,2}\""), "7:19", Kind.EXPRESSION_SYNTAX,
        "unexpected character");
    // '=' instead of '=='
    single(base("gauge:\n  - u.u = 1\n"), "9:9", Kind.EXPRESSION_SYNTAX,
        "'=' is assignment; write '=='");
  }

  @Test
  void expressionSyntaxInLiteralBlockScalar() {
    String yaml = base("loss: |\n  (beta\n    - 1)^2 +\n");
    single(yaml, "11:1", Kind.EXPRESSION_SYNTAX, "incomplete expression");
    String mid = base("loss: |\n  (beta\n    - 1)^2 + ]\n");
    single(mid, "10:14", Kind.EXPRESSION_SYNTAX, "syntax error in the loss");
  }

  @Test
  void undeclaredSymbol() {
    single(BASE.replace("u*v", "u*w"), "7:11", Kind.UNDECLARED_SYMBOL,
        "undeclared symbol 'w' in the predictor (declared: u, v, T)");
    // built-ins are fine, lower-case "functions" get a hint
    single(BASE.replace("u*v", "Log[u]*Pi + sin(v)"), "7:21", Kind.UNDECLARED_SYMBOL,
        "did you mean 'Sin[...]'?");
    single(BASE.replace("u*v", "sqrt[u]"), "7:9", Kind.UNDECLARED_SYMBOL,
        "unknown function 'sqrt' in the predictor: not a Wolfram built-in; did you mean"
            + " 'Sqrt[...]'?");
    single(base("loss: (beta - 1e-3)^2\n"), "8:16", Kind.UNDECLARED_SYMBOL,
        "write 1*^-3 or 0.001");
    single(base("gauge:\n  - x1^2 - 1\n"), "9:5", Kind.UNDECLARED_SYMBOL,
        "undeclared symbol 'x1' in a gauge condition (declared: u, v)");
  }

  @Test
  void indexOnlyInScopeOfItsGenerator() {
    String yaml = base("""
        symmetry:
          generators:
            - for: i in 1..3
              field: {u: "u*UnitVector[3, i]"}
            - field:
                v: v*UnitVector[3, i]
        """);
    single(yaml, "13:28", Kind.UNDECLARED_SYMBOL,
        "undeclared symbol 'i' in the field of a generator (declared: u, v)");
  }

  @Test
  void fieldKeyNotAParameter() {
    single(base("symmetry:\n  generators:\n    - name: r\n      field:\n        u: u\n"
        + "        w: -v\n"), "13:9", Kind.NOT_A_PARAMETER,
        "'w' in the field of generator 'r' is not a parameter (parameters: u, v)");
  }

  @Test
  void badRanges() {
    String gen = "symmetry:\n  generators:\n    - for: %s\n      field: {u: u}\n";
    single(base(gen.formatted("i in 3..1")), "10:12", Kind.BAD_RANGE, "empty range 3..1");
    single(base(gen.formatted("i = 1..3")), "10:12", Kind.BAD_RANGE,
        "malformed 'for' of a generator: 'i = 1..3'; expected 'i in 1..3'");
    single(base(gen.formatted("i in 1..2, j in 1..x")), "10:23", Kind.BAD_RANGE,
        "malformed 'for'");
    single(base(gen.formatted("u in 1..3")), "10:12", Kind.NAME_CLASH,
        "index 'u' of a generator has the same name as the parameter");
  }

  @Test
  void badConditions() {
    single(base("gauge:\n  - u.u > 1\n"), "9:5", Kind.BAD_CONDITION,
        "gauge condition 'u.u > 1' is not an equation");
    single(base("assumptions:\n  - u + v\n"), "9:5", Kind.BAD_CONDITION,
        "assumption 'u + v' is not a condition");
  }

  @Test
  void badConstants() {
    single(base("constants:\n  M: \"{{1, 2}, {3}}\"\n"), "9:6", Kind.BAD_CONSTANT,
        "its rows have different lengths [2, 1]");
    single(base("constants:\n  c: 2*a\n"), "9:8", Kind.BAD_CONSTANT, "uses the symbol 'a'");
  }

  @Test
  void lossOfParameters() {
    single(base("loss: (beta - u)^2\n"), "8:15", Kind.LOSS_NOT_OF_PREDICTOR,
        "the loss must be a function of the predictor 'beta', not of the parameters: it uses 'u'");
    // a loss that does not mention the predictor but no parameter either is accepted
    assertThat(DesignReader.read(F, base("loss: 1\n")).loss()).isPresent();
  }

  @Test
  void badVariant() {
    single(base("variant: orbits\n"), "8:10", Kind.BAD_VARIANT,
        "unknown variant 'orbits': expected one of quotient, orbit, gauge (did you mean 'orbit'?)");
  }

  @Test
  void unreadableFile() {
    DesignException e = catchThrowableOfType(DesignException.class,
        () -> DesignReader.read(Path.of("does/not/exist.yaml")));
    assertThat(e.errors()).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo(Kind.IO);
      assertThat(x).hasToString("does/not/exist.yaml:1:1: error: no such file");
    });
  }

  // ---------------------------------------------------------------- all problems at once

  @Test
  void threeProblemsThreeErrorsInFileOrder() {
    List<DesignError> es = errors("""
        id: t
        title: three problems
        parameters:
          u: vector three
          v: vector 3
        predictor:
          beta: u*w
        variant: best
        """);
    assertThat(es).extracting(DesignError::toString).containsExactly(
        "t.yaml:4:13: error: bad shape 'vector three' for parameter 'u': 'three' is not a whole"
            + " number or a declared size symbol (declare it with 'sizes: [three]' for a size"
            + " given a value at eval time)",
        "t.yaml:7:11: error: undeclared symbol 'w' in the predictor (declared: u, v, T)",
        "t.yaml:8:10: error: unknown variant 'best': expected one of quotient, orbit, gauge");
  }

  @Test
  void exceptionMessageListsAllErrors() {
    DesignException e = catchThrowableOfType(DesignException.class,
        () -> DesignReader.read(F,
            "id: X\ntitle: t\nparameters: {D: scalar}\npredictor: {b: D}\n"));
    assertThat(e.getMessage().lines()).hasSize(e.errors().size()).hasSize(2);
  }
}
