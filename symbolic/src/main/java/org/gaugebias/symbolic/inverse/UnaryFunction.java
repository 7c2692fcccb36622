package org.gaugebias.symbolic.inverse;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.hipparchus.util.FastMath;

/**
 * A function of one variable, turned once into nested closures with its numbers already in
 * double precision. The table of φ evaluates the rate e^{−r/T} some 10⁶ times; walking the tree
 * with {@link NumericEvaluator} converted every rational to a double at every call, which was
 * most of the 27 s a tabulated design took. Same arithmetic as {@link NumericEvaluator}; what it
 * does not know is delegated to it.
 */
final class UnaryFunction {
  private UnaryFunction() {
  }

  static DoubleUnaryOperator of(Expr e, String variable) {
    if (e instanceof Expr.Num n) {
      double c = n.doubleValue();
      return x -> c;
    }
    if (e instanceof Expr.Real r) {
      double c = r.value();
      return x -> c;
    }
    if (e instanceof Expr.Sym s) {
      if (s.name().equals(variable)) {
        return x -> x;
      }
      double c = NumericEvaluator.eval(e, Map.of());
      return x -> c;
    }
    if (e instanceof Expr.Add a) {
      DoubleUnaryOperator[] terms = a.terms().stream().map(t -> of(t, variable))
          .toArray(DoubleUnaryOperator[]::new);
      return x -> {
        double sum = 0;
        for (DoubleUnaryOperator t : terms) {
          sum += t.applyAsDouble(x);
        }
        return sum;
      };
    }
    if (e instanceof Expr.Mul m) {
      DoubleUnaryOperator[] factors = m.factors().stream().map(t -> of(t, variable))
          .toArray(DoubleUnaryOperator[]::new);
      return x -> {
        double product = 1;
        for (DoubleUnaryOperator f : factors) {
          product *= f.applyAsDouble(x);
        }
        return product;
      };
    }
    if (e instanceof Expr.Pow p) {
      return power(p, variable);
    }
    if (e instanceof Expr.Fn f && f.args().size() == 1) {
      DoubleUnaryOperator arg = of(f.args().get(0), variable);
      DoubleUnaryOperator g = elementary(f.head());
      if (g != null) {
        return x -> g.applyAsDouble(arg.applyAsDouble(x));
      }
    }
    return x -> NumericEvaluator.eval(e, Map.of(variable, x));
  }

  private static DoubleUnaryOperator power(Expr.Pow p, String variable) {
    DoubleUnaryOperator exponent = of(p.exponent(), variable);
    if (p.base() instanceof Expr.Sym s && s.name().equals("E")) {
      return x -> Math.exp(exponent.applyAsDouble(x));
    }
    DoubleUnaryOperator base = of(p.base(), variable);
    if (p.exponent() instanceof Expr.Num n) {
      if (n.isInteger() && n.num().bitLength() < 31) {
        int k = n.num().intValue();
        return x -> FastMath.pow(base.applyAsDouble(x), k);
      }
      if (n.den().intValue() == 2 && n.num().intValue() == 1) {
        return x -> Math.sqrt(base.applyAsDouble(x));
      }
      double c = n.doubleValue();
      return x -> Math.pow(base.applyAsDouble(x), c);
    }
    return x -> Math.pow(base.applyAsDouble(x), exponent.applyAsDouble(x));
  }

  private static DoubleUnaryOperator elementary(String head) {
    return switch (head) {
      case "Log" -> Math::log;
      case "Abs" -> Math::abs;
      case "Sqrt" -> Math::sqrt;
      case "Exp" -> Math::exp;
      case "Sin" -> Math::sin;
      case "Cos" -> Math::cos;
      case "Tan" -> Math::tan;
      case "Tanh" -> Math::tanh;
      case "Sinh" -> Math::sinh;
      case "Cosh" -> Math::cosh;
      case "ArcTan" -> Math::atan;
      default -> null;
    };
  }
}
