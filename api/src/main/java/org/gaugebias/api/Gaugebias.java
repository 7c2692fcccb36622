package org.gaugebias.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.numeric.run.AnnotatedReport;
import org.gaugebias.numeric.run.RunContext;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.verify.VerifyArms;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.DynamicsDeriver;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.inverse.InverseDesign;
import org.gaugebias.symbolic.inverse.InverseDesigner;
import org.gaugebias.symbolic.inverse.Target;
import org.gaugebias.symbolic.trace.Variant;

/**
 * The entry point for using gaugebias from Java. One instance owns one computer-algebra session
 * (started once, about 4 s; its calls are time-limited) and is used from one thread at a time;
 * close it when done. Every method does what the command of the same name does:
 * <ul>
 *   <li>{@link #derive(Path)}: read, compile and derive a design (THEORY.md §1–3), giving a
 *       {@link Model} with the biases, the stationary law, {@link Model#evaluate evaluation} at
 *       a point and every output format;</li>
 *   <li>{@link #inverseDesign(String, String, int)}: a parameterisation whose quotient bias is a
 *       target R*(β) up to a constant, with its proof (§4);</li>
 *   <li>{@link #verify(Model, NoiseModel, VerifyArms.Options)}: simulate the dynamics and test
 *       the derived law (§5, docs/verifier.md).</li>
 * </ul>
 * Bad input is a {@link org.gaugebias.symbolic.failure.GaugebiasException} (or a subclass)
 * that names the file, line and column and carries an exit code.
 */
public final class Gaugebias implements AutoCloseable {
  private final SymjaSession session;

  private Gaugebias(SymjaSession session) {
    this.session = session;
  }

  /**
   * Starts the computer-algebra session.
   *
   * @return a new instance; close it when done
   */
  public static Gaugebias start() {
    return new Gaugebias(SymjaSession.start());
  }

  /**
   * Derives the design in a file.
   *
   * @param designFile a design file (docs/design-format.md)
   * @return the derived model
   */
  public Model derive(Path designFile) {
    return derive(DesignReader.read(designFile), null);
  }

  /**
   * Derives the design in a file with another headline variant.
   *
   * @param designFile a design file
   * @param headline the variant to headline
   * @return the derived model
   */
  public Model derive(Path designFile, Variant headline) {
    return derive(DesignReader.read(designFile), Objects.requireNonNull(headline, "headline"));
  }

  /**
   * Derives a design given as text (YAML, as in a design file; tables are not available).
   *
   * @param sourceName the name errors give the text, e.g. {@code "my-design.yaml"}
   * @param designYaml the design
   * @return the derived model
   */
  public Model derive(String sourceName, String designYaml) {
    return derive(DesignReader.read(sourceName, designYaml), null);
  }

  private Model derive(Design design, Variant headline) {
    org.gaugebias.symbolic.size.SizeRoute.Compiler compiler = d -> headline == null
        ? new DesignCompiler(session).compile(d)
        : new DesignCompiler(session).compile(d).withHeadline(headline);
    Parameterization p = compiler.compile(design);
    ForwardDeriver deriver = new ForwardDeriver(session);
    if (design.sizes().isPresent()) {
      // a symbolic size (sizes: [n]): the closed form for every n
      return new Model(p, org.gaugebias.symbolic.size.SizeRoute.derive(design, compiler,
          deriver::derive, ForwardDeriver.DEFAULT_SEED));
    }
    return new Model(p, deriver.derive(p));
  }

  /**
   * Inverse design: a parameterisation whose quotient bias equals {@code target} up to a
   * constant, proved by deriving it (THEORY.md §4), with the temperature symbolic.
   *
   * @param target R*(β) in the Wolfram language, e.g. {@code "Abs[beta]/4"} or
   *     {@code "T/2*Total[Log[Abs[beta]]]"}
   * @param variable the predictor's name in the target, e.g. {@code "beta"}
   * @param dimension the predictor's dimension (1: a scalar)
   * @return the answer: the design file, its domain, the constant, the proof
   */
  public InverseDesign inverseDesign(String target, String variable, int dimension) {
    return inverseDesign(target, variable, dimension, Optional.empty());
  }

  /**
   * Inverse design at one temperature value, where the outer map may have to be tabulated.
   *
   * @param target R*(β) in the Wolfram language
   * @param variable the predictor's name in the target
   * @param dimension the predictor's dimension
   * @param temperatureValue T as an exact rational, or empty for a symbolic T
   * @return the answer with its proof
   */
  public InverseDesign inverseDesign(String target, String variable, int dimension,
      Optional<Expr.Num> temperatureValue) {
    InverseDesigner designer = new InverseDesigner(session);
    Target t = designer.target(target, variable, dimension, "T", temperatureValue);
    return designer.design(t, Optional.empty(), "designed");
  }

  /**
   * Simulates the dynamics of a derived model and tests its law (THEORY.md §5): the
   * {@code verify} command without files. Runs on all processors given in {@code options}.
   *
   * @param model a derived model (no tabulated functions)
   * @param noise projected, isotropic or gradient descent
   * @param options temperature, step, steps, chains, seed, window, threads (null fields take
   *     the defaults)
   * @return the report: verdict, statistics; {@code toText()}, {@code toJson()}
   */
  public AnnotatedReport verify(Model model, NoiseModel noise, VerifyArms.Options options) {
    if (!model.compiled().functions().isEmpty()) {
      throw new IllegalArgumentException("verify does not simulate designs with tabulated"
          + " functions yet");
    }
    Dynamics d = new DynamicsDeriver(session).derive(model.compiled(), model.derivation());
    return VerifyArms.sde(d, noise, options).execute(RunContext.QUIET);
  }

  /**
   * Options for {@link #verify}: the command's defaults with the given size of the run.
   *
   * @param chains the number of chains
   * @param steps steps per chain
   * @param seed the root seed
   * @return options with the default temperature, step, window and observable
   */
  public static VerifyArms.Options verifyOptions(int chains, long steps, long seed) {
    return new VerifyArms.Options(null, null, steps, chains, seed, null, null, 30,
        Runtime.getRuntime().availableProcessors());
  }

  /** Ends the computer-algebra session. */
  @Override
  public void close() {
    session.close();
  }
}
