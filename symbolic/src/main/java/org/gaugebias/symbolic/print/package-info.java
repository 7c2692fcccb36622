/**
 * Renderers of a {@link org.gaugebias.symbolic.trace.Derivation}: one printer per output format
 * ({@link org.gaugebias.symbolic.print.TextDerivationPrinter},
 * {@link org.gaugebias.symbolic.print.LatexDerivationPrinter},
 * {@link org.gaugebias.symbolic.print.JsonDerivationPrinter}), all behind
 * {@link org.gaugebias.symbolic.print.DerivationPrinter} and chosen by name through
 * {@link org.gaugebias.symbolic.print.Format}. The trace is data; nothing here computes.
 * Printers are immutable, validate their options when built, and are deterministic: the same
 * derivation always prints the same bytes.
 *
 * <p>What people read shares three helpers: {@link org.gaugebias.symbolic.print.DisplayForm}
 * (formulas rewritten for display: constants collected, sums and products folded over an
 * index, the density in product form), {@link org.gaugebias.symbolic.print.Sentence} (prose with
 * its formulas kept apart, so LaTeX sets them in math mode and text in Unicode) and
 * {@link org.gaugebias.symbolic.print.CatalogueDocument} (one document for a catalogue). JSON
 * keeps the engine's forms.
 */
package org.gaugebias.symbolic.print;
