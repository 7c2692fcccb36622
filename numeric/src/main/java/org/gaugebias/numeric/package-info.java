/**
 * Numeric verifier of gaugebias: compiles derived formulas to Java bytecode (janino), simulates
 * the Itô SDE {@code dθ = −∇L dt + √(2T) N(θ) dW} by Euler–Maruyama over ensembles of chains, and
 * compares the stationary law of the predictor with the derived densities. Never talks to the
 * CAS: formulas arrive as {@link org.gaugebias.symbolic.expr.Expr}.
 */
package org.gaugebias.numeric;
