package org.gaugebias.numeric.reproduce;

/**
 * A published number against our seeds. MATCH (issue 10): the published value lies within our
 * mean ± 2 s.d.; it needs at least two complete seeds (the issue asks for five).
 *
 * @param quantity what is compared
 * @param arm the arm our value comes from
 * @param published the published value
 * @param ours our seed statistics
 * @param gap published − mean
 * @param gapInSd gap / s.d.
 * @param match "yes", "no", or "n/a" (fewer than two complete seeds)
 * @param evidence for a "no": where the published value sits and which arm, if any, is closer
 */
public record Comparison(String quantity, String arm, double published, Stat ours, double gap,
    double gapInSd, String match, String evidence) {
}
