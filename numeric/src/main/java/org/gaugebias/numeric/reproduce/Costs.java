package org.gaugebias.numeric.reproduce;

/**
 * Rough floating-point work per step of each arm, only for the progress estimate (time left) and
 * for starting the longest tasks first; results never depend on it.
 */
final class Costs {
  private Costs() {
  }

  static double perStep(Experiment e, Arm arm) {
    boolean fullBatch = arm.role() == ArmRole.GD || arm.role() == ArmRole.LANGEVIN;
    switch (e.name()) {
      case "relu-balance":
        return 300.0 * (fullBatch ? ReluBalance.GD_INPUTS
            : arm.id().equals("noise-4b") ? 32 : 8);
      case "attention-balance":
        return 12_000.0 * (fullBatch ? AttentionBalance.GD_INPUTS
            : arm.id().equals("noise-4b") ? 64 : 16);
      case "matrix-completion":
        return arm.role() == ArmRole.GD ? 8_000 : arm.id().equals("noise-b/4") ? 1_500 : 4_000;
      case "spectral-sparsity":
        return arm.role() == ArmRole.NOISE ? 2_000 : 8_000;
      case "total-variation":
        return arm.role() == ArmRole.NOISE ? 7_000 : 50_000;
      default:
        return 1_000;
    }
  }
}
