package org.gaugebias.numeric.run;

/**
 * One arm with its settings, ready to run: a seeded, cancellable computation with a typed result.
 * Every runner of the toolkit is one of these (verification, matrix variants, minibatch SGD, the
 * reproduced experiments), so commands only parse options, build a run and hand it to
 * {@link RunControl}.
 *
 * @param <R> the report type
 */
@FunctionalInterface
public interface Run<R extends RunReport> {
  /** Runs to the end or until {@code context.cancelled()}; never returns null. */
  R execute(RunContext context);
}
