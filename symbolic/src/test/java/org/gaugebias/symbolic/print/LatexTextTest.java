package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Prose escaping: every special character and common Unicode, exact output. */
class LatexTextTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("snake_case", "snake\\_case"),
        Arguments.of("100% R&D #1", "100\\% R\\&D \\#1"),
        Arguments.of("{a} ~b ^c", "\\{a\\} \\textasciitilde{}b \\textasciicircum{}c"),
        Arguments.of("a\\b $x$", "a\\textbackslash{}b \\$x\\$"),
        Arguments.of("<a> |b|", "\\textless{}a\\textgreater{} \\textbar{}b\\textbar{}"),
        Arguments.of("β = u·v", "\\ensuremath{\\beta} = u\\ensuremath{\\cdot}v"),
        Arguments.of("βγ", "\\ensuremath{\\beta}\\ensuremath{\\gamma}"),
        Arguments.of("θ̃", "\\ensuremath{\\tilde{\\theta}}"),
        Arguments.of("½‖θ‖²", "\\ensuremath{\\frac{1}{2}}\\ensuremath{\\|}\\ensuremath{\\theta}"
            + "\\ensuremath{\\|}\\ensuremath{^{2}}"),
        Arguments.of("u₁ ≠ 0", "u\\ensuremath{_{1}} \\ensuremath{\\neq} 0"),
        Arguments.of("café naïve", "caf\\'{e} na\\\"{i}ve"),
        Arguments.of("a — b – c", "a --- b -- c"),
        Arguments.of("Σ Ω", "\\ensuremath{\\Sigma} \\ensuremath{\\Omega}"),
        Arguments.of("snow ☃", "snow [U+2603]"),
        Arguments.of("one\ntwo\n\nthree\ttab", "one two\\par\nthree tab"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void escapes(String in, String expected) {
    assertThat(LatexText.escape(in)).isEqualTo(expected);
  }
}
