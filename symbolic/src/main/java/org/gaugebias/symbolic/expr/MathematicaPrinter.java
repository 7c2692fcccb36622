package org.gaugebias.symbolic.expr;

import java.util.List;

/**
 * Wolfram-language input form for Mathematica and other readers of the language, with
 * components in indexed form ({@code beta[1]}, {@code U[1, 2]}; {@link SymbolNames#indexed})
 * so that a summation index means what it says: {@code Sum[Log[Abs[beta[i]]], {i, 1, 3}]}.
 * Brackets only where precedence needs them: {@code (T/2)*Log[Abs[beta]]} is printed
 * {@code T*Log[Abs[beta]]/2}. The engine's own round-trip form (the internal symbol names) is
 * {@link WolframPrinter}.
 */
public final class MathematicaPrinter extends CodePrinter {
  private static final MathematicaPrinter INSTANCE = new MathematicaPrinter();

  private MathematicaPrinter() {
  }

  /** {@code e} in Mathematica input form. */
  public static String format(Expr e) {
    return INSTANCE.print(e);
  }

  @Override
  protected String symbol(String name) {
    return SymbolNames.indexed(name);
  }

  @Override
  protected String call(Expr.Fn f) {
    return f.head() + "[" + String.join(", ", args(f)) + "]";
  }

  @Override
  protected String list(List<String> items) {
    return "{" + String.join(", ", items) + "}";
  }

  @Override
  protected String powerOperator() {
    return "^";
  }

  @Override
  protected String sqrt(String arg) {
    return "Sqrt[" + arg + "]";
  }

  @Override
  protected String exp(String arg) {
    return "Exp[" + arg + "]";
  }

  @Override
  protected String realLiteral(double v) {
    String s = Double.toString(v);
    int e = s.indexOf('E');
    return e < 0 ? s : s.substring(0, e) + "*^" + s.substring(e + 1);
  }
}
