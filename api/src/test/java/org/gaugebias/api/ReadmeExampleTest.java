package org.gaugebias.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is this module's {@code ReadmeExample.java}, verbatim: the test
 * checks that the README's code block and the file are the same text, and runs the example
 * (the compiler already compiled it), checking what it prints against THEORY.md §3–4.
 */
class ReadmeExampleTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MARK = "<!-- api/src/test/java/org/gaugebias/api/ReadmeExample.java -->";

  @Test
  void readmeShowsTheExampleVerbatim() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int at = readme.indexOf(MARK);
    assertThat(at).as("README marks the example with " + MARK).isPositive();
    int open = readme.indexOf("```java\n", at) + "```java\n".length();
    int close = readme.indexOf("```", open);
    String file = Files.readString(ROOT.resolve(
        "api/src/test/java/org/gaugebias/api/ReadmeExample.java"));
    assertThat(readme.substring(open, close)).isEqualTo(file);
  }

  @Test
  void theExampleRunsAndPrintsTheDerivedResults() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      ReadmeExample.main(new String[] {ROOT.resolve("designs").toString()});
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertThat(out).contains("R_quot = (T/2)*(log|beta_1| + log|beta_2| + log|beta_3|)");
    // R_quot = (T/2) log det P with log det P = 3 log 2 + Σ log|β_i| (THEORY.md §3, eval)
    double expected = 0.25 * (3 * Math.log(2) + Math.log(0.4) + Math.log(1.1) + Math.log(0.8));
    String line = out.lines().filter(l -> l.startsWith("R_quot(0.4")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .isCloseTo(expected, within(1e-12));
    // the Laplace design of THEORY.md §4: phi(q) = -4T log(1 - sqrt(q)/(2T))
    assertThat(out).contains("predictor:", "Log[").doesNotContain("Add[", "Sym[");
  }
}
