package org.gaugebias.numeric.reproduce;

/**
 * What an arm is for in the attribution rule (issue 10): the published setting, gradient descent
 * from the same initialisation, the published optimiser from a ×10 initialisation, a noise arm
 * (another batch size at the same learning rate), projected-noise Langevin, or a baseline.
 */
public enum ArmRole {
  /** The published setting (for SGD experiments also the noise arm with batch B). */
  PUBLISHED,
  /** Full-batch gradient descent from the published initialisation. */
  GD,
  /** The published optimiser with every initial standard deviation × 10. */
  LARGE_INIT,
  /** Minibatch noise at the same learning rate (batch 4B, or batch 8 for full-batch runs). */
  NOISE,
  /** Projected-noise Langevin at T = lr/(2B). */
  LANGEVIN,
  /** A baseline the paper compares with (plain parameterisation, explicit regulariser). */
  BASELINE
}
