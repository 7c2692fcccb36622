package org.gaugebias.numeric.reproduce;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.gaugebias.numeric.ensemble.ChainStreams;

/**
 * The random streams of a reproduction, split from one recorded root seed by the toolkit's one
 * rule ({@link ChainStreams}): a family is a number of long jumps of the root, replica r of a
 * family the (r+1)-th jump. Families: {@link #DATA} (truths, masks, features, measurements),
 * {@link #INIT} (initial parameters, shared by the arms of a replica, so "GD from the same
 * initialisation" is literal), {@link #FIXED_DRAW} (the fixed inputs of the GD arm of online
 * experiments) and {@link #arm(int)} (the minibatches and label noise of arm k).
 */
final class Streams {
  static final int DATA = 0;
  static final int INIT = 1;
  static final int FIXED_DRAW = 2;

  private Streams() {
  }

  /** The family of arm {@code k} (its training noise). */
  static int arm(int k) {
    return 3 + k;
  }

  static UniformRandomProvider of(long root, int family, int replica) {
    UniformRandomProvider[] s = ChainStreams.jumped(root, family, replica + 1);
    return s[replica];
  }

  static ZigguratSampler.NormalizedGaussian gaussian(UniformRandomProvider rng) {
    return ZigguratSampler.NormalizedGaussian.of(rng);
  }

  /**
   * A minibatch: partial Fisher–Yates, after which the first {@code m} entries of {@code rows}
   * are a uniform subset of them ({@code m} draws from {@code rng}).
   */
  static void shuffleFirst(int[] rows, int m, UniformRandomProvider rng) {
    for (int a = 0; a < m; a++) {
      int b = a + rng.nextInt(rows.length - a);
      int tmp = rows[a];
      rows[a] = rows[b];
      rows[b] = tmp;
    }
  }
}
