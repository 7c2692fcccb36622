package org.gaugebias.numeric.matrix;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.Run;
import org.gaugebias.numeric.run.RunContext;
import org.gaugebias.numeric.run.RunReport;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One matrix-variant run per seed (docs/verifier.md, "Matrix designs"); the verdict holds when
 * every seed names the same variant. Stops after the seed during which it was cancelled.
 *
 * @param labels one label per finished run ("seed 11")
 * @param runs the runs, in seed order
 */
public record MatrixVariantSweep(List<String> labels, List<MatrixVariantReport> runs)
    implements RunReport {
  public MatrixVariantSweep {
    labels = List.copyOf(labels);
    runs = List.copyOf(runs);
  }

  /** The sweep as a run; {@code each} sees every seed's report as soon as it is finished. */
  public static Run<MatrixVariantSweep> run(MatrixDynamics dynamics, MatrixVariantSettings base,
      List<Long> seeds, java.util.function.Consumer<MatrixVariantReport> each) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("--seeds needs at least one seed");
    }
    return (RunContext context) -> {
      List<String> labels = new ArrayList<>();
      List<MatrixVariantReport> runs = new ArrayList<>();
      long perSeed = (long) base.chains() * base.steps();
      long total = perSeed * seeds.size();
      for (long seed : seeds) {
        long before = perSeed * runs.size(); // one bar over all seeds
        MatrixVariantReport r = MatrixVariants.run(dynamics, base.withSeed(seed),
            (done, all) -> context.progress().progress(before + done, total),
            context.cancelled());
        each.accept(r);
        runs.add(r);
        labels.add("seed " + seed);
        if (context.cancelled().getAsBoolean()) {
          break;
        }
      }
      return new MatrixVariantSweep(labels, runs);
    };
  }

  /** INCOMPLETE or UNSTABLE if any run is; PASS when all seeds agree on a variant; FAIL else. */
  @Override
  public Outcome outcome() {
    for (MatrixVariantReport r : runs) {
      if (r.outcome() == Outcome.INCOMPLETE || r.outcome() == Outcome.UNSTABLE) {
        return r.outcome();
      }
    }
    return MatrixVariantSummary.agreeOnAVariant(runs) ? Outcome.PASS : Outcome.FAIL;
  }

  @Override
  public String toText() {
    return MatrixVariantSummary.toText(labels, runs);
  }

  @Override
  public String toJson() {
    return org.gaugebias.numeric.report.ReportWriting.json(this);
  }

  @Override
  public Chart<?, ?> chart() {
    return MatrixVariantPlot.chart(labels, runs);
  }
}
