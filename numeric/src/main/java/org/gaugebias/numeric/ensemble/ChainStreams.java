package org.gaugebias.numeric.ensemble;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The random streams of an ensemble, all split from one recorded root seed.
 *
 * <p>Why one class: the runners promise that a run is reproducible from its seed alone and that
 * chains never share random numbers. Both follow from one splitting rule, kept here: the root is
 * a XoRoShiRo128++ generator seeded with the seed; a family of streams is selected by a number
 * of {@code longJump()}s of the root (2⁹⁶ each: family 0 the chains, further families e.g. SGD
 * probes or a training set), and chain i of a family gets the state after i + 1 {@code jump()}s
 * (2⁶⁴ each) of that root, so no two streams overlap. The SDE runner uses the same streams per
 * block of 256 chains instead of per chain (stream b for block b). Changing the order here would change every
 * recorded result.
 */
public final class ChainStreams {
  private ChainStreams() {
  }

  /** The root generator of {@code seed} after {@code longJumps} long jumps. */
  public static LongJumpableUniformRandomProvider root(long seed, int longJumps) {
    LongJumpableUniformRandomProvider root =
        (LongJumpableUniformRandomProvider) RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int i = 0; i < longJumps; i++) {
      root.longJump();
    }
    return root;
  }

  /** One stream per chain: chain i gets the copy returned by the (i+1)-th jump of the root. */
  public static UniformRandomProvider[] jumped(long seed, int longJumps, int chains) {
    JumpableUniformRandomProvider root = root(seed, longJumps);
    UniformRandomProvider[] out = new UniformRandomProvider[chains];
    for (int i = 0; i < chains; i++) {
      out[i] = root.jump();
    }
    return out;
  }

  /** Per-chain ziggurat Gaussian samplers on the chains' streams (family 0). */
  public static ZigguratSampler.NormalizedGaussian[] gaussians(long seed, int chains) {
    UniformRandomProvider[] streams = jumped(seed, 0, chains);
    ZigguratSampler.NormalizedGaussian[] out = new ZigguratSampler.NormalizedGaussian[chains];
    for (int i = 0; i < chains; i++) {
      out[i] = ZigguratSampler.NormalizedGaussian.of(streams[i]);
    }
    return out;
  }
}
