package org.gaugebias.numeric.sde;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gaugebias.numeric.compile.CompiledKernel;
import org.gaugebias.numeric.compile.DiffusionForm;
import org.gaugebias.numeric.compile.ExprCompiler;
import org.gaugebias.numeric.compile.FusedKernelGenerator;
import org.gaugebias.numeric.compile.StateObserver;
import org.gaugebias.symbolic.expr.Expr;

/**
 * The Euler–Maruyama step of a model as one fused kernel per kind of independent coordinate
 * block ({@link CoordinateBlocks}), plus an observer of the whole state. β = u⊙v with n = 64 is
 * 64 blocks of one kind, each the scalar u·v step with one Gaussian along its closed-form orbit
 * normal (instead of one 128-coordinate projector on 128 Gaussians); a coupled model is a single
 * block, simulated exactly as by the unblocked kernel.
 *
 * @param dimension d, the number of coordinates
 * @param parts one entry per block: its coordinates and the (shared) kernel of its kind
 * @param observer the observation formulas of the whole state
 * @param observationNames names of the observed values, in order
 * @param description how the diffusion is realised, for reports ("ORBIT_NORMAL", or
 *     "ORBIT_NORMAL in 64 independent blocks of 2 coordinates (1 kernel)")
 */
public record BlockedKernel(int dimension, List<Part> parts, StateObserver observer,
    List<String> observationNames, String description) {

  /**
   * One block: the state rows it advances and the kernel that advances them.
   *
   * @param coordinates state indices of the block, ascending
   * @param kernel the fused kernel of the block's kind, in local coordinates
   */
  public record Part(int[] coordinates, CompiledKernel kernel) {
    public Part {
      coordinates = coordinates.clone();
      Objects.requireNonNull(kernel, "kernel");
    }

    /** Gaussians per chain and step. */
    public int noiseDimension() {
      return kernel.noiseDimension();
    }
  }

  public BlockedKernel {
    parts = List.copyOf(parts);
    Objects.requireNonNull(observer, "observer");
    observationNames = List.copyOf(observationNames);
  }

  /** Gaussians per chain and step, over all blocks. */
  public int noiseDimension() {
    return parts.stream().mapToInt(Part::noiseDimension).sum();
  }

  /** An unblocked kernel as a single block (its own observer). */
  public static BlockedKernel single(CompiledKernel k) {
    int[] all = new int[k.dimension()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return new BlockedKernel(k.dimension(), List.of(new Part(all, k)), k.kernel()::observe,
        k.observationNames(), k.form().name());
  }

  /**
   * Splits the model into independent blocks and compiles one kernel per block kind.
   *
   * @param parameters θ symbols in state order
   * @param gradient ∂L/∂θ_i per parameter
   * @param generators generator fields (used by projected noise)
   * @param observationNames names of the observed quantities
   * @param observations formulas of θ
   * @param constants other symbols folded in as literals (e.g. T)
   * @param noise the noise model; each block gets {@link NoiseModel#form} of its own size
   */
  public static BlockedKernel compile(List<String> parameters, List<Expr> gradient,
      List<List<Expr>> generators, List<String> observationNames, List<Expr> observations,
      Map<String, Double> constants, NoiseModel noise) {
    CoordinateBlocks blocks = CoordinateBlocks.of(parameters, gradient, generators);
    List<Part> parts = new ArrayList<>();
    List<String> forms = new ArrayList<>();
    for (CoordinateBlocks.Kind kind : blocks.kinds()) {
      int d = kind.size();
      int k = kind.generators().size();
      // a block whose fields are dependent (k ≥ d) keeps the regularised projector
      DiffusionForm form = noise == NoiseModel.PROJECTED && k >= d
          ? DiffusionForm.ORBIT_PROJECTOR : noise.form(d, k);
      CompiledKernel compiled = FusedKernelGenerator.compile(kind.localNames(),
          kind.gradient(), kind.generators(), List.of(), List.of(), constants, form);
      for (int[] coords : kind.blocks()) {
        parts.add(new Part(coords, compiled));
      }
      if (!forms.contains(form.name())) {
        forms.add(form.name());
      }
    }
    StateObserver observer = ExprCompiler.observer(observations, parameters, constants);
    String forms1 = String.join(" + ", forms);
    String description = parts.size() == 1 ? forms1 : String.format(Locale.ROOT,
        "%s in %d independent blocks of %s coordinates (%d kernel%s)", forms1, parts.size(),
        sizes(blocks), blocks.kinds().size(), blocks.kinds().size() == 1 ? "" : "s");
    return new BlockedKernel(parameters.size(), parts, observer, observationNames, description);
  }

  private static String sizes(CoordinateBlocks blocks) {
    List<String> out = new ArrayList<>();
    for (CoordinateBlocks.Kind k : blocks.kinds()) {
      String s = Integer.toString(k.size());
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return String.join(", ", out);
  }
}
