package org.gaugebias.numeric.reproduce;

/**
 * A named curve for the plots: {@code y} over {@code x}.
 */
public record Series(String name, double[] x, double[] y) {
  public Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs "
          + y.length);
    }
    x = x.clone();
    y = y.clone();
  }
}
