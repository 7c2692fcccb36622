package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of JSON the tool writes has a schema in {@code docs/schemas/}, and actual outputs
 * validate against it: derivations and symmetry reports written here, the run reports
 * (verification, SGD, matrix variants, reproduction) written by the commands' own tests
 * ({@code VerifyCommandTest}, {@code MatrixVariantsCommandTest}, {@code ReproduceCommandTest})
 * and the long runs checked in under {@code test-data/}. All keys are snake_case.
 */
class JsonSchemasTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @ParameterizedTest
  @ValueSource(strings = {"designs/hadamard-uv.yaml", "designs/so3-radius.yaml",
      "designs/designed-laplace.yaml", "designs/relu-unit.yaml", "designs/cumsum-tv-n.yaml",
      "designs/spectral-dct2d-8x8.yaml"})
  void derivationsValidate(String design) throws IOException {
    CliTest.Result r = CliTest.run("derive", "--format", "json", ROOT.resolve(design).toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonSchemas.assertValid("derivation", r.out());
    assertSnakeCase(r.out());
  }

  /** {@code design -o} writes the whole inverse derivation as a derivation document too. */
  @Test
  void inverseDerivationsValidate(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    CliTest.Result r = CliTest.run("design", "--target", "Abs[beta]/4", "--id", "laplace", "-o",
        dir.resolve("laplace.yaml").toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<Path> docs;
    try (Stream<Path> s = Files.list(dir)) {
      docs = s.filter(p -> p.toString().endsWith("-inverse.json")).toList();
    }
    assertThat(docs).hasSize(1);
    JsonSchemas.assertValid("derivation", docs.get(0));
    assertSnakeCase(Files.readString(docs.get(0)));
  }

  @Test
  void symmetryReportsValidate() throws IOException {
    CliTest.Result r = CliTest.run("symmetries", "--format", "json",
        ROOT.resolve("test-data/designs/matrix-uv.yaml").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonSchemas.assertValid("symmetries", r.out());
    assertSnakeCase(r.out());
  }

  /** The checked-in reports of the long runs, each against its kind's schema. */
  @Test
  void checkedInRunReportsValidate() throws IOException {
    List<Path> files;
    // sub-folders too (test-data/verify/deep-linear-3/<run>/)
    try (Stream<Path> s = Stream.concat(Files.walk(ROOT.resolve("test-data/verify")),
        Files.walk(ROOT.resolve("test-data/reproduce")))) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(20);
    for (Path f : files) {
      JsonSchemas.assertValid(kindOf(f), f);
      assertSnakeCase(Files.readString(f));
    }
  }

  /** The validator bites: a renamed key or a number in prose is an error. */
  @Test
  void schemasRejectWrongDocuments() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode doc = (ObjectNode) json.readTree(ROOT.resolve("test-data/verify/uv-projected.json")
        .toFile());
    ObjectNode counts = (ObjectNode) doc.get("counts");
    counts.set("chainSteps", counts.remove("chain_steps"));
    assertThat(JsonSchemas.errors("verification", doc)).isNotEmpty();
    ObjectNode other = (ObjectNode) json.readTree(ROOT.resolve("test-data/verify/uv-projected.json")
        .toFile());
    ((ObjectNode) other.get("settings")).put("temperature", "0.1");
    assertThat(JsonSchemas.errors("verification", other)).isNotEmpty();
  }

  @Test
  void everySchemaIsAValidDraft202012Schema() throws IOException {
    try (Stream<Path> s = Files.list(JsonSchemas.DIR)) {
      List<String> kinds = s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".schema.json")).map(n -> n.replace(".schema.json", ""))
          .sorted().toList();
      assertThat(kinds).containsExactly("derivation", "experiment", "matrix-variants",
          "reproduction", "sgd", "symmetries", "verification");
      kinds.forEach(JsonSchemas::schema);
    }
  }

  static String kindOf(Path report) {
    String n = report.getFileName().toString();
    if (report.getParent().getFileName().toString().equals("reproduce")) {
      return n.equals("reproduce-all.json") ? "reproduction" : "experiment";
    }
    if (n.contains("variants")) {
      return "matrix-variants";
    }
    return n.contains("sgd") ? "sgd" : "verification";
  }

  /**
   * No camelCase property name anywhere (keys are snake_case in every JSON the tool writes);
   * the keys of {@code notation} are the design's symbols, not property names.
   */
  static void assertSnakeCase(String json) throws IOException {
    assertSnakeCase(new ObjectMapper().readTree(json), "");
  }

  private static void assertSnakeCase(com.fasterxml.jackson.databind.JsonNode n, String at) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        assertThat(e.getKey()).as("key at %s", at).doesNotMatch("[a-z][a-z0-9]*[A-Z].*");
        if (!e.getKey().equals("notation")) {
          assertSnakeCase(e.getValue(), at + "/" + e.getKey());
        }
      });
    } else if (n.isArray()) {
      n.forEach(x -> assertSnakeCase(x, at + "[]"));
    }
  }
}
