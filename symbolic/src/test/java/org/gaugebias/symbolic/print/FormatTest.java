package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void findsFormatsByIdOrExtensionInAnyCase() {
    assertThat(Format.byName("text")).isEqualTo(Format.TEXT);
    assertThat(Format.byName("TXT")).isEqualTo(Format.TEXT);
    assertThat(Format.byName(" LaTeX ")).isEqualTo(Format.LATEX);
    assertThat(Format.byName("tex")).isEqualTo(Format.LATEX);
    assertThat(Format.byName("json")).isEqualTo(Format.JSON);
  }

  @Test
  void rejectsUnknownNamesListingTheValidOnes() {
    assertThatThrownBy(() -> Format.byName("html"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown output format 'html' (expected one of: text, latex, json)");
    assertThatThrownBy(() -> Format.byName(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildsTheMatchingPrinter() {
    for (Format f : Format.values()) {
      DerivationPrinter p = f.printer();
      assertThat(p.format()).isEqualTo(f);
      assertThat(p.print(Derivations.uv())).endsWith("\n");
    }
    assertThat(Format.TEXT.printer()).isInstanceOf(TextDerivationPrinter.class);
    assertThat(Format.LATEX.printer()).isInstanceOf(LatexDerivationPrinter.class);
    assertThat(Format.JSON.printer()).isInstanceOf(JsonDerivationPrinter.class);
  }
}
