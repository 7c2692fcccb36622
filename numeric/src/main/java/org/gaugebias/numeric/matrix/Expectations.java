package org.gaugebias.numeric.matrix;

import java.util.List;

/**
 * Estimated expectations of the functions of {@link SingularValues} with their covariance
 * matrix (of the estimates, not of the functions). Immutable.
 *
 * @param names function names
 * @param mean estimated expectations
 * @param covariance covariance of the estimates (standard errors on the diagonal, squared)
 * @param samples samples that entered (inside the comparison region)
 * @param effectiveSamples Kish effective sample size (importance sampling) or the number of
 *     independent chains (simulation)
 */
public record Expectations(List<String> names, double[] mean, double[][] covariance,
    long samples, double effectiveSamples) {
  public Expectations {
    names = List.copyOf(names);
    mean = mean.clone();
    double[][] c = new double[covariance.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = covariance[i].clone();
    }
    covariance = c;
    if (mean.length != names.size() || covariance.length != names.size()) {
      throw new IllegalArgumentException("sizes of names, mean and covariance differ");
    }
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[][] covariance() {
    double[][] c = new double[covariance.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = covariance[i].clone();
    }
    return c;
  }

  public double mean(int k) {
    return mean[k];
  }

  public double standardError(int k) {
    return Math.sqrt(covariance[k][k]);
  }

  public double covariance(int i, int j) {
    return covariance[i][j];
  }
}
