/**
 * Design files: the YAML format in which a user declares a parameterisation (parameters,
 * predictor, optional symmetry, gauge, loss), its immutable model ({@link
 * org.gaugebias.symbolic.design.Design}) and the reader that checks it and reports every problem
 * with a {@code file:line:col} position ({@link org.gaugebias.symbolic.design.DesignReader}).
 * Reading never starts the CAS; expressions are parsed, not evaluated. The format is documented
 * in docs/design-format.md.
 */
package org.gaugebias.symbolic.design;
