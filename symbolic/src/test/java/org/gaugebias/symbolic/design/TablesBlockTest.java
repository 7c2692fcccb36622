package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code tables:} block: names usable as function heads, the usual name checks. */
class TablesBlockTest {
  private static final String BODY = """
      parameters:
        u: scalar
        v: scalar
      predictor:
        beta: phi[u*v]
      """;

  @Test
  void aTableNameIsAFunctionOfThePredictor() {
    Design d = DesignReader.read("designs/x.yaml", "id: x\ntitle: t\ntables:\n  phi: x-phi.csv\n"
        + BODY);
    assertThat(d.tables()).containsExactly(new TableDecl("phi", "x-phi.csv",
        new SourcePos("designs/x.yaml", 4, 3), new SourcePos("designs/x.yaml", 4, 8)));
  }

  @Test
  void withoutTheTableTheFunctionIsUnknown() {
    assertThatThrownBy(() -> DesignReader.read("x.yaml", "id: x\ntitle: t\n" + BODY))
        .isInstanceOfSatisfying(DesignException.class, e -> assertThat(e.errors())
            .extracting(DesignError::kind).containsExactly(DesignError.Kind.UNDECLARED_SYMBOL));
  }

  @Test
  void aTableNameIsNotASymbolAndMustNotClash() {
    assertThatThrownBy(() -> DesignReader.read("x.yaml", "id: x\ntitle: t\ntables:\n"
        + "  u: x.csv\n" + BODY))
        .isInstanceOfSatisfying(DesignException.class, e -> assertThat(e.errors())
            .extracting(DesignError::kind).contains(DesignError.Kind.NAME_CLASH));
    assertThatThrownBy(() -> DesignReader.read("x.yaml", "id: x\ntitle: t\ntables:\n"
        + "  phi: x.csv\nparameters:\n  u: scalar\npredictor:\n  beta: phi*u\n"))
        .isInstanceOfSatisfying(DesignException.class, e -> assertThat(e.errors())
            .extracting(DesignError::kind).containsExactly(
                DesignError.Kind.UNDECLARED_SYMBOL));
  }
}
