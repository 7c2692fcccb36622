package org.gaugebias.numeric.compile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.gaugebias.numeric.compile.CompilationException.Kind;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Compiles formulas to JVM bytecode: {@link JavaEmitter} writes Java source, janino's
 * {@link SimpleCompiler} turns it into a class, the instance is stateless. About 33 ns per call
 * for a small formula against 25 ns hand-written (shared/DEPENDENCIES.md §3.3); the first class
 * costs about half a second of janino start-up, each further one some tens of milliseconds.
 */
public final class ExprCompiler {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final String PACKAGE = "org.gaugebias.numeric.generated";

  private ExprCompiler() {
  }

  /** {@code e} as a function of {@code variables} (variable i is {@code x[i]}). */
  public static ScalarFunction scalar(Expr e, List<String> variables) {
    return scalar(e, variables, Map.of());
  }

  /**
   * {@code e} as a function of {@code variables}, with {@code constants} (e.g. the temperature T)
   * folded in as literals.
   */
  public static ScalarFunction scalar(Expr e, List<String> variables,
      Map<String, Double> constants) {
    JavaEmitter emitter = new JavaEmitter(bindings(variables, constants, "x[%d]"));
    String body = "return " + emitter.emit(e) + ";";
    String name = nextName("Scalar");
    String src = "package " + PACKAGE + ";\n"
        + "public final class " + name + " implements " + ScalarFunction.class.getName() + " {\n"
        + "  public double value(double[] x) {\n    " + body + "\n  }\n}\n";
    return (ScalarFunction) instantiate(PACKAGE + "." + name, src);
  }

  /** Several formulas of the same variables in one generated method. */
  public static VectorFunction vector(List<Expr> es, List<String> variables,
      Map<String, Double> constants) {
    JavaEmitter emitter = new JavaEmitter(bindings(variables, constants, "p%d"));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < variables.size(); i++) {
      body.append("    final double p").append(i).append(" = x[").append(i).append("];\n");
    }
    for (int i = 0; i < es.size(); i++) {
      body.append("    out[").append(i).append("] = ").append(emitter.emit(es.get(i)))
          .append(";\n");
    }
    String name = nextName("Vector");
    String src = "package " + PACKAGE + ";\n"
        + "public final class " + name + " implements " + VectorFunction.class.getName() + " {\n"
        + "  public void value(double[] x, double[] out) {\n" + body + "  }\n}\n";
    return (VectorFunction) instantiate(PACKAGE + "." + name, src);
  }

  /** Formulas per generated method: keeps each under HotSpot's 8000-byte limit for JIT compilation. */
  static final int FORMULAS_PER_METHOD = 16;

  /**
   * The formulas {@code es} of the state {@code x[i][c]} (variable i is {@code parameters.get(i)})
   * as a {@link StateObserver}. Split into methods of {@value #FORMULAS_PER_METHOD} formulas, each
   * loading only the coordinates it uses, so that a model with hundreds of observations (u⊙v at
   * n = 64: 129) is still JIT-compiled rather than interpreted.
   */
  public static StateObserver observer(List<Expr> es, List<String> parameters,
      Map<String, Double> constants) {
    JavaEmitter emitter = new JavaEmitter(bindings(parameters, constants, "p%d"));
    StringBuilder top = new StringBuilder();
    StringBuilder parts = new StringBuilder();
    for (int from = 0; from < es.size(); from += FORMULAS_PER_METHOD) {
      int to = Math.min(es.size(), from + FORMULAS_PER_METHOD);
      top.append("    part").append(from).append("(x, c, out);\n");
      Set<Integer> used = new TreeSet<>();
      for (Expr e : es.subList(from, to)) {
        for (String s : Exprs.symbols(e)) {
          int i = parameters.indexOf(s);
          if (i >= 0) {
            used.add(i);
          }
        }
      }
      parts.append("  private static void part").append(from)
          .append("(double[][] x, int c, double[] out) {\n");
      for (int i : used) {
        parts.append("    final double p").append(i).append(" = x[").append(i).append("][c];\n");
      }
      for (int i = from; i < to; i++) {
        parts.append("    out[").append(i).append("] = ").append(emitter.emit(es.get(i)))
            .append(";\n");
      }
      parts.append("  }\n");
    }
    String name = nextName("Observer");
    String src = "package " + PACKAGE + ";\n"
        + "public final class " + name + " implements " + StateObserver.class.getName() + " {\n"
        + "  public void observe(double[][] x, int c, double[] out) {\n" + top + "  }\n"
        + parts + "}\n";
    return (StateObserver) instantiate(PACKAGE + "." + name, src);
  }

  /** Variable and constant bindings for the emitter, with a pattern for the i-th variable. */
  static Map<String, String> bindings(List<String> variables, Map<String, Double> constants,
      String pattern) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, Double> c : constants.entrySet()) {
      map.put(c.getKey(), JavaEmitter.literal(c.getValue()));
    }
    for (int i = 0; i < variables.size(); i++) {
      if (map.put(variables.get(i), String.format(java.util.Locale.ROOT, pattern, i)) != null) {
        throw new IllegalArgumentException("symbol '" + variables.get(i)
            + "' is bound twice (variable and constant, or a repeated variable)");
      }
    }
    return map;
  }

  static String nextName(String prefix) {
    return prefix + COUNTER.incrementAndGet();
  }

  /** Compiles {@code source} and returns a new instance of {@code className}. */
  static Object instantiate(String className, String source) {
    SimpleCompiler compiler = new SimpleCompiler();
    compiler.setParentClassLoader(ExprCompiler.class.getClassLoader());
    try {
      compiler.cook(source);
      return compiler.getClassLoader().loadClass(className).getDeclaredConstructor()
          .newInstance();
    } catch (CompileException e) {
      throw new CompilationException(Kind.JANINO, "janino rejected generated source: "
          + e.getMessage() + "\n" + source, e);
    } catch (org.codehaus.commons.compiler.InternalCompilerException e) {
      // e.g. "Code grows beyond 64 KB": a formula too long for one method (a 64-point DCT's
      // Σ_k log|(Dβ)_k| written out); callers that can interpret the formula instead do so
      throw new CompilationException(Kind.JANINO, "janino cannot compile the generated source ("
          + e.getMessage() + ")", e);
    } catch (ReflectiveOperationException e) {
      throw new CompilationException(Kind.JANINO, "cannot instantiate " + className, e);
    }
  }
}
