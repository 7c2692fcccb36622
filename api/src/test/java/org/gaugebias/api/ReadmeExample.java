package org.gaugebias.api;

import java.nio.file.Path;
import org.gaugebias.symbolic.inverse.InverseDesign;
import org.gaugebias.symbolic.print.Format;
import org.gaugebias.symbolic.trace.PointEvaluation;

public class ReadmeExample {
  public static void main(String[] args) {
    Path designs = Path.of(args.length > 0 ? args[0] : "designs");
    try (Gaugebias gb = Gaugebias.start()) {
      // forward: the bias that SGD noise adds for beta = u * v (n = 3)
      Model uv = gb.derive(designs.resolve("hadamard-uv.yaml"));
      System.out.println("R_quot = " + uv.bias());
      System.out.println("p(beta) ~ " + uv.stationaryDensity().orElseThrow());
      PointEvaluation at = uv.evaluate(0.5, 0.4, -1.1, 0.8);   // T, then beta
      System.out.println("R_quot(0.4, -1.1, 0.8) at T = 0.5: " + at.rQuot());
      String json = uv.print(Format.JSON);                     // also TEXT, LATEX
      String python = uv.toPython();                           // NumPy / PyTorch functions

      // inverse: a parameterisation whose bias is a Laplace prior |beta|/4
      InverseDesign laplace = gb.inverseDesign("Abs[beta]/4", "beta", 1);
      System.out.println(laplace.designYaml());
      System.out.println("proof: spread " + laplace.numericSpread() + ", " + json.length()
          + " + " + python.length() + " characters exported");
    }
  }
}
