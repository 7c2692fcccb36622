package org.gaugebias.cli;

import java.util.Locale;
import org.gaugebias.symbolic.trace.Variant;

/** Command-line names of the bias variants. */
final class Variants {
  private Variants() {
  }

  static Variant parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "quotient":
      case "quot":
        return Variant.QUOTIENT;
      case "orbit":
        return Variant.ORBIT;
      case "gauge":
        return Variant.GAUGE;
      default:
        throw new UserInputException("unknown variant '" + name
            + "' (expected quotient, orbit or gauge)");
    }
  }
}
