package org.gaugebias.symbolic.cas;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.expr.Expr;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Converts Symja's {@link IExpr} trees into gaugebias {@link Expr} trees.
 *
 * <p>Two operator heads of an opaque (e.g. tabulated) function f are kept, as function nodes
 * whose head is their input form, so that they print back to the same Symja expression:
 * {@code Derivative[n][f][x]} becomes head {@code f'} (n primes, one argument only) and
 * {@code InverseFunction[f][x]} becomes head {@code InverseFunction[f]}
 * ({@link org.gaugebias.symbolic.expr.NumericFunctions} reads both).
 */
final class SymjaConversion {
  private SymjaConversion() {
  }

  static Expr toExpr(IExpr e) {
    if (e instanceof IInteger i) {
      return new Expr.Num(i.toBigNumerator(), java.math.BigInteger.ONE);
    }
    if (e instanceof IFraction f) {
      return new Expr.Num(f.toBigNumerator(), f.toBigDenominator());
    }
    if (e instanceof INum n) {
      return new Expr.Real(n.doubleValue());
    }
    if (e instanceof ISymbol s) {
      return new Expr.Sym(s.getSymbolName());
    }
    if (e instanceof IAST ast) {
      List<Expr> args = new ArrayList<>(ast.argSize());
      for (int k = 1; k <= ast.argSize(); k++) {
        args.add(toExpr(ast.get(k)));
      }
      IExpr h = ast.head();
      if (h == S.Plus) {
        return new Expr.Add(args);
      } else if (h == S.Times) {
        return new Expr.Mul(args);
      } else if (h == S.Power && args.size() == 2) {
        return new Expr.Pow(args.get(0), args.get(1));
      } else if (h == S.List) {
        return new Expr.Vec(args);
      } else if (h instanceof ISymbol hs) {
        return new Expr.Fn(hs.getSymbolName(), args);
      }
      String operator = operatorHead(h);
      if (operator != null) {
        return new Expr.Fn(operator, args);
      }
      throw new CasException(CasException.Kind.UNSUPPORTED, "unsupported head: " + h);
    }
    if (e instanceof org.matheclipse.core.interfaces.IComplex c) {
      // kept as a function so that callers can reject complex branches without failing the call
      return new Expr.Fn("Complex", List.of(toExpr(c.re()), toExpr(c.im())));
    }
    if (e instanceof org.matheclipse.core.interfaces.IComplexNum c) {
      return new Expr.Fn("Complex", List.of(new Expr.Real(c.reDoubleValue()),
          new Expr.Real(c.imDoubleValue())));
    }
    throw new CasException(CasException.Kind.UNSUPPORTED, "unsupported expression " + e);
  }

  /** {@code f'}, {@code f''} … or {@code InverseFunction[f]} for those operator heads, else null. */
  private static String operatorHead(IExpr h) {
    if (!(h instanceof IAST op) || op.argSize() != 1 || !(op.arg1() instanceof ISymbol f)) {
      return null;
    }
    if (op.head() == S.InverseFunction) {
      return "InverseFunction[" + f.getSymbolName() + "]";
    }
    if (op.head() instanceof IAST d && d.head() == S.Derivative && d.argSize() == 1
        && d.arg1() instanceof IInteger n && n.isPositive() && n.toIntDefault() <= 3) {
      return f.getSymbolName() + "'".repeat(n.toIntDefault());
    }
    return null;
  }
}
