package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional {@code data:} block (docs/design-format.md, "Data"). */
class DataBlockTest {
  private static final String HEAD = "id: uv\ntitle: uv\nparameters:\n  u: scalar\n  v: scalar\n"
      + "predictor:\n  beta: u*v\nloss: (beta - 1)^2/2\n";

  @Test
  void readsADataBlockWithDefaults() {
    Design d = DesignReader.read("d.yaml", HEAD + "data:\n  inputs:\n    x: vector 2\n"
        + "  teacher: x[[1]]\n  per_sample_loss: (beta*x[[1]] - y)^2/2\n  batch: 4\n"
        + "  learning_rate: 1e-2\n");
    DataDecl data = d.data().orElseThrow();
    assertThat(data.inputs()).extracting(ParameterDecl::name).containsExactly("x");
    assertThat(data.inputs().get(0).shape()).isEqualTo(Shape.vector(2));
    assertThat(data.label()).isEqualTo("y");
    assertThat(data.inputMean()).isZero();
    assertThat(data.inputSd()).isEqualTo(1.0);
    assertThat(data.labelNoise()).isZero();
    assertThat(data.samples()).isZero();
    assertThat(data.temperature()).isEqualTo(0.0025);
    assertThat(DesignReader.read("d.yaml", HEAD).data()).isEmpty();
  }

  @Test
  void reportsEveryProblemOfTheBlockAtOnce() {
    DesignException e = catchThrowableOfType(DesignException.class, () -> DesignReader.read(
        "d.yaml", HEAD + "data:\n  inputs:\n    u: scalar\n  teacher: 2*z\n"
            + "  per_sample_loss: (u*x - y)^2\n  batch: 0\n  learning_rate: -1\n  bogus: 1\n"));
    List<DesignError.Kind> kinds = e.errors().stream().map(DesignError::kind).toList();
    assertThat(kinds).contains(DesignError.Kind.NAME_CLASH, DesignError.Kind.UNDECLARED_SYMBOL,
        DesignError.Kind.LOSS_NOT_OF_PREDICTOR, DesignError.Kind.WRONG_TYPE,
        DesignError.Kind.UNKNOWN_KEY);
    assertThat(e.errors()).anyMatch(x -> x.message().contains("'batch' must be a whole number"));
    assertThat(e.errors()).anyMatch(x -> x.message().contains("must not be negative"));
    DesignException missing = catchThrowableOfType(DesignException.class, () -> DesignReader.read(
        "d.yaml", HEAD + "data:\n  inputs:\n    x: scalar\n  batch: 2\n  learning_rate: 0.1\n"));
    assertThat(missing.errors()).extracting(DesignError::message).anyMatch(m -> m.contains(
        "'data' needs 'teacher:'")).anyMatch(m -> m.contains("'data' needs 'per_sample_loss:'"));
  }
}
