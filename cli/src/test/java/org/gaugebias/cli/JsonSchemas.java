package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates documents against the JSON Schemas in {@code docs/schemas/} (draft 2020-12, with
 * the networknt validator): one schema per kind of JSON the tool writes.
 */
final class JsonSchemas {
  static final Path DIR = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private JsonSchemas() {
  }

  /** The schema of {@code kind} ({@code docs/schemas/KIND.schema.json}). */
  static Schema schema(String kind) {
    return CACHE.computeIfAbsent(kind, k -> {
      try {
        return REGISTRY.getSchema(Files.readString(DIR.resolve(k + ".schema.json")),
            InputFormat.JSON);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The validation errors of {@code doc} against the schema of {@code kind}. */
  static List<String> errors(String kind, JsonNode doc) {
    return schema(kind).validate(doc).stream().map(Error::toString).toList();
  }

  /** Asserts that the JSON text {@code json} is a valid document of {@code kind}. */
  static void assertValid(String kind, String json) {
    try {
      JsonNode doc = JSON.readTree(json);
      assertThat(errors(kind, doc)).as("%s document against docs/schemas/%s.schema.json",
          kind, kind).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that the file {@code file} is a valid document of {@code kind}. */
  static void assertValid(String kind, Path file) {
    try {
      assertValid(kind, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
