package org.gaugebias.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.failure.GaugebiasException;
import org.gaugebias.symbolic.size.SizeRoute;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.WorkProgress;
import org.gaugebias.symbolic.trace.Variant;

/** Reads, compiles and derives designs; starts Symja once per process, on first use. */
final class Engine {
  private static SymjaSession session;
  private static volatile Instant deadline;

  private Engine() {
  }

  static synchronized SymjaSession session() {
    if (session == null) {
      session = SymjaSession.start();
      session.deadline(deadline);
    }
    return session;
  }

  /** The deadline of the unit of work under way (null: none); the CAS honours it. */
  static synchronized void deadline(Instant at) {
    deadline = at;
    if (session != null) {
      session.deadline(at);
    }
  }

  /** Abandons the CAS call under way, if any (its unit of work ran out of budget). */
  static synchronized void abandonCas() {
    if (session != null) {
      session.abandon();
    }
  }

  /** The derivation of the design in {@code file}, with {@code headline} if given. */
  static Derivation derive(Path file, Variant headline) {
    return compiledAndDerived(file, headline).derivation();
  }

  /** A design compiled, and its derivation. */
  record Derived(Parameterization compiled, Derivation derivation) { }

  /** The design in {@code file} compiled and derived, with {@code headline} if given. */
  static Derived compiledAndDerived(Path file, Variant headline) {
    Design design = DesignReader.read(file);
    // a symbolic-size design is derived by its generic block: no whole-design resource check
    SizeRoute.Compiler compiler = d -> WorkProgress.current().within("compiling '" + d.id()
        + "' at " + WorkProgress.size(d.parameters().stream()
        .map(q -> Map.entry(q.name(), q.shape())).toList()), () -> {
          var c = design.sizes().isPresent() ? new DesignCompiler(session()).compile(d)
              : compile(d);
          return headline == null ? c : c.withHeadline(headline);
        });
    var p = compiler.compile(design);
    try {
      if (design.sizes().isPresent()) {
        // a symbolic size (sizes: [n]): the closed form for every n
        ForwardDeriver deriver = new ForwardDeriver(session());
        return new Derived(p, WorkProgress.current().within("deriving '" + design.id()
            + "' for every " + String.join(", ", design.sizes().get().names()),
            () -> SizeRoute.derive(design, compiler, deriver::derive,
            ForwardDeriver.DEFAULT_SEED)));
      }
      return new Derived(p, new ForwardDeriver(session()).derive(p));
    } catch (GaugebiasException e) {
      throw located(e, design);
    }
  }

  /**
   * The design in {@code file}, read and compiled (its tables loaded), for the discovery of its
   * whole symmetry ({@code symmetries}), refused if that would not fit in memory.
   */
  static Parameterization compileForDiscovery(Path file) {
    Design design = DesignReader.read(file);
    Parameterization p = new DesignCompiler(session()).compile(design);
    Resources.requireDiscoveryFits(design, p);
    return p;
  }

  private static Parameterization compile(Design design) {
    Parameterization p = new DesignCompiler(session()).compile(design);
    Resources.requireDerivationFits(design, p);
    return p;
  }

  /**
   * A failure the engine could only pin on the file gets the predictor's line:col: the
   * predictor is what a discovered symmetry, its gauge and its Gram matrices come from.
   */
  static RuntimeException located(GaugebiasException e, Design design) {
    String file = design.source().toString();
    if (!e.position().equals(file)) {
      return e;
    }
    return new Failure(e.failure(), design.predictor().exprPos().toString(), e.getMessage(), e);
  }
}
