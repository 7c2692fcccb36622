package org.gaugebias.symbolic.inverse;

import java.util.List;
import org.gaugebias.symbolic.trace.Step;

/**
 * What a family proposes: a design file (text, as a researcher would write it), the domain on
 * which it realises the target, and the steps that led there.
 */
record Candidate(Family family, String designYaml, String domain, List<Step> steps) {
  Candidate {
    steps = List.copyOf(steps);
  }
}
