package org.gaugebias.symbolic.inverse;

import java.util.List;
import org.gaugebias.symbolic.trace.Step;

/**
 * What a family proposes: a design (typed; written out as YAML only for the user), the domain on
 * which it realises the target, the steps that led there, and the tables the design
 * references ({@code tables:}), if φ is tabulated.
 */
record Candidate(Family family, DesignSpec design, String domain, List<Step> steps,
    java.util.Optional<Tabulation> tabulation) {
  Candidate {
    steps = List.copyOf(steps);
  }

  Candidate(Family family, DesignSpec design, String domain, List<Step> steps) {
    this(family, design, domain, steps, java.util.Optional.empty());
  }

  /** A tabulated function of the design: its name, its file as written, and the table. */
  record Tabulation(String name, String file, TabulatedOuterMap.Result result) { }
}
