package org.gaugebias.numeric.model;

import java.nio.file.Path;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.DynamicsDeriver;

/** The engine's path from a design file to {@link Dynamics}, for the numeric tests. */
public final class EngineModels {
  /** The repository root (tests run in the module directory). */
  public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static SymjaSession session;

  private EngineModels() {
  }

  public static synchronized SymjaSession session() {
    if (session == null) {
      session = SymjaSession.start();
    }
    return session;
  }

  public static Dynamics dynamics(Design design) {
    Parameterization p = new DesignCompiler(session()).compile(design);
    return new DynamicsDeriver(session()).derive(design, p,
        new ForwardDeriver(session()).derive(p));
  }

  public static Dynamics dynamics(String relativePath) {
    return dynamics(DesignReader.read(ROOT.resolve(relativePath)));
  }
}
