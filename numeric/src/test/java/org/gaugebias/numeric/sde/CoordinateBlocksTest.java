package org.gaugebias.numeric.sde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gaugebias.numeric.model.ReferenceModels;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;

class CoordinateBlocksTest {
  private static CoordinateBlocks of(SimulationModel m) {
    return CoordinateBlocks.of(m.parameters(), m.gradient(), m.generators());
  }

  @Test
  void hadamardProductSplitsIntoOneKindOfTwoCoordinateBlocks() {
    // parameters u1..u4, v1..v4: block i is {u_i, v_i} = state indices {i, 4 + i}
    CoordinateBlocks b = of(ReferenceModels.hadamardUv(4));
    assertThat(b.kinds()).hasSize(1);
    CoordinateBlocks.Kind k = b.kinds().get(0);
    assertThat(k.size()).isEqualTo(2);
    assertThat(k.generators()).hasSize(1);
    assertThat(k.blocks()).containsExactly(new int[] {0, 4}, new int[] {1, 5},
        new int[] {2, 6}, new int[] {3, 7});
    // the kind's formulas are the scalar u*v model's in local names
    SimulationModel uv = ReferenceModels.uv();
    CoordinateBlocks.Kind scalar = CoordinateBlocks.of(uv.parameters(), uv.gradient(),
        uv.generators()).kinds().get(0);
    assertThat(k.gradient()).isEqualTo(scalar.gradient());
    assertThat(k.generators()).isEqualTo(scalar.generators());
  }

  @Test
  void coupledModelsStayOneBlock() {
    assertThat(of(ReferenceModels.depth3()).blockCount()).isEqualTo(1);
    assertThat(of(ReferenceModels.depth3()).kinds().get(0).generators()).hasSize(2);
    assertThat(of(ReferenceModels.so2(false)).blockCount()).isEqualTo(1);
  }

  @Test
  void theGradientAloneCouplesAndDistinguishesKinds() {
    Expr a = Expr.sym("a");
    Expr b = Expr.sym("b");
    Expr c = Expr.sym("c");
    // ∇L = (a + b, a + b, c): {a, b} coupled by the loss, c alone
    CoordinateBlocks coupled = CoordinateBlocks.of(List.of("a", "b", "c"),
        List.of(Expr.add(a, b), Expr.add(a, b), c), List.of());
    assertThat(coupled.blockCount()).isEqualTo(2);
    assertThat(coupled.kinds().get(0).blocks()).containsExactly(new int[] {0, 1});
    // ∇L = (a, 2b): two blocks of different kinds; (a, b): one kind
    assertThat(CoordinateBlocks.of(List.of("a", "b"),
        List.of(a, Expr.mul(Expr.integer(2), b)), List.of()).kinds()).hasSize(2);
    assertThat(CoordinateBlocks.of(List.of("a", "b"), List.of(a, b), List.of()).kinds())
        .hasSize(1);
  }

  @Test
  void aGeneratorCouplesTheCoordinatesItTouches() {
    Expr a = Expr.sym("a");
    Expr b = Expr.sym("b");
    Expr zero = Expr.integer(0);
    // ∇L = (a, b) alone would split; the rotation field (−b, a) couples them
    CoordinateBlocks rotated = CoordinateBlocks.of(List.of("a", "b", "c"),
        List.of(a, b, Expr.sym("c")),
        List.of(List.of(Expr.mul(Expr.integer(-1), b), a, zero)));
    assertThat(rotated.blockCount()).isEqualTo(2);
    assertThat(rotated.kinds().get(0).blocks()).containsExactly(new int[] {0, 1});
    assertThat(rotated.kinds().get(0).generators()).hasSize(1);
    assertThat(rotated.kinds().get(1).generators()).isEmpty();
  }
}
