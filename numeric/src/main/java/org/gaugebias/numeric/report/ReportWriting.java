package org.gaugebias.numeric.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * What the run reports (verification, matrix variants, minibatch SGD) have in common: one JSON
 * mapper, locale-independent
 * number formatting and the lines every text rendering shares (files: {@code run.ReportFiles}).
 *
 * <p>Why shared: the reports are checked in (test-data/verify) and compared across runs and
 * machines, so their number formats, JSON layout and file names must not differ between report
 * kinds or depend on the default locale. Keeping them here makes a change to any of them apply
 * to all reports at once.
 */
public final class ReportWriting {
  /** snake_case keys, as every JSON document the tool writes (schemas: docs/schemas/). */
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriting() {
  }

  /**
   * Indented JSON of a report record (Jackson; record components as snake_case keys; NaN
   * written as the string "NaN").
   */
  public static String json(Object report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link String#format} in the root locale (a decimal point everywhere). */
  public static String f(String fmt, Object... args) {
    return String.format(Locale.ROOT, fmt, args);
  }

  /** Six significant digits without trailing zeros (a setting as the user would write it). */
  public static String g(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
  }

  /** {@code s} cut to {@code n} characters, the last one an ellipsis when cut. */
  public static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  /**
   * The {@code chains} line: chains, diverged chains, chain-steps, wall time (with
   * {@code secondsDecimals} decimals), throughput, and whether the run was cancelled.
   */
  public static String chainsLine(int chains, int diverged, long chainSteps, double seconds,
      int secondsDecimals, double chainStepsPerSecond, boolean complete) {
    return f("  chains     %d, diverged %d; %.4g chain-steps in %." + secondsDecimals
        + "f s (%.3g /s)%s%n", chains, diverged, (double) chainSteps, seconds,
        chainStepsPerSecond, complete ? "" : " INCOMPLETE (cancelled)");
  }

  /** One {@code note} line per note. */
  public static void appendNotes(StringBuilder s, List<String> notes) {
    for (String n : notes) {
      s.append("  note       ").append(n).append('\n');
    }
  }
}
