/**
 * The public Java API of gaugebias: {@link org.gaugebias.api.Gaugebias} derives the implicit
 * bias of a design, evaluates it, inverse-designs a parameterisation for a target bias and
 * verifies a derived law by simulation; a derived design is a {@link org.gaugebias.api.Model}.
 * The mathematics and its conventions are in THEORY.md (§1–3 derivation, §4 inverse design, §5
 * dynamics); the command line ({@code gaugebias derive | eval | design | verify}) does the same
 * work through the same engine.
 *
 * <p>Example (also in the README, compiled and run by the tests):
 * <pre>{@code
 * try (Gaugebias gb = Gaugebias.start()) {
 *   Model uv = gb.derive(Path.of("designs/hadamard-uv.yaml"));
 *   System.out.println(uv.bias());              // (T/2)*(log|beta_1| + log|beta_2| + log|beta_3|)
 *   PointEvaluation at = uv.evaluate(0.5, 0.4, -1.1, 0.8);
 *   System.out.println(at.rQuot());
 * }
 * }</pre>
 */
package org.gaugebias.api;
