package org.gaugebias.symbolic.expr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The infix layout shared by the printers whose output another program parses
 * ({@link MathematicaPrinter}, {@link SympyPrinter}, {@link ArrayApiPrinter}): one precedence
 * table (sum &lt; product &lt; power &lt; atom), a sum's negative terms as {@code a - b}, a
 * product's negative powers as a denominator ({@code T/2}, {@code 1/(2*x)}), and brackets only
 * where the precedence needs them. Subclasses say how a language spells numbers, symbols,
 * powers, calls and lists; the layout is the same for all, so the three renderings of a formula
 * have the same shape. Each printer's test parses its output back (SymPy, Python) or compares it
 * with exact strings.
 */
public abstract class CodePrinter {
  /** Precedence levels, lowest first. */
  protected static final int ADD = 1;
  protected static final int MUL = 2;
  protected static final int POW = 3;
  protected static final int ATOM = 4;

  /** A printed sub-expression and its precedence level. */
  protected record Code(String text, int prec) {
    boolean negative() {
      return text.startsWith("-");
    }
  }

  /** The expression as code. */
  public String print(Expr e) {
    return code(e).text();
  }

  /** {@code e} printed, with its precedence. */
  protected Code code(Expr e) {
    if (e instanceof Expr.Num n) {
      return number(n);
    } else if (e instanceof Expr.Real r) {
      return real(r.value());
    } else if (e instanceof Expr.Sym s) {
      return new Code(symbol(s.name()), ATOM);
    } else if (e instanceof Expr.Add a) {
      return sum(a.terms());
    } else if (e instanceof Expr.Mul m) {
      return product(m.factors());
    } else if (e instanceof Expr.Pow p) {
      return power(p);
    } else if (e instanceof Expr.Fn f) {
      return new Code(call(f), ATOM);
    }
    List<String> items = new ArrayList<>();
    for (Expr x : ((Expr.Vec) e).items()) {
      items.add(print(x));
    }
    return new Code(list(items), ATOM);
  }

  // ------------------------------------------------------------------ language hooks

  /** A symbol's spelling (constants included: {@code Pi}, {@code E}, {@code Infinity}). */
  protected abstract String symbol(String name);

  /** A function call (relations, sums and unknown heads included). */
  protected abstract String call(Expr.Fn f);

  /** A list of printed items. */
  protected abstract String list(List<String> items);

  /** The power operator: {@code ^} or {@code **}. */
  protected abstract String powerOperator();

  /** {@code base^(1/2)}: {@code Sqrt[x]}, {@code sqrt(x)}. */
  protected abstract String sqrt(String arg);

  /** {@code E^x}: {@code Exp[x]}, {@code exp(x)}. */
  protected abstract String exp(String arg);

  /** A non-integer rational {@code p/q} (q &gt; 1) as a value on its own. */
  protected Code rational(BigInteger p, BigInteger q) {
    return new Code(p + "/" + q, MUL);
  }

  /** A floating-point literal. */
  protected String realLiteral(double v) {
    return Double.toString(v);
  }

  /** A power's base; a language whose integer powers are not exact overrides it. */
  protected Code powerBase(Expr base) {
    return code(base);
  }

  /** Whether {@code e} is the integer {@code k}. */
  protected static boolean isInt(Expr e, long k) {
    return e instanceof Expr.Num n && n.isInteger() && n.num().equals(BigInteger.valueOf(k));
  }

  /** The printed arguments of a call. */
  protected List<String> args(Expr.Fn f) {
    List<String> out = new ArrayList<>();
    f.args().forEach(a -> out.add(print(a)));
    return out;
  }

  // ------------------------------------------------------------------ layout

  private Code number(Expr.Num n) {
    if (n.isInteger()) {
      return new Code(n.num().toString(), n.num().signum() < 0 ? MUL : ATOM);
    }
    return rational(n.num(), n.den());
  }

  private Code real(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    String s = realLiteral(Math.abs(v));
    return v < 0 ? new Code("-" + s, MUL) : new Code(s, ATOM);
  }

  private Code sum(List<Expr> terms) {
    if (terms.isEmpty()) {
      return new Code("0", ATOM);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < terms.size(); i++) {
      Code t = code(terms.get(i));
      String s = t.prec() <= ADD ? "(" + t.text() + ")" : t.text();
      if (i == 0) {
        sb.append(s);
      } else if (s.startsWith("-")) {
        sb.append(" - ").append(s.substring(1));
      } else {
        sb.append(" + ").append(s);
      }
    }
    return new Code(sb.toString(), ADD);
  }

  /**
   * {@code [-]numerator[/denominator]}: a rational coefficient contributes its numerator and
   * denominator, a factor with a negative rational exponent goes to the denominator.
   */
  private Code product(List<Expr> factors) {
    BigInteger p = BigInteger.ONE;
    BigInteger q = BigInteger.ONE;
    List<Expr> num = new ArrayList<>();
    List<Expr> den = new ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Expr.Num n) {
        p = p.multiply(n.num());
        q = q.multiply(n.den());
      } else if (f instanceof Expr.Pow pw && pw.exponent() instanceof Expr.Num k
          && k.num().signum() < 0) {
        Expr.Num pos = new Expr.Num(k.num().negate(), k.den());
        den.add(isInt(pos, 1) ? pw.base() : new Expr.Pow(pw.base(), pos));
      } else {
        num.add(f);
      }
    }
    if (p.signum() == 0) {
      return new Code("0", ATOM);
    }
    if (num.isEmpty() && den.isEmpty()) {
      return code(new Expr.Num(p, q));
    }
    boolean negative = p.signum() < 0;
    p = p.abs();
    List<String> top = new ArrayList<>();
    if (!p.equals(BigInteger.ONE)) {
      top.add(p.toString());
    }
    num.forEach(f -> top.add(factor(f)));
    List<Code> bottom = new ArrayList<>();
    if (!q.equals(BigInteger.ONE)) {
      bottom.add(new Code(q.toString(), ATOM));
    }
    den.forEach(f -> bottom.add(code(f)));
    String text = top.isEmpty() ? "1" : String.join("*", top);
    if (bottom.size() == 1 && bottom.get(0).prec() >= POW) {
      text += "/" + bottom.get(0).text();
    } else if (!bottom.isEmpty()) {
      List<String> d = new ArrayList<>();
      bottom.forEach(c -> d.add(c.prec() < POW ? "(" + c.text() + ")" : c.text()));
      text += "/(" + String.join("*", d) + ")";
    }
    return new Code((negative ? "-" : "") + text, MUL);
  }

  /** A factor of a product: bracketed below power level (sums, products, negative numbers). */
  private String factor(Expr f) {
    Code c = code(f);
    return c.prec() < POW ? "(" + c.text() + ")" : c.text();
  }

  private Code power(Expr.Pow p) {
    if (p.exponent() instanceof Expr.Num k && k.num().signum() < 0) {
      return product(List.of(p));
    }
    if (p.exponent() instanceof Expr.Num k && k.num().equals(BigInteger.ONE)
        && k.den().equals(BigInteger.TWO)) {
      return new Code(sqrt(print(p.base())), ATOM);
    }
    if (p.base() instanceof Expr.Sym s && s.name().equals("E")) {
      return new Code(exp(print(p.exponent())), ATOM);
    }
    Code b = powerBase(p.base());
    Code x = code(p.exponent());
    String base = b.prec() < ATOM ? "(" + b.text() + ")" : b.text();
    String exponent = x.prec() < ATOM ? "(" + x.text() + ")" : x.text();
    return new Code(base + powerOperator() + exponent, POW);
  }
}
