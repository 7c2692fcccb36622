package org.gaugebias.numeric.ensemble;

/**
 * The divergence rule every chain ensemble applies: a live chain with a coordinate beyond the
 * limit in absolute value (or not finite) is stopped and zeroed, so one runaway chain never
 * poisons the statistics or the arithmetic of the others. State is column-major per chain:
 * {@code x[j][c]} is coordinate j of chain c.
 */
public final class Divergence {
  private Divergence() {
  }

  /**
   * Stops the live chains among the first {@code chains} with a coordinate outside
   * [−limit, limit]: marks them dead and zeroes their state.
   *
   * @return how many chains this call stopped
   */
  public static int stopDiverged(double[][] x, boolean[] dead, int chains, double limit) {
    int stopped = 0;
    for (int c = 0; c < chains; c++) {
      if (dead[c]) {
        continue;
      }
      boolean ok = true;
      for (double[] coordinate : x) {
        ok &= Math.abs(coordinate[c]) <= limit;
      }
      if (!ok) {
        dead[c] = true;
        stopped++;
        for (double[] coordinate : x) {
          coordinate[c] = 0.0;
        }
      }
    }
    return stopped;
  }
}
