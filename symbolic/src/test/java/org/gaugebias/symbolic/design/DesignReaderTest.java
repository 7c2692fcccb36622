package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.trace.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid designs read into the model with the right shapes, expressions and positions. */
class DesignReaderTest {
  static final Path VALID = Path.of("src/test/resources/design/valid");

  static Stream<Path> validDesigns() throws IOException {
    try (Stream<Path> s = Files.list(VALID)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("validDesigns")
  void everyValidFixtureReads(Path file) {
    Design d = DesignReader.read(file);
    assertThat(file.getFileName().toString()).isEqualTo(d.id() + ".yaml");
    assertThat(d.source()).isEqualTo(file);
  }

  @Test
  void hadamardRoundTrip() {
    Path file = VALID.resolve("hadamard-uv.yaml");
    Design d = DesignReader.read(file);
    String f = file.toString();

    assertThat(d.id()).isEqualTo("hadamard-uv");
    assertThat(d.title()).isEqualTo("Diagonal linear network, beta = u*v");
    assertThat(d.parameters()).containsExactly(
        new ParameterDecl("u", Shape.vector(3), new SourcePos(f, 5, 3)),
        new ParameterDecl("v", Shape.vector(3), new SourcePos(f, 6, 3)));
    assertThat(d.dimension()).isEqualTo(6);
    assertThat(d.constants()).isEmpty();

    PredictorDecl p = d.predictor();
    assertThat(p.name()).isEqualTo("beta");
    assertThat(p.expr()).isEqualTo(Expr.mul(Expr.sym("u"), Expr.sym("v")));
    assertThat(p.pos()).isEqualTo(new SourcePos(f, 8, 3));
    assertThat(p.exprPos()).isEqualTo(new SourcePos(f, 8, 9));

    assertThat(d.assumptions()).containsExactly(new Located<>(
        Expr.fn("Greater", Expr.sym("v"), Expr.integer(0)), new SourcePos(f, 10, 5)));

    assertThat(d.generators()).isPresent();
    List<GeneratorDecl> gens = d.generators().get();
    assertThat(gens).hasSize(1);
    GeneratorDecl g = gens.get(0);
    assertThat(g.label()).hasValue("rescaling");
    assertThat(g.indices()).containsExactly(new IndexRange("i", 1, 3));
    assertThat(g.count()).isEqualTo(3);
    assertThat(g.field().keySet()).containsExactly("u", "v");
    assertThat(g.field().get("u").value()).isEqualTo(WolframSyntax.parse("u*UnitVector[3, i]"));
    assertThat(g.field().get("v").pos()).isEqualTo(new SourcePos(f, 17, 12));
    assertThat(g.fieldExprs().get("v")).isEqualTo(WolframSyntax.parse("-v*UnitVector[3, i]"));
    assertThat(g.pos()).isEqualTo(new SourcePos(f, 13, 7));

    assertThat(d.gauge()).isEmpty();
    assertThat(d.loss()).hasValueSatisfying(l -> {
      assertThat(l.value()).isEqualTo(WolframSyntax.parse("(beta - 1)^2/2"));
      assertThat(l.pos()).isEqualTo(new SourcePos(f, 18, 7));
    });
    assertThat(d.temperature()).isEqualTo("T");
    assertThat(d.variant()).isEqualTo(Variant.QUOTIENT);
  }

  @Test
  void matrixShapesConstantsAndTwoIndices() {
    Design m = DesignReader.read(VALID.resolve("matrix-factorisation.yaml"));
    assertThat(m.parameters()).extracting(ParameterDecl::shape)
        .containsExactly(Shape.matrix(3, 2), Shape.matrix(3, 2));
    assertThat(m.parameters().get(0).shape().dims()).containsExactly(3, 2);
    assertThat(m.dimension()).isEqualTo(12);
    GeneratorDecl g = m.generators().orElseThrow().get(0);
    assertThat(g.indices()).containsExactly(new IndexRange("i", 1, 2), new IndexRange("j", 1, 2));
    assertThat(g.indexValues()).containsExactly(
        java.util.Map.of("i", 1, "j", 1), java.util.Map.of("i", 1, "j", 2),
        java.util.Map.of("i", 2, "j", 1), java.util.Map.of("i", 2, "j", 2));
    assertThat(m.variant()).isEqualTo(Variant.GAUGE);

    Design a = DesignReader.read(VALID.resolve("analysis-operator.yaml"));
    assertThat(a.constants()).extracting(ConstantDecl::name).containsExactly("Dm", "y");
    assertThat(a.constant("Dm").orElseThrow().value())
        .isEqualTo(WolframSyntax.parse("{{1, 0, 0}, {-1, 1, 0}, {0, -1, 1}}"));
    // a double-quoted scalar: the value starts after the quote
    assertThat(a.constant("Dm").orElseThrow().valuePos().column()).isEqualTo(8);
    assertThat(a.temperature()).isEqualTo("tau");
    assertThat(a.title()).isEqualTo("Linear analysis operator: beta = Inverse[Dm].(u*v)");
  }

  @Test
  void gaugeEquationsBecomeDifferences() {
    Design d = DesignReader.read(VALID.resolve("sqrt-product.yaml"));
    assertThat(d.gauge().orElseThrow()).extracting(GaugeCondition::expr)
        .containsExactly(WolframSyntax.parse("u^2 - v^2"));
    assertThat(d.generators().orElseThrow().get(0).field().keySet()).containsExactly("u", "v");
    // a literal block scalar: the expression starts on the line after 'loss: |'
    assertThat(d.loss().orElseThrow().value()).isEqualTo(WolframSyntax.parse("(beta - 3/2)^2/2"));
    assertThat(d.loss().orElseThrow().pos().line()).isEqualTo(19);
    assertThat(d.loss().orElseThrow().pos().column()).isEqualTo(3);

    Design s = DesignReader.read(VALID.resolve("scale-angle.yaml"));
    assertThat(s.gauge().orElseThrow()).extracting(GaugeCondition::expr)
        .containsExactly(WolframSyntax.parse("x.x - 1"));
    assertThat(s.parameter("x").orElseThrow().shape().size()).isEqualTo(2);
  }

  @Test
  void shapes() {
    assertThat(Shape.scalar().dims()).isEmpty();
    assertThat(Shape.vector(4).dims()).containsExactly(4);
    assertThat(Shape.matrix(2, 3).size()).isEqualTo(6);
    assertThat(Shape.matrix(2, 3)).hasToString("matrix 2 x 3");
    assertThat(new SourcePos("a.yaml", 3, 7).shift(4)).hasToString("a.yaml:3:11");
  }

  @Test
  void minimalDesignGetsDefaults() {
    Design d = DesignReader.read("min.yaml", """
        id: m
        title: minimal
        parameters: {a: scalar, b: scalar}
        predictor: {p: a*b}
        """);
    assertThat(d.temperature()).isEqualTo("T");
    assertThat(d.variant()).isEqualTo(Variant.QUOTIENT);
    assertThat(d.generators()).isEmpty();
    assertThat(d.gauge()).isEmpty();
    assertThat(d.loss()).isEmpty();
    assertThat(d.assumptions()).isEmpty();
    assertThat(d.predictor().exprPos()).isEqualTo(new SourcePos("min.yaml", 4, 16));
  }
}
