package org.gaugebias.numeric.matrix;

import java.util.HashMap;
import java.util.Map;
import org.gaugebias.numeric.model.EngineModels;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;

/** The engine's path from a matrix design of test-data/designs/ to {@link MatrixDynamics}. */
final class MatrixModels {
  private static final Map<String, MatrixDynamics> CACHE = new HashMap<>();

  private MatrixModels() {
  }

  /** W = U Vᵀ, 2×2 (test-data/designs/matrix-uv.yaml). */
  static MatrixDynamics matrixUv() {
    return load("test-data/designs/matrix-uv.yaml");
  }

  /** W = W3 W2 W1, 2×2 factors (test-data/designs/deep-linear-3.yaml). */
  static MatrixDynamics deepLinear3() {
    return load("test-data/designs/deep-linear-3.yaml");
  }

  static synchronized MatrixDynamics load(String path) {
    return CACHE.computeIfAbsent(path, k -> {
      Design design = DesignReader.read(EngineModels.ROOT.resolve(k));
      Parameterization p = new DesignCompiler(EngineModels.session()).compile(design);
      ForwardDeriver.SymmetryAnalysis sym = new ForwardDeriver(EngineModels.session())
          .symmetry(p);
      return ProductDynamics.derive(EngineModels.session(), p, sym);
    });
  }
}
