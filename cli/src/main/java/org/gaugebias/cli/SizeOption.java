package org.gaugebias.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.size.SizedEvaluation;
import org.gaugebias.symbolic.trace.StepFacts;

/**
 * {@code eval}'s size of a design with a symbolic size (docs/design-format.md, "Symbolic
 * sizes"): {@code --at n=64}, or the length of the predictor's list ({@code --at beta={…}} with
 * n numbers, n·c for blocks of c outputs). With n given, one number fills every component.
 */
final class SizeOption {
  private SizeOption() {
  }

  /** The size and the predictor point at it. */
  record Point(int size, Map<String, Double> values) { }

  /** {@code --at n=VALUE}: a whole number from 1 to {@link SizedEvaluation#MAX_SIZE}. */
  static int value(Expr e, String name) {
    double v = EvalCommand.number(e, name);
    if (!(v >= 1 && v <= SizedEvaluation.MAX_SIZE && Math.rint(v) == v)) {
      throw new UserInputException("--at " + name + ": the size must be a whole number from 1"
          + " to " + SizedEvaluation.MAX_SIZE + ", not " + e.toWolfram());
    }
    return (int) v;
  }

  static Point point(StepFacts.SymbolicSize z, Optional<Integer> given,
      Map<String, Expr> values, String temperature) {
    String beta = z.predictor();
    for (String name : values.keySet()) {
      if (!name.equals(beta)) {
        throw new UserInputException("--at " + name + ": the design's point is " + beta
            + " (with its size " + z.size() + " and the temperature " + temperature + ")");
      }
    }
    if (!values.containsKey(beta)) {
      throw new UserInputException("missing --at " + beta + "={…} (a list of " + z.size()
          + (z.outputsPerBlock() == 1 ? "" : " × " + z.outputsPerBlock()) + " numbers)");
    }
    List<Expr> flat = new ArrayList<>();
    EvalCommand.flatten(values.get(beta), flat);
    int per = z.outputsPerBlock();
    int n;
    if (given.isPresent()) {
      n = given.get();
      if (flat.size() != 1 && flat.size() != n * per) {
        throw new UserInputException("--at " + beta + " has " + flat.size() + " numbers but "
            + z.size() + " = " + n + " needs " + n * per + (per == 1 ? "" : " (" + n + " × "
            + per + ")") + " (or one number for every component)");
      }
    } else {
      if (flat.size() % per != 0) {
        throw new UserInputException("--at " + beta + " has " + flat.size() + " numbers: not a"
            + " multiple of " + per + ", the components per index");
      }
      n = flat.size() / per;
      if (n < 1 || n > SizedEvaluation.MAX_SIZE) {
        throw new UserInputException("--at " + beta + ": " + flat.size() + " numbers give "
            + z.size() + " = " + n + "; the size must be from 1 to " + SizedEvaluation.MAX_SIZE);
      }
    }
    List<String> symbols = SizedEvaluation.predictorSymbols(z, n);
    Map<String, Double> point = new HashMap<>();
    for (int k = 0; k < symbols.size(); k++) {
      point.put(symbols.get(k), EvalCommand.number(flat.size() == 1 ? flat.get(0)
          : flat.get(k), beta));
    }
    return new Point(n, point);
  }
}
