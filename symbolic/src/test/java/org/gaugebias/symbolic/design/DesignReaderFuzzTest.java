package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations and truncations of the valid fixtures: whatever the text, the reader
 * returns a design or throws a {@link DesignException} with positioned, non-internal errors, and
 * it does not hang. The seed is fixed so that a failure reproduces; the failing case's number
 * and text are in the message.
 */
class DesignReaderFuzzTest {
  private static final long SEED = 20260129L;
  private static final int CASES = 2000;

  /** Fragments that stress YAML, the Wolfram parser and the reader's checks. */
  private static final List<String> NASTY = List.of(":", ": ", "- ", "[", "]", "{", "}", "\"",
      "'", "#", "|", ">", "&a ", "*a", "!!int ", "!!map ", "%", "@", "`", "\n", "\t", " ", "$",
      "_", "=", "==", ";", ",", ".", "..", "\\", "é", "\uD83D\uDE00", "0", "-1", "99999999999",
      "D", "Beta", "x_", "((((", "]]", "[[", "\r\n", "\n---\n", "...", "~", "null", "? ", "<<: ",
      "1/0", "#!", "&", "f'[x]", "1e-3", "u$1", "\u0000", "\uFEFF", " in ", "x", "for: ",
      "field:", "generators:", "  - ", "*^", "\"\\u00", "Null");

  @Test
  void mutatedDesignsOnlyEverFailWithDesignException() throws IOException {
    List<String> seeds = new ArrayList<>();
    try (var files = Files.list(DesignReaderTest.VALID)) {
      for (Path p : files.sorted().toList()) {
        seeds.add(Files.readString(p));
      }
    }
    assertThat(seeds).hasSizeGreaterThanOrEqualTo(5);
    SplittableRandom rnd = new SplittableRandom(SEED);
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < CASES; i++) {
        String text = seeds.get(rnd.nextInt(seeds.size()));
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds; r++) {
          text = mutate(text, rnd);
        }
        check(i, text, outcomes);
      }
    });
    // both paths are exercised: some mutants stay valid (comments, spaces), most do not
    assertThat(outcomes[0]).as("valid mutants").isPositive();
    assertThat(outcomes[1]).as("invalid mutants").isGreaterThan(CASES / 2);
  }

  private static void check(int i, String text, int[] outcomes) {
    try {
      DesignReader.read("fuzz.yaml", text);
      outcomes[0]++;
    } catch (DesignException e) {
      outcomes[1]++;
      assertThat(e.errors()).isNotEmpty();
      for (DesignError err : e.errors()) {
        if (err.kind() == DesignError.Kind.INTERNAL) {
          fail("case %d (seed %d): internal error %s on:%n%s", i, SEED, err, text);
        }
        assertThat(err.toString()).startsWith("fuzz.yaml:");
        assertThat(err.message()).isNotBlank();
      }
    } catch (Throwable t) {
      fail("case " + i + " (seed " + SEED + ") threw " + t + " on:\n" + text, t);
    }
  }

  static String mutate(String text, SplittableRandom rnd) {
    if (text.isEmpty()) {
      return NASTY.get(rnd.nextInt(NASTY.size()));
    }
    int at = rnd.nextInt(text.length() + 1);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int line = rnd.nextInt(lines.size());
    switch (rnd.nextInt(8)) {
      case 0:
        return text.substring(0, at);
      case 1: {
        int end = Math.min(text.length(), at + 1 + rnd.nextInt(10));
        return text.substring(0, at) + text.substring(end);
      }
      case 2:
        return text.substring(0, at) + NASTY.get(rnd.nextInt(NASTY.size())) + text.substring(at);
      case 3:
        lines.add(line, lines.get(line));
        return String.join("\n", lines);
      case 4:
        lines.remove(line);
        return String.join("\n", lines);
      case 5: {
        int other = rnd.nextInt(lines.size());
        String t = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, t);
        return String.join("\n", lines);
      }
      case 6: {
        // replace the word under a random position by a nasty fragment
        int s = at;
        while (s > 0 && Character.isLetterOrDigit(text.charAt(s - 1))) {
          s--;
        }
        int e = at;
        while (e < text.length() && Character.isLetterOrDigit(text.charAt(e))) {
          e++;
        }
        return text.substring(0, s) + NASTY.get(rnd.nextInt(NASTY.size())) + text.substring(e);
      }
      default: {
        String l = lines.get(line);
        lines.set(line, rnd.nextBoolean() ? "  " + l : l.replaceFirst("^ {1,2}", ""));
        return String.join("\n", lines);
      }
    }
  }
}
