package org.gaugebias.numeric.reproduce;

/**
 * A number the paper reports, and where our value of it comes from.
 *
 * @param quantity what it is ("min ratio", "test MSE (designed)")
 * @param arm the arm whose seeds give our value
 * @param metric the metric of that arm
 * @param value the published value
 */
public record Published(String quantity, String arm, String metric, double value) {
}
