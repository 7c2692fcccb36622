/**
 * Symbolic sizes (docs/design-format.md, "Symbolic sizes"): a design declaring {@code sizes: [n]}
 * is derived once for every n. {@link org.gaugebias.symbolic.size.SizeRoute} reads the design at
 * two small sizes to find its blocks (one per index), derives the generic block with index i
 * symbolic and sums its log-determinants, Σ_{i=1}^n (the first blocks apart when they differ);
 * {@link org.gaugebias.symbolic.size.IndexedSums} writes such sums out at a given n, for
 * {@code eval} and for the checks at sizes the closed form was not derived from.
 */
package org.gaugebias.symbolic.size;
