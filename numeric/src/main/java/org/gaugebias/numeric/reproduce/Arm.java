package org.gaugebias.numeric.reproduce;

/**
 * One arm of an experiment.
 *
 * @param id short name used in reports and file names ("published", "gd", "large-init", …)
 * @param role its part in the attribution rule
 * @param description the optimiser, initialisation and data in words
 * @param alsoNoise whether this arm also counts as a noise arm (the published SGD arm is the
 *     noise arm with batch B)
 */
public record Arm(String id, ArmRole role, String description, boolean alsoNoise) {
  public Arm {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("arm id must not be blank");
    }
  }

  /** Whether the attribution rule counts this arm among the noise arms. */
  public boolean isNoise() {
    return role == ArmRole.NOISE || alsoNoise;
  }
}
