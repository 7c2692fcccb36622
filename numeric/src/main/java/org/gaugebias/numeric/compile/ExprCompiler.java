package org.gaugebias.numeric.compile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.gaugebias.numeric.compile.CompilationException.Kind;
import org.gaugebias.symbolic.expr.Expr;

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
    } catch (ReflectiveOperationException e) {
      throw new CompilationException(Kind.JANINO, "cannot instantiate " + className, e);
    }
  }
}
