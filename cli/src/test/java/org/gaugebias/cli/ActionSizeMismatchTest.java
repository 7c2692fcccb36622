package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gaugebias.symbolic.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A declared group action whose element does not fit the parameter it multiplies (O(2) on a
 * 3×3 matrix) is an invalid design: one line at the image's line:col naming both sizes, with
 * the documented exit code, instead of the CAS's "cannot differentiate Derivative[…][Dot]".
 */
class ActionSizeMismatchTest {
  @Test
  void aGroupOfTheWrongSizeIsNamedAtTheImageWithBothSizes(@TempDir Path tmp) throws Exception {
    Path design = tmp.resolve("o2-on-3x3.yaml");
    Files.writeString(design, """
        id: o2-on-3x3
        title: O(2) acting on a 3 x 3 parameter
        parameters:
          U: matrix 3 x 3
        predictor:
          W: U.Transpose[U]
        symmetry:
          actions:
            - name: rot
              group: O 2
              element: R
              acts:
                U: U.R
        """);
    CliTest.Result r = CliTest.run("derive", design.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(FailureKind.INVALID_DESIGN.exitCode())
        .isEqualTo(16);
    assertThat(r.err().strip()).startsWith(design + ":13:12: error: action 'rot'")
        .contains("O 2 has 2 × 2 elements 'R'", "'U' is a matrix 3 x 3",
            "no side of size 2", "(O 3)")
        .doesNotContain("Derivative", "\tat ");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
  }
}
