package org.gaugebias.numeric.matrix;

import org.gaugebias.numeric.model.EngineModels;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.dynamics.FactorDynamicsDeriver.FactorDynamics;
import org.gaugebias.symbolic.dynamics.FactorDynamicsDeriver;

/** The engine's path from test-data/designs/matrix-uv.yaml to {@link FactorDynamics}. */
final class MatrixModels {
  private static FactorDynamics matrixUv;

  private MatrixModels() {
  }

  static synchronized FactorDynamics matrixUv() {
    if (matrixUv == null) {
      Design design = DesignReader.read(EngineModels.ROOT.resolve(
          "test-data/designs/matrix-uv.yaml"));
      Parameterization p = new DesignCompiler(EngineModels.session()).compile(design);
      ForwardDeriver.SymmetryAnalysis sym = new ForwardDeriver(EngineModels.session())
          .symmetry(p);
      matrixUv = new FactorDynamicsDeriver(EngineModels.session()).derive(p, sym);
    }
    return matrixUv;
  }
}
