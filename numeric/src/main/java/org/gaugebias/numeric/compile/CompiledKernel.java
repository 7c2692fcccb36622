package org.gaugebias.numeric.compile;

import java.util.List;
import java.util.Objects;

/**
 * A compiled {@link StepKernel} with what it was built from.
 *
 * @param kernel the generated instance (stateless, shareable across threads)
 * @param form how the diffusion is realised
 * @param dimension d, the number of parameters
 * @param noiseDimension Gaussians per chain and step
 * @param observationNames names of the values {@link StepKernel#observe} writes, in order
 * @param source the generated Java source (for inspection and error reports)
 */
public record CompiledKernel(StepKernel kernel, DiffusionForm form, int dimension,
    int noiseDimension, List<String> observationNames, String source) {
  public CompiledKernel {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(form, "form");
    observationNames = List.copyOf(observationNames);
  }
}
