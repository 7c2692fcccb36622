/**
 * Renderers of a {@link org.gaugebias.symbolic.trace.Derivation}: one printer per output format
 * ({@link org.gaugebias.symbolic.print.TextDerivationPrinter},
 * {@link org.gaugebias.symbolic.print.LatexDerivationPrinter},
 * {@link org.gaugebias.symbolic.print.JsonDerivationPrinter}), all behind
 * {@link org.gaugebias.symbolic.print.DerivationPrinter} and chosen by name through
 * {@link org.gaugebias.symbolic.print.Format}. The trace is data; nothing here computes.
 * Printers are immutable, validate their options when built, and are deterministic: the same
 * derivation always prints the same bytes.
 */
package org.gaugebias.symbolic.print;
