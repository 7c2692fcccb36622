package org.gaugebias.symbolic.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conservation-law counts of THEORY.md §6 (Marcotte, Gribonval, Peyré 2023), computed from the
 * predictor alone: the count d − dim W_f, and the degree-2 laws, which must span exactly the
 * known ones (same span, no others). Networks with random widths come from a recorded seed.
 */
class ConservationLawsTest {
  private static final long SEED = 20260413L;

  /**
   * The laws from the symmetric part of the algebra; the two routes to that part (restricted
   * system, or the subspace of the full algebra's kernel) must give the same canonical basis.
   */
  private static ConservationLaws laws(Networks.Known k) {
    List<BigFraction[][]> sym = PolynomialSymmetries.solve(k.predictor(),
        PolynomialSymmetries.Part.SYMMETRIC).basis();
    PolynomialSymmetries.Parts parts = PolynomialSymmetries.solveAll(k.predictor());
    assertThat(parts.symmetric()).usingElementComparator(ConservationLawsTest::compare)
        .containsExactlyElementsOf(sym);
    assertThat(parts.antisymmetric()).usingElementComparator(ConservationLawsTest::compare)
        .containsExactlyElementsOf(PolynomialSymmetries.solve(k.predictor(),
            PolynomialSymmetries.Part.ANTISYMMETRIC).basis());
    return ConservationLaws.of(k.predictor(), k.outputs(), GradientLieAlgebra.Limits.DEFAULT,
        SEED, sym);
  }

  private static int compare(BigFraction[][] a, BigFraction[][] b) {
    return java.util.Arrays.deepEquals(a, b) ? 0 : 1;
  }

  /**
   * The count is as stated, the quadratic laws span exactly the known ones (linearly
   * independent forms, same span), and the count is certified.
   */
  private static void assertKnownLaws(Networks.Known k, int expectedCount) {
    assertKnownLaws(k, expectedCount, expectedCount);
  }

  /**
   * As above, when the known forms are {@code forms} linearly independent quadratic forms of
   * which only {@code expectedCount} are functionally independent (a bottleneck layer: the
   * n×n matrix W_{l+1}ᵀW_{l+1} − W_l W_lᵀ has rank below n, so its determinant vanishes).
   */
  private static void assertKnownLaws(Networks.Known k, int expectedCount, int forms) {
    ConservationLaws c = laws(k);
    assertThat(c.count()).as(k.name() + " count").isEqualTo(expectedCount);
    assertThat(c.lieAlgebra().limitReached()).as(k.name()).isEmpty();
    assertThat(c.lieAlgebra().recheckRank()).as(k.name()).isEqualTo(c.lieAlgebra().dimension());
    assertThat(c.matrices()).as(k.name() + " quadratic laws").hasSize(forms);
    List<BigFraction[][]> both = new ArrayList<>(c.matrices());
    both.addAll(k.laws());
    assertThat(Networks.rank(k.laws())).as(k.name() + " known laws independent")
        .isEqualTo(forms);
    assertThat(Networks.rank(both)).as(k.name() + " same span").isEqualTo(forms);
    assertThat(c.certified()).as(k.name() + " certified").isTrue();
  }

  @Test
  void tripleProductHasTwoLaws() {
    assertKnownLaws(Networks.product(3), 2);
  }

  @Test
  void quadrupleProductHasThreeLaws() {
    assertKnownLaws(Networks.product(4), 3);
  }

  @Test
  void matrixProduct2x2x2HasThreeLaws() {
    assertKnownLaws(Networks.linear(2, 2, 2), 3);
  }

  @Test
  void outerProduct2x3HasOneLaw() {
    // u vᵀ with u ∈ R², v ∈ R³: W = u·vᵀ is the linear net with widths 3 → 1 → 2
    assertKnownLaws(Networks.linear(3, 1, 2), 1);
  }

