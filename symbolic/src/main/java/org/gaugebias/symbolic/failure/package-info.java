/**
 * One vocabulary for failures: {@link org.gaugebias.symbolic.failure.GaugebiasException} (kind +
 * position + message) and {@link org.gaugebias.symbolic.failure.FailureKind} (explicit exit codes).
 * The engine's own exceptions (design, derivation, CAS, inverse design) extend the root.
 */
package org.gaugebias.symbolic.failure;
