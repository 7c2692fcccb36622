package org.gaugebias.symbolic.design;

import java.util.Objects;

/**
 * One problem in a design file. Tests assert on {@link #kind()}; users read {@link #toString()},
 * which is the compiler-style {@code file:line:col: error: message}.
 *
 * @param pos where the problem is
 * @param kind what sort of problem
 * @param message what is wrong, where, why, and a suggestion where there is an obvious one
 */
public record DesignError(SourcePos pos, Kind kind, String message) {
  /** The sorts of problem the reader detects. */
  public enum Kind {
    /** The file cannot be read (missing, not UTF-8). */
    IO,
    /** The text is not well-formed YAML. */
    YAML_SYNTAX,
    /** A key occurs twice in the same mapping. */
    DUPLICATE_KEY,
    /** A key the format does not know (often a typo). */
    UNKNOWN_KEY,
    /** A required key is absent. */
    MISSING_KEY,
    /** A value is a list where a mapping or text is expected, or similar. */
    WRONG_TYPE,
    /** A value is empty where text is required. */
    EMPTY_VALUE,
    /** The id does not match {@code [a-z0-9][a-z0-9-]*}. */
    BAD_ID,
    /** A shape is not {@code scalar}, {@code vector N} or {@code matrix M x N}. */
    BAD_SHAPE,
    /** A dimension is zero, negative or absurdly large. */
    BAD_DIMENSION,
    /** A name is not an identifier, or contains {@code $} or {@code _}. */
    BAD_NAME,
    /** A name shadows a Wolfram built-in or reserved single capital. */
    RESERVED_NAME,
    /** Two declarations use the same name. */
    NAME_CLASH,
    /** An expression does not parse, or uses a construct expressions may not use. */
    EXPRESSION_SYNTAX,
    /** An expression uses a symbol that is not declared in its scope. */
    UNDECLARED_SYMBOL,
    /** The predictor section does not have exactly one entry. */
    PREDICTOR_COUNT,
    /** A generator's field names something that is not a parameter. */
    NOT_A_PARAMETER,
    /** An action's group is not GL k, SL k, O k, SO k or scale. */
    BAD_GROUP,
    /** A key of an action's {@code acts} is not a parameter or a part of one. */
    BAD_ACTED,
    /** A {@code for} range is malformed or empty. */
    BAD_RANGE,
    /** A gauge condition is not an equation, or an assumption not a condition. */
    BAD_CONDITION,
    /** A constant is not a literal (ragged matrix, or uses a symbol). */
    BAD_CONSTANT,
    /** The loss depends on the parameters instead of only on the predictor. */
    LOSS_NOT_OF_PREDICTOR,
    /** {@code variant} is not quotient, orbit or gauge. */
    BAD_VARIANT,
    /** A section that must not be empty is empty. */
    EMPTY_SECTION,
    /** The file is larger than a design file can be (read with a cap, never whole). */
    TOO_LARGE,
    /** A value exceeds a limit of the format (id length, title length, nesting depth). */
    LIMIT,
    /** A path in the design leaves the design's folder. */
    BAD_PATH,
    /** A bug in the reader, reported instead of a stack trace; tests require it never occurs. */
    INTERNAL
  }

  public DesignError {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return pos + ": error: " + message;
  }
}
