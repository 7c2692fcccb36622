package org.gaugebias.symbolic.inverse;

import java.util.List;
import java.util.Optional;
import org.gaugebias.symbolic.trace.Step;

/**
 * What a family proposes: a design (typed; written out as YAML only for the user), the domain on
 * which it realises the target, the steps that led there, the tables the design references
 * ({@code tables:}) if φ is tabulated, and for the outer-map family the scalar block the design
 * repeats per coordinate (its proof goes block by block and branch by branch).
 */
record Candidate(Family family, DesignSpec design, String domain, List<Step> steps,
    Optional<Tabulation> tabulation, Optional<OuterBlock> outer) {
  Candidate {
    steps = List.copyOf(steps);
  }

  Candidate(Family family, DesignSpec design, String domain, List<Step> steps) {
    this(family, design, domain, steps, Optional.empty(), Optional.empty());
  }

  /** A tabulated function of the design: its name, its file as written, and the table. */
  record Tabulation(String name, String file, TabulatedOuterMap.Result result) { }
}