  static Stream<Arguments> randomLinearNetworks() {
    SplittableRandom rng = new SplittableRandom(SEED);
    List<Arguments> out = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      int depth = 2 + rng.nextInt(3);
      int[] widths = new int[depth + 1];
      for (int i = 0; i <= depth; i++) {
        widths[i] = 2 + rng.nextInt(4);
      }
      out.add(Arguments.of((Object) widths));
    }
    return out.stream();
  }

  /**
   * Entries of W_{l+1}ᵀW_{l+1} − W_l W_lᵀ, n_l(n_l+1)/2 forms per hidden layer, and no others.
   * Their functional rank (the law count) is counted independently of the Lie algebra, from
   * the gradients of the known forms; it is the naive sum wherever no hidden layer is wider
   * than both its neighbours.
   */
  @ParameterizedTest
  @MethodSource("randomLinearNetworks")
  void linearNetworksHaveTheBalanceLaws(int[] widths) {
    int forms = 0;
    boolean bottleneck = false;
    for (int l = 1; l + 1 < widths.length; l++) {
      forms += widths[l] * (widths[l] + 1) / 2;
      bottleneck |= widths[l] > widths[l - 1] && widths[l] > widths[l + 1];
    }
    Networks.Known k = Networks.linear(widths);
    int functional = ConservationLaws.independentGradients(k.laws(),
        k.predictor().dimension(), SEED);
    if (!bottleneck) {
      assertThat(functional).isEqualTo(forms);
    }
    assertKnownLaws(k, functional, forms);
  }

  static Stream<Arguments> randomReluNetworks() {
    SplittableRandom rng = new SplittableRandom(SEED + 1);
    List<Arguments> out = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      out.add(Arguments.of(2 + rng.nextInt(4), 2 + rng.nextInt(4), 1 + rng.nextInt(3)));
    }
    return out.stream();
  }

  /** One ‖w_k‖² − ‖v_k‖² per hidden neuron, and no others. */
  @ParameterizedTest
  @MethodSource("randomReluNetworks")
  void reluNetworksHaveOneLawPerNeuron(int in, int hidden, int out) {
    assertKnownLaws(Networks.relu(in, hidden, out), hidden);
  }

  /** A limit that stops the rounds is reported, and the count is then only an upper bound. */
  @Test
  void reachedLimitIsReportedAndNotCertified() {
    Networks.Known k = Networks.linear(2, 2, 2);
    List<BigFraction[][]> sym = PolynomialSymmetries.solveAll(k.predictor()).symmetric();
    ConservationLaws c = ConservationLaws.of(k.predictor(), k.outputs(),
        new GradientLieAlgebra.Limits(0, 1000, java.time.Duration.ofSeconds(10)), SEED, sym);
    assertThat(c.lieAlgebra().limitReached()).hasValueSatisfying(l -> assertThat(l)
        .contains("bracket rounds"));
    assertThat(c.lieAlgebra().dimension()).isEqualTo(4); // the gradients only: 4 < 5
    assertThat(c.count()).isEqualTo(4);
    assertThat(c.certified()).isFalse();
    ConservationLaws terms = ConservationLaws.of(k.predictor(), k.outputs(),
        new GradientLieAlgebra.Limits(12, 0, java.time.Duration.ofSeconds(10)), SEED, sym);
    assertThat(terms.lieAlgebra().limitReached()).hasValueSatisfying(l -> assertThat(l)
        .contains("terms per field"));
  }

  /** Held out: shapes the random draws above do not produce. */
  @Test
  void heldOutArchitectures() {
    assertKnownLaws(Networks.product(6), 5);
    // hidden width 4 between 2 and 1: the 4×4 balance matrix has rank ≤ 3, 10 forms, 9 laws
    assertKnownLaws(Networks.linear(6, 3, 2, 4, 1), 6 + 3 + 9, 6 + 3 + 10);
    assertKnownLaws(Networks.linear(3, 6, 2), 20, 21);
    assertKnownLaws(Networks.linear(2, 6, 6, 2), 21 + 21, 21 + 21);
    assertKnownLaws(Networks.linear(1, 1, 1, 1, 1, 1), 4);
    assertKnownLaws(Networks.relu(7, 3, 1), 3);
    assertKnownLaws(Networks.relu(1, 6, 1), 6);
  }
}
