package org.gaugebias.symbolic.inverse;

import java.util.List;
import org.gaugebias.symbolic.trace.Step;

/**
 * What a family proposes: a design file (text, as a researcher would write it), the domain on
 * which it realises the target, the steps that led there, and the tables the design file
 * references ({@code tables:}), if φ is tabulated.
 */
record Candidate(Family family, String designYaml, String domain, List<Step> steps,
    java.util.Optional<Tabulation> tabulation) {
  Candidate {
    steps = List.copyOf(steps);
  }

  Candidate(Family family, String designYaml, String domain, List<Step> steps) {
    this(family, designYaml, domain, steps, java.util.Optional.empty());
  }

  /** A tabulated function of the design: its name, its file as written, and the table. */
  record Tabulation(String name, String file, TabulatedOuterMap.Result result) { }
}
