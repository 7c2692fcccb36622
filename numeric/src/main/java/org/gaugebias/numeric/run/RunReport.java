package org.gaugebias.numeric.run;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What every run hands back: a typed outcome and three renderings (text, JSON, a chart). One
 * writer ({@link ReportFiles}) turns any of them into {@code stem.txt}, {@code stem.json} and
 * {@code stem.png}.
 */
public interface RunReport {
  /** The typed outcome. */
  Outcome outcome();

  /** Human-readable rendering. */
  String toText();

  /** Machine-readable rendering (indented JSON). */
  String toJson();

  /** The picture of the run. */
  Chart<?, ?> chart();
}
