package org.gaugebias.symbolic.derive.matrix;

import java.nio.file.Path;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignReader;
import org.junit.jupiter.api.Test;

class DebugDeriveTest {
  @Test
  void derive() {
    Path f = Path.of("..").toAbsolutePath().normalize().resolve(System.getProperty("design"));
    try (SymjaSession s = SymjaSession.start()) {
      long t0 = System.nanoTime();
      var d = new ForwardDeriver(s).derive(new DesignCompiler(s).compile(DesignReader.read(f)));
      System.out.println("DERIVED in " + (System.nanoTime() - t0) / 1e9 + " s\n" + new org.gaugebias.symbolic.print.TextDerivationPrinter(org.gaugebias.symbolic.print.TextDerivationPrinter.Options.defaults()).print(d));
    } catch (Throwable e) {
      e.printStackTrace(System.out);
    }
  }
}
