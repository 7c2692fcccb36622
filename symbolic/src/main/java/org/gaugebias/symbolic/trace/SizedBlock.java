package org.gaugebias.symbolic.trace;

import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * What a derivation for every n (the symbolic-size route) knows about one index block, as typed
 * data for the exports (THEORY.md §2–3): the generic block i, its coordinates named with the
 * index ({@code u$i}, {@code W$i$2}), the block's predictor ω_i(θ_i), how ω is read off the
 * predictor (ω_i = β_i, or a banded row of A⁻¹ with the first blocks apart) and the block's own
 * structure (gauge χ_i and representative θ̃_i(ω_i)). The results of the derivation are the
 * block's log-determinants summed over i; this record is what rebuilds f, χ and θ̃ at any n.
 *
 * @param size the size symbol ({@code n})
 * @param index the summation index ({@code i})
 * @param parameters the design's parameters, each with its block coordinates
 * @param predictor the design's predictor, with its block outputs ({@code beta$i}, or
 *     {@code beta$i$1 …} for several outputs per index)
 * @param blockPredictor ω_i(θ_i), one expression per block output
 * @param omega ω_i as a linear form in the predictor's indexed components ({@code beta$i},
 *     {@code w$i - w$i-1}), one per block output, for i after the first blocks
 * @param firstOmega ω_k of the first blocks that differ (k = 1, …), in the predictor's
 *     components ({@code w$1}); empty when every block has the generic form
 * @param block the generic block's structure: its gauge χ_i and representative θ̃_i in the
 *     block predictor's symbols
 */
public record SizedBlock(String size, String index, List<Indexed> parameters, Indexed predictor,
    List<Expr> blockPredictor, List<Expr> omega, List<List<Expr>> firstOmega,
    Structure block) {

  /**
   * A design quantity with n rows: a vector (one block coordinate per index) or a matrix
   * n × cols (one per column).
   *
   * @param name as declared ({@code W})
   * @param matrix whether it is a matrix n × cols (else a vector n)
   * @param cols its columns (1 for a vector)
   * @param blockSymbols the generic block's coordinates, one per column ({@code W$i$1 …})
   */
  public record Indexed(String name, boolean matrix, int cols, List<String> blockSymbols) {
    public Indexed {
      Objects.requireNonNull(name, "name");
      blockSymbols = List.copyOf(blockSymbols);
      if (blockSymbols.size() != cols) {
        throw new IllegalArgumentException(name + ": " + cols + " columns but "
            + blockSymbols.size() + " block coordinates");
      }
    }
  }

  public SizedBlock {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(index, "index");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(predictor, "predictor");
    blockPredictor = List.copyOf(blockPredictor);
    omega = List.copyOf(omega);
    firstOmega = firstOmega.stream().map(List::copyOf).toList();
    Objects.requireNonNull(block, "block");
    if (omega.size() != blockPredictor.size()) {
      throw new IllegalArgumentException("one ω_i per block output");
    }
  }

  /** Whether ω = β (an elementwise map), not a triangular one. */
  public boolean elementwise() {
    return firstOmega.isEmpty() && omega.stream().allMatch(e -> e instanceof Expr.Sym);
  }
}
