package org.gaugebias.numeric.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gaugebias.numeric.model.EngineModels;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.numeric.run.RunContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full reproduction (issue 10): all five experiments at the published step counts, 5 seeds
 * from the default root seed, reports written to {@code test-data/reproduce/} (the same files
 * as {@code gaugebias reproduce all --seeds 5 --out test-data/reproduce}). About 45–60 minutes on
 * the shared 2-core machine. Run with {@code -Pstatistical}.
 */
@Tag("statistical")
class ReproductionStatisticalTest {
  private static final Path OUT = EngineModels.ROOT.resolve("test-data/reproduce");

  @Test
  void allFiveExperimentsFiveSeeds() {
    ReproductionReport r = Reproduction.run(new Reproduction.Settings(Experiment.all(), 5, 1.0,
        Reproduction.DEFAULT_SEED, Runtime.getRuntime().availableProcessors()),
        e -> e.writeTo(OUT)).execute(RunContext.QUIET);
    ReportFiles.write(OUT, "reproduce-all", r);
    assertThat(r.complete()).isTrue();
    for (ReproductionReport.Row row : r.rows()) {
      assertThat(row.seeds()).as(row.experiment() + " " + row.quantity()).isEqualTo(5);
    }
  }
}
