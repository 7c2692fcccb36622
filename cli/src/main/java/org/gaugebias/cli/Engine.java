package org.gaugebias.cli;

import java.nio.file.Path;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Variant;

/** Reads, compiles and derives designs; starts Symja once per process, on first use. */
final class Engine {
  private static SymjaSession session;

  private Engine() {
  }

  static synchronized SymjaSession session() {
    if (session == null) {
      session = SymjaSession.start();
    }
    return session;
  }

  /** The derivation of the design in {@code file}, with {@code headline} if given. */
  static Derivation derive(Path file, Variant headline) {
    var p = compile(file);
    if (headline != null) {
      p = p.withHeadline(headline);
    }
    return new ForwardDeriver(session()).derive(p);
  }

  /** The design in {@code file}, read and compiled (its tables loaded). */
  static org.gaugebias.symbolic.compile.Parameterization compile(Path file) {
    return new DesignCompiler(session()).compile(DesignReader.read(file));
  }
}
