package org.gaugebias.symbolic.design;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Variant;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a design file (docs/design-format.md) into a {@link Design}, or reports every problem
 * of the file at once in a {@link DesignException}.
 *
 * <p>It works on snakeyaml-engine's node tree (not on constructed Java maps) so that every key
 * and value keeps its line and column, and it parses expressions with {@link WolframSyntax}
 * without evaluating them: reading a design must be instant, not wait for the CAS to start.
 *
 * <p>Checks are layered so that one mistake does not drown the report in consequences: symbol
 * scopes are checked only when the parameter and constant sections could be read, and an
 * expression that does not parse is not also reported for its symbols.
 *
 * <p>Whatever the input, the only exception {@code read} throws is {@link DesignException}; a bug
 * in the reader surfaces as an error of kind {@link DesignError.Kind#INTERNAL}.
 */
public final class DesignReader {
  private static final List<String> TOP_KEYS = List.of("id", "title", "parameters", "constants",
      "predictor", "assumptions", "symmetry", "gauge", "loss", "temperature", "variant", "data",
      "tables", "sizes");
  private static final List<String> REQUIRED_KEYS = List.of("id", "title", "parameters",
      "predictor");
  private static final List<String> SYMMETRY_KEYS = List.of("generators", "actions");
  private static final List<String> ACTION_KEYS = List.of("name", "group", "element", "for",
      "acts");
  private static final Pattern GROUP =
      Pattern.compile("\\s*(GL|SL|O|SO)\\s*\\(?\\s*([0-9]+)\\s*\\)?\\s*|\\s*(scale)\\s*");
  private static final List<String> GENERATOR_KEYS = List.of("name", "for", "field");
  private static final List<String> VARIANTS = List.of("quotient", "orbit", "gauge");
  private static final List<String> DATA_KEYS = List.of("inputs", "input_mean", "input_sd",
      "label", "teacher", "label_noise", "per_sample_loss", "batch", "learning_rate", "samples");
  private static final List<String> DATA_REQUIRED = List.of("inputs", "teacher",
      "per_sample_loss", "batch", "learning_rate");
  /** Largest training set a data block may ask for (it is held in memory). */
  static final int MAX_SAMPLES = 10_000_000;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern VECTOR = Pattern.compile("(?i)vector\\s+(.+?)\\s*");
  private static final Pattern MATRIX =
      Pattern.compile("(?i)matrix\\s+(.+?)\\s*[x×*]\\s*(.+?)\\s*");
  private static final Pattern SYMMETRIC = Pattern.compile("(?i)symmetric\\s+(.+?)\\s*");
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern RANGE =
      Pattern.compile("\\s*(\\S+)\\s+in\\s+(\\S+?)\\s*\\.\\.\\s*(\\S+?)\\s*");
  private static final Pattern E_NOTATION = Pattern.compile("[0-9.][eE][+-]?[0-9]");

  /** Largest dimension or index bound accepted: the engine works symbolically, entry by entry. */
  static final int MAX_DIMENSION = 1000;
  /** Largest number of generators one family may expand to. */
  static final int MAX_GENERATORS = 10_000;

  private static final Set<String> RELATIONS = Set.of("Greater", "Less", "GreaterEqual",
      "LessEqual", "Equal", "Unequal", "Inequality", "And", "Or", "Not", "Xor", "Implies",
      "Element", "NotElement");

  /**
   * Shared because building settings builds a scalar resolver each time; they are immutable. The
   * label (the file name in snakeyaml's own messages) is unused: positions come from
   * {@link SourceText}.
   */
  private static final LoadSettings YAML_SETTINGS = LoadSettings.builder()
      .setLabel("design")
      .setAllowDuplicateKeys(true) // reported by entries(), with both positions
      .setAllowRecursiveKeys(false)
      .setMaxAliasesForCollections(50)
      .setUseMarks(true)
      .build();

  private final SourceText src;
  private final List<DesignError> errors = new ArrayList<>();

  // what has been read so far; fields stay empty/null where a section was missing or broken
  private final List<ParameterDecl> parameters = new ArrayList<>();
  private final List<ConstantDecl> constants = new ArrayList<>();
  /** Every name written in the parameters/constants sections, valid or not (for scopes). */
  private final Map<String, String> declaredRole = new LinkedHashMap<>();
  private final Map<String, SourcePos> declaredAt = new LinkedHashMap<>();
  private boolean scopeReliable = true;
  private String predictorName;
  private SourcePos predictorAt;
  private String temperature = Design.DEFAULT_TEMPERATURE;
  /** Names of the declared tables: usable as function heads. */
  private final Set<String> tableNames = new LinkedHashSet<>();
  private SourcePos temperatureAt;

  /** Values of the size symbols to read the design with (absent: {@link SymbolicSizes#REFERENCE}). */
  private final Map<String, Integer> sizeValues;
  /** The declared size symbols ({@code sizes:}), in file order, with the values used. */
  private final Map<String, Integer> sizes = new LinkedHashMap<>();

  private DesignReader(String file, String text, Map<String, Integer> sizeValues) {
    this.src = new SourceText(file, text);
    this.sizeValues = Map.copyOf(sizeValues);
  }

  /**
   * The same design read again with its size symbols at {@code values} (a design without
   * {@code sizes:} is returned as it is). The values must be positive; a symbol not given keeps
   * {@link SymbolicSizes#REFERENCE}.
   */
  public static Design atSizes(Design d, Map<String, Integer> values) {
    if (d.sizes().isEmpty()) {
      return d;
    }
    String file = d.source().toString();
    return read(d.source(), file, d.sizes().get().text(), values);
  }

  /**
   * The largest design file read: a design is a page of YAML; the cap bounds the parser's memory
   * and time (a 900 KB title alone took 7 s and 740 MB to reject).
   */
  public static final int MAX_FILE_BYTES = 256 << 10;
  /** Longest id: it becomes file names ({@code ID.json}), which file systems cap at 255 bytes. */
  public static final int MAX_ID_LENGTH = 100;
  /** Longest title, in characters (it is printed in every document's heading). */
  public static final int MAX_TITLE_LENGTH = 1000;
  /** Deepest nesting of brackets and YAML collections (the parsers recurse per level). */
  public static final int MAX_NESTING = 200;

  /** Reads a design file (UTF-8), at most {@link #MAX_FILE_BYTES} of it. */
  public static Design read(Path path) {
    String file = String.valueOf(path);
    String text;
    if (Files.isDirectory(path)) {
      throw single(file, DesignError.Kind.IO, "is a folder, not a design file");
    }
    try (java.io.InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw single(file, DesignError.Kind.TOO_LARGE, "the file is larger than "
            + (MAX_FILE_BYTES >> 10) + " KiB: not a design file (a design is a page of YAML)");
      }
      text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw single(file, DesignError.Kind.IO, "no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw single(file, DesignError.Kind.IO, "permission denied");
    } catch (CharacterCodingException e) {
      throw single(file, DesignError.Kind.IO, "the file is not valid UTF-8 text");
    } catch (IOException | RuntimeException e) {
      if (e instanceof DesignException d) {
        throw d;
      }
      throw single(file, DesignError.Kind.IO, "cannot read the file: " + e.getMessage());
    }
    return read(path, file, text, Map.of());
  }

  /**
   * Reads design text; {@code sourceName} is used in positions ({@code sourceName:line:col})
   * and as {@link Design#source()}.
   */
  public static Design read(String sourceName, String text) {
    String file = sourceName == null ? "<design>" : sourceName;
    Path source;
    try {
      source = Path.of(file);
    } catch (InvalidPathException e) {
      source = Path.of("design.yaml");
    }
    return read(source, file, text == null ? "" : text, Map.of());
  }

  private static Design read(Path source, String file, String text,
      Map<String, Integer> sizeValues) {
    DesignReader r = new DesignReader(file, text, sizeValues);
    Design d;
    try {
      d = r.readDesign(source, text);
    } catch (RuntimeException | StackOverflowError e) {
      r.errors.add(new DesignError(SourcePos.start(file), DesignError.Kind.INTERNAL,
          "internal error in the design reader (please report it with this file): " + e));
      d = null;
    }
    if (!r.errors.isEmpty() || d == null) {
      if (r.errors.isEmpty()) {
        r.errors.add(new DesignError(SourcePos.start(file), DesignError.Kind.INTERNAL,
            "internal error in the design reader: no design and no error"));
      }
      List<DesignError> sorted = new ArrayList<>(r.errors);
      sorted.sort(Comparator.comparingInt((DesignError e) -> e.pos().line())
          .thenComparingInt(e -> e.pos().column()));
      throw new DesignException(sorted);
    }
    return d;
  }

  private static DesignException single(String file, DesignError.Kind kind, String message) {
    return new DesignException(List.of(new DesignError(SourcePos.start(file), kind, message)));
  }

  // ================================================================ the top level

  private Design readDesign(Path source, String text) {
    if (tooDeep(text)) {
      return null;
    }
    Optional<Node> rootOpt = compose(text);
    if (!errors.isEmpty()) {
      return null; // malformed YAML: nothing else can be checked
    }
    if (rootOpt.isEmpty()) {
      error(SourcePos.start(src.file()), DesignError.Kind.WRONG_TYPE,
          "the file is empty: a design is a YAML mapping with at least the keys "
              + String.join(", ", REQUIRED_KEYS));
      return null;
    }
    Node root = rootOpt.get();
    if (!(root instanceof MappingNode rootMap)) {
      error(src.pos(root), DesignError.Kind.WRONG_TYPE,
          "a design must be a YAML mapping (key: value lines), not " + describe(root));
      return null;
    }
    Map<String, NodeTuple> top = entries(rootMap, TOP_KEYS, "key");
    for (String k : REQUIRED_KEYS) {
      if (!top.containsKey(k)) {
        error(src.pos(root), DesignError.Kind.MISSING_KEY, "missing required key '" + k + "'"
            + ("predictor".equals(k) ? " (e.g. 'predictor:' followed by '  beta: u*v')" : ""));
      }
    }

    String id = value(top, "id").flatMap(n -> text(n, "'id'")).map(s -> checkId(s, top))
        .orElse(null);
    String title = value(top, "title").flatMap(n -> text(n, "'title'"))
        .map(t -> checkTitle(t, top)).orElse(null);

    value(top, "sizes").ifPresent(this::readSizes);
    readParameters(value(top, "parameters"));
    readConstants(value(top, "constants"));
    List<TableDecl> tables = readTables(value(top, "tables"));
    Optional<Node> temperatureNode = value(top, "temperature");
    temperatureNode.ifPresent(this::readTemperature);
    PredictorDecl predictor = readPredictor(value(top, "predictor"));
    checkClashes(temperatureNode.isPresent());
    Variant variant = value(top, "variant").map(this::readVariant).orElse(Variant.QUOTIENT);

    List<Located<Expr>> assumptions = readAssumptions(value(top, "assumptions"));
    List<ActionDecl> actions = new ArrayList<>();
    Optional<List<GeneratorDecl>> generators = value(top, "symmetry")
        .map(n -> readSymmetry(n, actions));
    Optional<List<GaugeCondition>> gauge = value(top, "gauge").map(this::readGauge);
    Optional<Located<Expr>> loss = value(top, "loss").flatMap(this::readLoss);
    Optional<DataDecl> data = value(top, "data").flatMap(this::readData);

    if (!errors.isEmpty() || id == null || title == null || predictor == null) {
      return null;
    }
    return new Design(source, id, title.strip(), parameters, constants, predictor, assumptions,
        generators, gauge, loss, temperature, variant, data, tables, actions,
        sizes.isEmpty() ? Optional.empty()
            : Optional.of(new SymbolicSizes(List.copyOf(sizes.keySet()), sizes, text)));
  }

  /**
   * {@code sizes: [n]}: size symbols that shapes ({@code vector n}, {@code matrix n x 3}),
   * {@code for} ranges ({@code i in 1..n}) and expressions ({@code UnitVector[n, i]}) may use;
   * each is read as its value (given by the engine, {@link SymbolicSizes#REFERENCE} otherwise).
   */
  private void readSizes(Node node) {
    List<Node> items = node instanceof ScalarNode && !isNull(node) ? List.of(node)
        : sequence(node, "'sizes'", "sizes: [n]");
    for (Node item : items) {
      Optional<String> name = text(item, "a size symbol");
      if (name.isEmpty()) {
        continue;
      }
      String n = name.get().strip();
      SourcePos at = src.pos(item);
      if (!checkName(n, at, "size")) {
        continue;
      }
      if (sizes.containsKey(n)) {
        error(at, DesignError.Kind.NAME_CLASH, "size '" + n + "' is declared twice");
        continue;
      }
      declare(n, "size", at);
      sizes.put(n, sizeValues.getOrDefault(n, SymbolicSizes.REFERENCE));
    }
  }

  /**
   * Whether brackets or YAML flow collections nest deeper than {@link #MAX_NESTING} (reported at
   * the first bracket too deep). A cheap scan before any parser recurses into them: 500 000
   * nested '[' once ended in a StackOverflowError after a minute.
   */
  private boolean tooDeep(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '{' || c == '(') {
        if (++depth > MAX_NESTING) {
          error(src.posOfOffset(i), DesignError.Kind.LIMIT, "brackets nest deeper than "
              + MAX_NESTING + " levels here: no design needs that; simplify the expression");
          return true;
        }
      } else if ((c == ']' || c == '}' || c == ')') && depth > 0) {
        depth--;
      }
    }
    return false;
  }

  /** The document's root node; empty for an empty document or after a YAML syntax error. */
  private Optional<Node> compose(String text) {
    try {
      return new Compose(YAML_SETTINGS).composeString(text);
    } catch (MarkedYamlEngineException e) {
      SourcePos at = src.pos(e.getProblemMark().isPresent() ? e.getProblemMark()
          : e.getContextMark());
      String ctx = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      String hint = e.getContext() != null && e.getContext().contains("flow")
          ? "; inside {...} or [...] quote expressions that contain brackets or commas,"
              + " e.g. {u: \"u*UnitVector[3, i]\"}" : "";
      error(at, DesignError.Kind.YAML_SYNTAX, "malformed YAML: " + e.getProblem() + ctx + hint);
    } catch (YamlEngineException e) {
      error(SourcePos.start(src.file()), DesignError.Kind.YAML_SYNTAX,
          "malformed YAML: " + e.getMessage());
    } catch (RuntimeException e) {
      // snakeyaml failing in an unexpected way is still a problem with the file's YAML
      error(SourcePos.start(src.file()), DesignError.Kind.YAML_SYNTAX,
          "malformed YAML: " + e);
    }
    return Optional.empty();
  }

  private String checkTitle(String title, Map<String, NodeTuple> top) {
    if (title.length() <= MAX_TITLE_LENGTH) {
      return title;
    }
    error(src.pos(top.get("title").getValueNode()), DesignError.Kind.LIMIT, "the title has "
        + title.length() + " characters, more than " + MAX_TITLE_LENGTH
        + ": shorten it (details belong in comments)");
    return null;
  }

  private String checkId(String id, Map<String, NodeTuple> top) {
    String s = id.strip();
    if (s.length() > MAX_ID_LENGTH) {
      error(src.pos(top.get("id").getValueNode()), DesignError.Kind.LIMIT, "the id has "
          + s.length() + " characters, more than " + MAX_ID_LENGTH
          + " (it names the output files): shorten it");
      return null;
    }
    if (ID.matcher(s).matches()) {
      return s;
    }
    String suggestion = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    error(src.pos(top.get("id").getValueNode()), DesignError.Kind.BAD_ID,
        "bad id '" + s + "': an id is lower-case letters, digits and '-', starting with a letter"
            + " or digit" + (suggestion.isEmpty() ? "" : ", e.g. '" + suggestion + "'"));
    return null;
  }

  // ================================================================ declarations

  private void readParameters(Optional<Node> node) {
    if (node.isEmpty()) {
      scopeReliable = false; // reported as a missing key
      return;
    }
    Optional<MappingNode> map = mapping(node.get(), "'parameters'",
        "one 'name: shape' line per parameter, e.g. 'u: vector 3'");
    if (map.isEmpty()) {
      scopeReliable = false;
      return;
    }
    Map<String, NodeTuple> entries = entries(map.get(), null, "parameter");
    if (entries.isEmpty()) {
      error(src.pos(map.get()), DesignError.Kind.EMPTY_SECTION,
          "'parameters' is empty: declare at least one parameter, e.g. 'u: vector 3'");
      scopeReliable = false;
    }
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      String name = e.getKey();
      SourcePos at = src.pos(e.getValue().getKeyNode());
      declare(name, "parameter", at);
      boolean nameOk = checkName(name, at, "parameter");
      Optional<Shape> shape = readShape(e.getValue().getValueNode(), name);
      if (nameOk && shape.isPresent()) {
        parameters.add(new ParameterDecl(name, shape.get(), at));
      }
    }
  }

  private Optional<Shape> readShape(Node node, String name) {
    String what = "the shape of parameter '" + name + "'";
    if (!(node instanceof ScalarNode s) || isNull(node)) {
      text(node, what);
      return Optional.empty();
    }
    String raw = s.getValue();
    String t = raw.strip();
    int lead = raw.indexOf(t.isEmpty() ? " " : t.substring(0, 1));
    if (t.equalsIgnoreCase("scalar")) {
      return Optional.of(Shape.scalar());
    }
    Matcher m = VECTOR.matcher(t);
    if (m.matches()) {
      Optional<Integer> n = dimension(s, lead + m.start(1), m.group(1), t, name);
      return n.map(Shape::vector);
    }
    m = MATRIX.matcher(t);
    if (m.matches()) {
      Optional<Integer> rows = dimension(s, lead + m.start(1), m.group(1), t, name);
      Optional<Integer> cols = dimension(s, lead + m.start(2), m.group(2), t, name);
      return rows.isPresent() && cols.isPresent()
          ? Optional.of(Shape.matrix(rows.get(), cols.get())) : Optional.empty();
    }
    m = SYMMETRIC.matcher(t);
    if (m.matches()) {
      return dimension(s, lead + m.start(1), m.group(1), t, name).map(Shape::symmetric);
    }
    String hint;
    String lower = t.toLowerCase(Locale.ROOT);
    if (WHOLE.matcher(t).matches()) {
      hint = "did you mean 'vector " + t + "'?";
    } else if (lower.startsWith("vector")) {
      hint = "a vector needs its length, e.g. 'vector 3'";
    } else if (lower.startsWith("matrix")) {
      hint = "a matrix needs its dimensions, e.g. 'matrix 2 x 3'";
    } else if (lower.startsWith("symmetric")) {
      hint = "a symmetric matrix needs its size, e.g. 'symmetric 3'";
    } else {
      hint = "expected 'scalar', 'vector N', 'matrix M x N' or 'symmetric N'";
    }
    error(src.pos(s), DesignError.Kind.BAD_SHAPE,
        "bad shape '" + t + "' for parameter '" + name + "': " + hint);
    return Optional.empty();
  }

  private Optional<Integer> dimension(ScalarNode s, int offset, String token, String shape,
      String name) {
    SourcePos at = src.posIn(s, offset);
    if (sizes.containsKey(token)) {
      token = String.valueOf(sizes.get(token));
    } else if (NAME.matcher(token).matches()) {
      error(at, DesignError.Kind.BAD_SHAPE, "bad shape '" + shape + "' for parameter '" + name
          + "': '" + token + "' is not a whole number or a declared size symbol (declare it"
          + " with 'sizes: [" + token + "]' for a size given a value at eval time)");
      return Optional.empty();
    }
    if (!WHOLE.matcher(token).matches()) {
      error(at, DesignError.Kind.BAD_SHAPE, "bad shape '" + shape + "' for parameter '" + name
          + "': '" + token + "' is not a whole number (write e.g. 'vector 3' or 'matrix 2 x 3')");
      return Optional.empty();
    }
    BigInteger v = new BigInteger(token);
    if (v.signum() <= 0) {
      error(at, DesignError.Kind.BAD_DIMENSION, "bad shape '" + shape + "' for parameter '" + name
          + "': dimensions must be positive, got " + v);
      return Optional.empty();
    }
    if (v.compareTo(BigInteger.valueOf(MAX_DIMENSION)) > 0) {
      error(at, DesignError.Kind.BAD_DIMENSION, "bad shape '" + shape + "' for parameter '" + name
          + "': dimension " + v + " is too large (at most " + MAX_DIMENSION
          + "; the engine works symbolically, entry by entry)");
      return Optional.empty();
    }
    return Optional.of(v.intValueExact());
  }

  private void readConstants(Optional<Node> node) {
    if (node.isEmpty()) {
      return;
    }
    Optional<MappingNode> map = mapping(node.get(), "'constants'",
        "one 'name: literal' line per constant, e.g. 'M: \"{{2,1},{0,1}}\"'");
    if (map.isEmpty()) {
      scopeReliable = false;
      return;
    }
    for (Map.Entry<String, NodeTuple> e : entries(map.get(), null, "constant").entrySet()) {
      String name = e.getKey();
      SourcePos at = src.pos(e.getValue().getKeyNode());
      declare(name, "constant", at);
      boolean nameOk = checkName(name, at, "constant");
      Node valueNode = e.getValue().getValueNode();
      if (valueNode instanceof ScalarNode vs && !isNull(vs)
          && KroneckerDecl.split(vs.getValue()).isPresent()) {
        Optional<KroneckerDecl> k = kronecker(vs, name);
        if (k.isPresent() && nameOk) {
          constants.add(new ConstantDecl(name, k.get(), at, exprPos(valueNode)));
        }
        continue;
      }
      Optional<NamedTransform> transform = transform(valueNode, name);
      if (transform == null) {
        continue; // a named transform of an invalid size, reported
      }
      if (transform.isPresent()) {
        if (nameOk) {
          constants.add(new ConstantDecl(name, transform.get().matrix(), at, exprPos(valueNode),
              transform));
        }
        continue;
      }
      Optional<Expr> value = expression(valueNode, "constant '" + name + "'");
      if (value.isPresent() && !sizes.isEmpty() && value.get() instanceof Expr.Vec) {
        error(src.pos(valueNode), DesignError.Kind.BAD_CONSTANT, "constant '" + name + "' is a"
            + " dense " + literalShape(value.get()) + " with a concrete size, but the design"
            + " declares the symbolic size " + String.join(", ", sizes.keySet()) + ": a dense"
            + " user-given operator cannot have n rows for every n. Give the design concrete"
            + " sizes, or write the operator by structure (elementwise, Accumulate)");
        continue;
      }
      if (value.isPresent() && checkLiteral(value.get(), (ScalarNode) valueNode, name) && nameOk) {
        constants.add(new ConstantDecl(name, value.get(), at, exprPos(valueNode)));
      }
    }
  }

  /**
   * A constant declared as a Kronecker product, {@code kron(dct 8, dct 8)}: each factor a named
   * transform or a square matrix constant declared above (a Kronecker constant's factors are
   * spliced in). Empty when a problem was reported (at the factor's line:col).
   */
  private Optional<KroneckerDecl> kronecker(ScalarNode s, String name) {
    List<KroneckerDecl.Part> parts = KroneckerDecl.split(s.getValue()).orElseThrow();
    String what = "constant '" + name + "' = " + s.getValue().strip();
    if (parts.size() < 2 || parts.stream().anyMatch(x -> x.text().isEmpty())) {
      error(src.posIn(s, 0), DesignError.Kind.BAD_CONSTANT, what + ": a Kronecker product"
          + " needs two factors or more, separated by commas, e.g. 'kron(dct 8, dct 8)'");
      return Optional.empty();
    }
    List<KroneckerDecl.Factor> factors = new ArrayList<>();
    boolean ok = true;
    for (KroneckerDecl.Part part : parts) {
      SourcePos at = src.posIn(s, part.offset());
      Optional<NamedTransform> t;
      try {
        t = NamedTransform.parse(part.text());
      } catch (IllegalArgumentException ex) {
        error(at, DesignError.Kind.BAD_CONSTANT, what + ": factor " + ex.getMessage());
        ok = false;
        continue;
      }
      if (t.isPresent()) {
        factors.add(new KroneckerDecl.Factor(KroneckerDecl.label(t.get()), t.get().declaration(),
            t, t.get().meaning(), t.get().matrix(), at));
        continue;
      }
      Optional<ConstantDecl> c = constants.stream().filter(x -> x.name().equals(part.text()))
          .findFirst();
      if (c.isPresent() && c.get().kronecker().isPresent()) {
        factors.addAll(c.get().kronecker().get().factors());
      } else if (c.isPresent() && squareSize(c.get().value()) > 0) {
        int n = squareSize(c.get().value());
        factors.add(new KroneckerDecl.Factor(part.text(), part.text(), Optional.empty(),
            "the constant " + n + "×" + n + " matrix " + part.text() + " of the design",
            c.get().value(), at));
      } else {
        error(at, DesignError.Kind.BAD_CONSTANT, what + ": factor '" + part.text() + "' is "
            + (c.isPresent() ? "not a square matrix" : "not a known operator") + ": a factor"
            + " is a named transform ('dct n', 'hadamard n', 'difference n', 'identity n') or"
            + " the name of a square matrix constant declared above '" + name + "'");
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    KroneckerDecl k = new KroneckerDecl(factors);
    long size = 1;
    for (KroneckerDecl.Factor f : factors) {
      size *= f.size();
    }
    if (size > KroneckerDecl.LARGEST) {
      error(src.posIn(s, 0), DesignError.Kind.BAD_CONSTANT, what + ": the product is " + size
          + "×" + size + "; Kronecker operators may have at most " + KroneckerDecl.LARGEST
          + " rows (the predictor's linear forms have n² terms)");
      return Optional.empty();
    }
    return Optional.of(k);
  }

  /** n when {@code value} is an n×n matrix literal, else 0. */
  private static int squareSize(Expr value) {
    if (!(value instanceof Expr.Vec rows) || rows.items().isEmpty()) {
      return 0;
    }
    int n = rows.items().size();
    for (Expr r : rows.items()) {
      if (!(r instanceof Expr.Vec row) || row.items().size() != n
          || row.items().stream().anyMatch(x -> x instanceof Expr.Vec)) {
        return 0;
      }
    }
    return n;
  }

  /**
   * A constant declared as a named transform ({@code dct 64}, {@code hadamard 32},
   * {@code difference 200}, {@code identity 8}); empty for a literal, null when the size is
   * invalid (reported here).
   */
  private Optional<NamedTransform> transform(Node node, String name) {
    if (!(node instanceof ScalarNode s) || isNull(s)) {
      return Optional.empty();
    }
    try {
      return NamedTransform.parse(s.getValue());
    } catch (IllegalArgumentException ex) {
      error(src.pos(node), DesignError.Kind.BAD_CONSTANT, "constant '" + name + "': "
          + ex.getMessage());
      return null;
    }
  }

  /**
   * {@code tables:}: {@code name: file.csv} per tabulated function (file relative to the design
   * file). The names share the namespace of parameters and constants and are usable as
   * function heads only; the files are read when the design is compiled.
   */
  private List<TableDecl> readTables(Optional<Node> node) {
    List<TableDecl> out = new ArrayList<>();
    if (node.isEmpty()) {
      return out;
    }
    Optional<MappingNode> map = mapping(node.get(), "'tables'",
        "one 'name: file.csv' line per tabulated function, e.g. 'phi: designed-phi.csv'");
    if (map.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, NodeTuple> e : entries(map.get(), null, "table").entrySet()) {
      String name = e.getKey();
      SourcePos at = src.pos(e.getValue().getKeyNode());
      declare(name, "table", at);
      boolean nameOk = checkName(name, at, "table");
      Node fileNode = e.getValue().getValueNode();
      Optional<String> file = text(fileNode, "the file of table '" + name + "'");
      if (file.isPresent() && nameOk) {
        tableNames.add(name);
        if (insideDesignFolder(file.get().strip(), src.pos(fileNode), name)) {
          out.add(new TableDecl(name, file.get().strip(), at, src.pos(fileNode)));
        }
      }
    }
    return out;
  }

  /**
   * A table file is named relative to the design and stays in its folder (or below): no
   * absolute path, no '..' out of it, so a design cannot make the tool read arbitrary files.
   */
  private boolean insideDesignFolder(String file, SourcePos at, String table) {
    Path p;
    try {
      p = Path.of(file);
    } catch (java.nio.file.InvalidPathException e) {
      error(at, DesignError.Kind.BAD_PATH, "the file of table '" + table + "' is not a file name");
      return false;
    }
    Path normal = p.normalize();
    if (p.isAbsolute() || file.startsWith("/") || file.startsWith("~")
        || normal.startsWith("..") || normal.toString().isEmpty()) {
      error(at, DesignError.Kind.BAD_PATH, "the file of table '" + table + "' must be in the"
          + " design's folder or below it (a relative path without '..' leaving it)");
      return false;
    }
    return true;
  }

  /** A constant must be a value: built-in symbols and functions only, and no ragged lists. */
  /** Values that are not numbers: a derivation with them would be "complete" and meaningless. */
  private static final Set<String> NON_FINITE = Set.of("Infinity", "ComplexInfinity",
      "Indeterminate", "DirectedInfinity");

  private boolean checkLiteral(Expr value, ScalarNode node, String name) {
    for (String s : nonFinite(value)) {
      error(symbolPos(node, s), DesignError.Kind.BAD_CONSTANT, "constant '" + name
          + "' is not finite (" + s + "): every constant must be a finite number or list");
      return false;
    }
    for (String s : Exprs.symbols(value)) {
      if (NON_FINITE.contains(s)) {
        error(symbolPos(node, s), DesignError.Kind.BAD_CONSTANT, "constant '" + name
            + "' is not finite (" + s + "): every constant must be a finite number or list");
        return false;
      }
      if (!WolframSyntax.isReservedName(s)) {
        error(symbolPos(node, s), DesignError.Kind.BAD_CONSTANT, "constant '" + name
            + "' must be a literal value (numbers, lists, built-ins such as Pi or Sqrt[2]),"
            + " but it uses the symbol '" + s + "'" + eNotationHint(node.getValue(), s));
        return false;
      }
    }
    for (String h : heads(value)) {
      if (NON_FINITE.contains(h)) {
        error(symbolPos(node, h), DesignError.Kind.BAD_CONSTANT, "constant '" + name
            + "' is not finite (" + h + "): every constant must be a finite number or list");
        return false;
      }
      if (!WolframSyntax.isReservedName(h)) {
        error(symbolPos(node, h), DesignError.Kind.BAD_CONSTANT, "constant '" + name
            + "' uses the unknown function '" + h + "'" + capitalHint(h));
        return false;
      }
    }
    Optional<String> ragged = raggedness(value);
    if (ragged.isPresent()) {
      error(src.pos(node), DesignError.Kind.BAD_CONSTANT,
          "constant '" + name + "' is not a proper vector or matrix: " + ragged.get());
      return false;
    }
    return true;
  }

  private static Optional<String> raggedness(Expr e) {
    if (!(e instanceof Expr.Vec v)) {
      return Optional.empty();
    }
    long lists = v.items().stream().filter(x -> x instanceof Expr.Vec).count();
    if (lists != 0 && lists != v.items().size()) {
      return Optional.of("it mixes lists and single values at the same level");
    }
    if (lists > 0) {
      Set<Integer> lengths = new LinkedHashSet<>();
      for (Expr row : v.items()) {
        lengths.add(((Expr.Vec) row).items().size());
      }
      if (lengths.size() > 1) {
        return Optional.of("its rows have different lengths " + lengths);
      }
      for (Expr row : v.items()) {
        Optional<String> inner = raggedness(row);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  private PredictorDecl readPredictor(Optional<Node> node) {
    if (node.isEmpty()) {
      return null;
    }
    Optional<MappingNode> map = mapping(node.get(), "'predictor'",
        "exactly one 'name: expression' line, e.g. 'beta: u*v'");
    if (map.isEmpty()) {
      return null;
    }
    Map<String, NodeTuple> entries = entries(map.get(), null, "predictor");
    if (entries.size() != 1) {
      List<NodeTuple> all = new ArrayList<>(entries.values());
      SourcePos at = entries.isEmpty() ? src.pos(map.get()) : src.pos(all.get(1).getKeyNode());
      error(at, DesignError.Kind.PREDICTOR_COUNT, "'predictor' must have exactly one entry"
          + " (name: expression), found " + entries.size()
          + (entries.isEmpty() ? "" : " (" + String.join(", ", entries.keySet())
          + "); for several outputs use one vector expression, e.g. 'beta: {u*v, u+v}'"));
      if (entries.isEmpty()) {
        return null;
      }
    }
    Map.Entry<String, NodeTuple> first = entries.entrySet().iterator().next();
    String name = first.getKey();
    SourcePos at = src.pos(first.getValue().getKeyNode());
    predictorName = name;
    predictorAt = at;
    boolean nameOk = checkName(name, at, "predictor");
    Node exprNode = first.getValue().getValueNode();
    Optional<Expr> expr = expression(exprNode, "the predictor '" + name + "'");
    if (expr.isEmpty()) {
      return null;
    }
    // the temperature may appear: inverse designs have predictors such as -(T/l) Log[1 - …/T]
    checkScope(expr.get(), (ScalarNode) exprNode, "the predictor",
        scope(true, List.of(temperature)));
    return nameOk ? new PredictorDecl(name, expr.get(), at, exprPos(exprNode)) : null;
  }

  private void readTemperature(Node node) {
    Optional<String> t = text(node, "'temperature'");
    if (t.isEmpty()) {
      return;
    }
    String name = t.get().strip();
    if (checkName(name, src.pos(node), "temperature symbol")) {
      temperature = name;
      temperatureAt = src.pos(node);
    }
  }

  /** Parameters, constants, the predictor and the temperature share one namespace. */
  private void checkClashes(boolean temperatureDeclared) {
    // duplicates among parameters and constants were recorded by declare()
    if (predictorName != null && declaredRole.containsKey(predictorName)) {
      error(predictorAt, DesignError.Kind.NAME_CLASH, "predictor '" + predictorName
          + "' has the same name as the " + declaredRole.get(predictorName) + " declared at "
          + declaredAt.get(predictorName) + "; names must be unique");
    }
    String clash = declaredRole.containsKey(temperature) ? declaredRole.get(temperature)
        : temperature.equals(predictorName) ? "predictor" : null;
    if (clash == null) {
      return;
    }
    if (temperatureDeclared) {
      error(temperatureAt, DesignError.Kind.NAME_CLASH, "temperature symbol '" + temperature
          + "' has the same name as the " + clash + "; names must be unique");
    } else {
      SourcePos at = "predictor".equals(clash) ? predictorAt : declaredAt.get(temperature);
      error(at, DesignError.Kind.NAME_CLASH, clash + " '" + temperature + "' has the same name"
          + " as the temperature symbol (T by default): rename it, or name the temperature"
          + " with 'temperature:'");
    }
  }

  private void declare(String name, String role, SourcePos at) {
    SourcePos first = declaredAt.get(name);
    if (first != null) {
      if (!declaredRole.get(name).equals(role)) {
        error(at, DesignError.Kind.NAME_CLASH, role + " '" + name + "' has the same name as the "
            + declaredRole.get(name) + " declared at " + first + "; names must be unique");
      }
      return; // a duplicate key within one section is reported by entries()
    }
    declaredRole.put(name, role);
    declaredAt.put(name, at);
  }

  /**
   * A user-chosen name must be a Wolfram identifier without {@code $} (the engine names
   * components {@code u$1}, {@code U$i$j}) and must not shadow a built-in.
   */
  private boolean checkName(String name, SourcePos at, String role) {
    if (!NAME.matcher(name).matches()) {
      String why;
      if (name.contains("$")) {
        why = "'$' is reserved for the engine's component names (u$1..u$n, U$i$j)";
      } else if (name.contains("_")) {
        why = "'_' makes a pattern in Wolfram syntax; write e.g. '" + name.replace("_", "")
            + "'";
      } else if (name.isEmpty()) {
        why = "the name is empty";
      } else {
        why = "a name is a letter followed by letters and digits";
      }
      error(at, DesignError.Kind.BAD_NAME, "'" + name + "' is not a valid " + role
          + " name: " + why);
      return false;
    }
    Optional<String> meaning = WolframSyntax.reservedMeaning(name);
    if (meaning.isPresent()) {
      error(at, DesignError.Kind.RESERVED_NAME, "'" + name + "' is a reserved Wolfram name ("
          + meaning.get() + "); rename the " + role + ", e.g. '" + freeVariant(name) + "'");
      return false;
    }
    return true;
  }

  private String freeVariant(String name) {
    List<String> candidates = new ArrayList<>();
    if (name.length() == 1) {
      candidates.add(name + "m");
    } else {
      candidates.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
    }
    candidates.add(name + "0");
    candidates.add(name + "1");
    candidates.add(name + "x");
    for (String c : candidates) {
      if (!WolframSyntax.isReservedName(c) && !declaredRole.containsKey(c)) {
        return c;
      }
    }
    return name + "Var";
  }

  private Variant readVariant(Node node) {
    Optional<String> t = text(node, "'variant'");
    if (t.isEmpty()) {
      return Variant.QUOTIENT;
    }
    String v = t.get().strip();
    if (VARIANTS.contains(v)) {
      return Variant.valueOf(v.toUpperCase(Locale.ROOT));
    }
    error(src.pos(node), DesignError.Kind.BAD_VARIANT, "unknown variant '" + v
        + "': expected one of " + String.join(", ", VARIANTS)
        + Suggestions.closest(v, VARIANTS).map(s -> " (did you mean '" + s + "'?)").orElse(""));
    return Variant.QUOTIENT;
  }

  // ================================================================ conditions, symmetry, loss

  private List<Located<Expr>> readAssumptions(Optional<Node> node) {
    List<Located<Expr>> out = new ArrayList<>();
    if (node.isEmpty()) {
      return out;
    }
    for (Node item : sequence(node.get(), "'assumptions'", "- v > 0")) {
      Optional<Expr> e = expression(item, "an assumption");
      if (e.isEmpty()) {
        continue;
      }
      ScalarNode s = (ScalarNode) item;
      if (!(e.get() instanceof Expr.Fn f && RELATIONS.contains(f.head()))) {
        error(src.pos(item), DesignError.Kind.BAD_CONDITION, "assumption '" + s.getValue().strip()
            + "' is not a condition: write a relation such as 'v > 0' or 'Element[u, Reals]'");
        continue;
      }
      List<String> inScope = new ArrayList<>();
      if (predictorName != null) {
        inScope.add(predictorName);
      }
      inScope.add(temperature);
      if (checkScope(e.get(), s, "an assumption", scope(true, inScope))) {
        out.add(new Located<>(e.get(), exprPos(item)));
      }
    }
    return out;
  }

  /** The declared generators; the declared actions go to {@code actions}. */
  private List<GeneratorDecl> readSymmetry(Node node, List<ActionDecl> actions) {
    List<GeneratorDecl> out = new ArrayList<>();
    Optional<MappingNode> map = mapping(node, "'symmetry'", "a mapping with 'generators:'"
        + " and/or 'actions:' (omit 'symmetry' to let the engine discover it)");
    if (map.isEmpty()) {
      return out;
    }
    Map<String, NodeTuple> keys = entries(map.get(), SYMMETRY_KEYS, "key in 'symmetry'");
    if (!keys.containsKey("generators") && !keys.containsKey("actions")) {
      error(src.pos(map.get()), DesignError.Kind.MISSING_KEY, "'symmetry' needs 'generators:'"
          + " or 'actions:' (omit 'symmetry' altogether to let the engine discover the"
          + " symmetries)");
      return out;
    }
    if (keys.containsKey("generators")) {
      Node gens = keys.get("generators").getValueNode();
      List<Node> items = sequence(gens, "'generators'", "- field: {u: u, v: -v}");
      if (items.isEmpty() && gens instanceof SequenceNode) {
        error(src.pos(gens), DesignError.Kind.EMPTY_SECTION, "'generators' is empty: declare"
            + " at least one generator, or omit 'symmetry' to let the engine discover them");
      }
      for (Node item : items) {
        readGenerator(item).ifPresent(out::add);
      }
    }
    if (keys.containsKey("actions")) {
      Node acts = keys.get("actions").getValueNode();
      List<Node> items = sequence(acts, "'actions'", "- {group: scale, element: c, acts: ...}");
      if (items.isEmpty() && acts instanceof SequenceNode) {
        error(src.pos(acts), DesignError.Kind.EMPTY_SECTION, "'actions' is empty: declare at"
            + " least one action, or omit it");
      }
      for (Node item : items) {
        readAction(item).ifPresent(actions::add);
      }
    }
    return out;
  }

  private Optional<ActionDecl> readAction(Node node) {
    Optional<MappingNode> map = mapping(node, "an action",
        "a mapping with 'group:', 'element:', 'acts:' and optionally 'name:' and 'for:'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> keys = entries(map.get(), ACTION_KEYS, "key in an action");
    boolean ok = true;
    Optional<String> label = Optional.empty();
    if (keys.containsKey("name")) {
      label = text(keys.get("name").getValueNode(), "an action's 'name'").map(String::strip);
      ok &= label.isPresent();
    }
    String what = label.map(l -> "action '" + l + "'").orElse("an action");
    for (String k : List.of("group", "element", "acts")) {
      if (!keys.containsKey(k)) {
        error(src.pos(map.get()), DesignError.Kind.MISSING_KEY, what + " needs '" + k + ":'"
            + switch (k) {
              case "group" -> " (GL k, SL k, O k, SO k or scale)";
              case "element" -> " (the symbol standing for the group element, e.g. 'A')";
              default -> " (what each moved parameter becomes, e.g. 'U: U.A')";
            });
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    Optional<ActionDecl.Group> group = readGroup(keys.get("group").getValueNode(), what);
    Optional<String> element = readElement(keys.get("element").getValueNode(), what);
    List<IndexRange> indices = List.of();
    if (keys.containsKey("for")) {
      Optional<List<IndexRange>> r = readRanges(keys.get("for").getValueNode(), what);
      ok &= r.isPresent();
      indices = r.orElse(List.of());
    }
    if (group.isEmpty() || element.isEmpty() || !ok) {
      return Optional.empty();
    }
    List<String> indexNames = indices.stream().map(IndexRange::name).toList();
    if (indexNames.contains(element.get())) {
      error(src.pos(keys.get("element").getValueNode()), DesignError.Kind.NAME_CLASH, "the"
          + " element '" + element.get() + "' of " + what + " has the same name as an index");
      return Optional.empty();
    }
    Node actsNode = keys.get("acts").getValueNode();
    Optional<MappingNode> actsMap = mapping(actsNode, "the 'acts' of " + what,
        "one 'parameter: image' line per moved parameter, e.g. 'U: U.A'");
    if (actsMap.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> entries = entries(actsMap.get(), null, "entry of 'acts'");
    if (entries.isEmpty()) {
      error(src.pos(actsMap.get()), DesignError.Kind.EMPTY_SECTION, "the 'acts' of " + what
          + " is empty: give at least one 'parameter: image'");
      return Optional.empty();
    }
    List<String> inScope = new ArrayList<>(indexNames);
    inScope.add(element.get());
    List<ActionDecl.Acted> acted = new ArrayList<>();
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      Node keyNode = e.getValue().getKeyNode();
      Optional<ActionDecl.Acted> a = readActed(keyNode, e.getValue().getValueNode(), what,
          inScope, indexNames);
      ok &= a.isPresent();
      a.ifPresent(acted::add);
    }
    return ok ? Optional.of(new ActionDecl(label, group.get(), element.get(), indices, acted,
        src.pos(map.get()))) : Optional.empty();
  }

  private Optional<ActionDecl.Group> readGroup(Node node, String what) {
    Optional<String> t = text(node, "the 'group' of " + what);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = GROUP.matcher(t.get());
    if (!m.matches()) {
      error(src.pos(node), DesignError.Kind.BAD_GROUP, "unknown group '" + t.get().strip()
          + "' in " + what + "; expected GL k, SL k, O k, SO k (k a size, e.g. 'GL 2') or"
          + " scale");
      return Optional.empty();
    }
    if (m.group(3) != null) {
      return Optional.of(new ActionDecl.Group(ActionDecl.GroupKind.SCALE, 1));
    }
    int k;
    try {
      k = Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      k = -1;
    }
    if (k < 1 || k > MAX_DIMENSION) {
      error(src.pos(node), DesignError.Kind.BAD_GROUP, "the size of group '" + t.get().strip()
          + "' in " + what + " must be between 1 and " + MAX_DIMENSION);
      return Optional.empty();
    }
    return Optional.of(new ActionDecl.Group(ActionDecl.GroupKind.valueOf(m.group(1)), k));
  }

  private Optional<String> readElement(Node node, String what) {
    Optional<String> t = text(node, "the 'element' of " + what).map(String::strip);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    SourcePos at = src.pos(node);
    if (!checkName(t.get(), at, "group element")) {
      return Optional.empty();
    }
    String name = t.get();
    if (declaredRole.containsKey(name) || name.equals(predictorName)
        || name.equals(temperature)) {
      String role = declaredRole.containsKey(name) ? declaredRole.get(name)
          : name.equals(predictorName) ? "predictor" : "temperature symbol";
      error(at, DesignError.Kind.NAME_CLASH, "the element '" + name + "' of " + what
          + " has the same name as the " + role + "; choose another, e.g. 'A'");
      return Optional.empty();
    }
    return t;
  }

  /** One {@code acts} entry: {@code U: U.A} or {@code W[[j]]: c*W[[j]]}. */
  private Optional<ActionDecl.Acted> readActed(Node keyNode, Node valueNode, String what,
      List<String> inScope, List<String> indexNames) {
    SourcePos at = src.pos(keyNode);
    Optional<Expr> key = expression(keyNode, "a key of the 'acts' of " + what);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String parameter = null;
    List<Expr> part = List.of();
    if (key.get() instanceof Expr.Sym s) {
      parameter = s.name();
    } else if (key.get() instanceof Expr.Fn f && f.head().equals("Part") && f.args().size() >= 2
        && f.args().get(0) instanceof Expr.Sym s) {
      parameter = s.name();
      part = f.args().subList(1, f.args().size());
      for (Expr index : part) {
        boolean literal = index instanceof Expr.Num n && n.den().equals(BigInteger.ONE)
            && n.num().signum() > 0;
        if (!literal && !(index instanceof Expr.Sym i && indexNames.contains(i.name()))) {
          error(at, DesignError.Kind.BAD_ACTED, "the part '" + ((ScalarNode) keyNode).getValue()
              + "' in the 'acts' of " + what + " must be indexed by positive integers or the"
              + " action's indices (" + (indexNames.isEmpty() ? "none declared"
              : String.join(", ", indexNames)) + ")");
          return Optional.empty();
        }
      }
    } else {
      error(at, DesignError.Kind.BAD_ACTED, "a key of the 'acts' of " + what + " must be a"
          + " parameter or a part of one, e.g. 'U' or 'W[[j]]'; got '"
          + ((ScalarNode) keyNode).getValue() + "'");
      return Optional.empty();
    }
    if (scopeReliable && !"parameter".equals(declaredRole.get(parameter))) {
      List<String> params = parameterNames();
      error(at, DesignError.Kind.NOT_A_PARAMETER, "'" + parameter + "' in the 'acts' of "
          + what + " is not a parameter (parameters: " + String.join(", ", params) + ")"
          + Suggestions.closest(parameter, params).map(s -> "; did you mean '" + s + "'?")
          .orElse(""));
      return Optional.empty();
    }
    Optional<Expr> image = expression(valueNode, "the image of '" + parameter + "' under "
        + what);
    if (image.isEmpty() || !checkScope(image.get(), (ScalarNode) valueNode, "the 'acts' of "
        + what, scope(true, inScope))) {
      return Optional.empty();
    }
    return Optional.of(new ActionDecl.Acted(parameter, part,
        new Located<>(image.get(), exprPos(valueNode)), at));
  }

  private Optional<GeneratorDecl> readGenerator(Node node) {
    Optional<MappingNode> map = mapping(node, "a generator",
        "a mapping with 'field:' and optionally 'name:' and 'for:'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> keys = entries(map.get(), GENERATOR_KEYS, "key in a generator");
    boolean ok = true;
    Optional<String> label = Optional.empty();
    if (keys.containsKey("name")) {
      label = text(keys.get("name").getValueNode(), "a generator's 'name'").map(String::strip);
      ok &= label.isPresent();
    }
    String what = label.map(l -> "generator '" + l + "'").orElse("a generator");
    List<IndexRange> indices = List.of();
    if (keys.containsKey("for")) {
      Optional<List<IndexRange>> r = readRanges(keys.get("for").getValueNode(), what);
      ok &= r.isPresent();
      indices = r.orElse(List.of());
    }
    if (!keys.containsKey("field")) {
      error(src.pos(map.get()), DesignError.Kind.MISSING_KEY, what + " needs 'field:' (the"
          + " vector field per parameter, e.g. 'u: u' and 'v: -v')");
      return Optional.empty();
    }
    Node fieldNode = keys.get("field").getValueNode();
    Optional<MappingNode> fieldMap = mapping(fieldNode, "the field of " + what,
        "one 'parameter: expression' line per parameter that moves");
    if (fieldMap.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> components = entries(fieldMap.get(), null, "field component");
    if (components.isEmpty()) {
      error(src.pos(fieldMap.get()), DesignError.Kind.EMPTY_SECTION, "the field of " + what
          + " is empty: give at least one 'parameter: expression'");
      return Optional.empty();
    }
    Map<String, Located<Expr>> field = new LinkedHashMap<>();
    List<String> indexNames = indices.stream().map(IndexRange::name).toList();
    for (Map.Entry<String, NodeTuple> c : components.entrySet()) {
      String p = c.getKey();
      SourcePos at = src.pos(c.getValue().getKeyNode());
      if (scopeReliable && !"parameter".equals(declaredRole.get(p))) {
        List<String> params = parameterNames();
        error(at, DesignError.Kind.NOT_A_PARAMETER, "'" + p + "' in the field of " + what
            + " is not a parameter (parameters: " + String.join(", ", params) + ")"
            + Suggestions.closest(p, params).map(s -> "; did you mean '" + s + "'?").orElse(""));
        ok = false;
        continue;
      }
      Node exprNode = c.getValue().getValueNode();
      Optional<Expr> e = expression(exprNode, "the field component '" + p + "' of " + what);
      if (e.isEmpty()) {
        ok = false;
        continue;
      }
      ok &= checkScope(e.get(), (ScalarNode) exprNode, "the field of " + what,
          scope(true, indexNames));
      field.put(p, new Located<>(e.get(), exprPos(exprNode)));
    }
    return ok ? Optional.of(new GeneratorDecl(label, indices, field, src.pos(map.get())))
        : Optional.empty();
  }

  private Optional<List<IndexRange>> readRanges(Node node, String what) {
    Optional<String> t = text(node, "'for' of " + what);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    ScalarNode s = (ScalarNode) node;
    String raw = s.getValue();
    List<IndexRange> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    int offset = 0;
    long count = 1;
    boolean ok = true;
    for (String part : raw.split(",", -1)) {
      SourcePos at = src.posIn(s, offset + leadingSpaces(part));
      offset += part.length() + 1;
      Matcher m = RANGE.matcher(sizedRange(part));
      if (!m.matches() || !WHOLE.matcher(m.group(2)).matches()
          || !WHOLE.matcher(m.group(3)).matches()) {
        String bound = m.matches() && NAME.matcher(m.group(3)).matches() ? m.group(3)
            : m.matches() && NAME.matcher(m.group(2)).matches() ? m.group(2) : null;
        error(at, DesignError.Kind.BAD_RANGE, "malformed 'for' of " + what + ": '"
            + part.strip() + "'; expected 'i in 1..3' (several: 'i in 1..2, j in 1..2')"
            + (bound == null ? "" : "; '" + bound + "' is not a declared size symbol (declare"
            + " it with 'sizes: [" + bound + "]')"));
        ok = false;
        continue;
      }
      String name = m.group(1);
      if (!checkName(name, at, "index")) {
        ok = false;
        continue;
      }
      if (declaredRole.containsKey(name) || name.equals(predictorName)
          || name.equals(temperature)) {
        String role = declaredRole.containsKey(name) ? declaredRole.get(name)
            : name.equals(predictorName) ? "predictor" : "temperature symbol";
        error(at, DesignError.Kind.NAME_CLASH, "index '" + name + "' of " + what
            + " has the same name as the " + role + "; choose another index name, e.g. 'i'");
        ok = false;
        continue;
      }
      if (!seen.add(name)) {
        error(at, DesignError.Kind.NAME_CLASH, "index '" + name + "' is used twice in the 'for'"
            + " of " + what);
        ok = false;
        continue;
      }
      Optional<Integer> from = bound(m.group(2));
      Optional<Integer> to = bound(m.group(3));
      if (from.isEmpty() || to.isEmpty()) {
        error(at, DesignError.Kind.BAD_RANGE, "range '" + part.strip() + "' of " + what
            + " has a bound beyond ±" + MAX_GENERATORS);
        ok = false;
        continue;
      }
      if (to.get() < from.get()) {
        error(at, DesignError.Kind.BAD_RANGE, "empty range " + from.get() + ".." + to.get()
            + " for index '" + name + "' of " + what + ": the first value must not exceed the"
            + " last");
        ok = false;
        continue;
      }
      IndexRange r = new IndexRange(name, from.get(), to.get());
      count *= r.size();
      out.add(r);
    }
    if (ok && count > MAX_GENERATORS) {
      error(src.pos(node), DesignError.Kind.BAD_RANGE, "'for' of " + what + " expands to "
          + count + " generators (at most " + MAX_GENERATORS + ")");
      ok = false;
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  /** {@code 3 x 3 matrix}, {@code vector of 4}: the shape of a literal list. */
  private static String literalShape(Expr e) {
    List<Expr> rows = ((Expr.Vec) e).items();
    return !rows.isEmpty() && rows.get(0) instanceof Expr.Vec r
        ? rows.size() + " x " + r.items().size() + " matrix" : "vector of " + rows.size();
  }

  /** A range with its size symbols written as their values ({@code i in 1..n}). */
  private String sizedRange(String part) {
    Matcher m = RANGE.matcher(part);
    if (!m.matches() || sizes.isEmpty()) {
      return part;
    }
    String from = sizes.containsKey(m.group(2)) ? String.valueOf(sizes.get(m.group(2)))
        : m.group(2);
    String to = sizes.containsKey(m.group(3)) ? String.valueOf(sizes.get(m.group(3)))
        : m.group(3);
    return part.substring(0, m.start(2)) + from + part.substring(m.end(2), m.start(3)) + to
        + part.substring(m.end(3));
  }

  private static Optional<Integer> bound(String token) {
    BigInteger v = new BigInteger(token);
    return v.abs().compareTo(BigInteger.valueOf(MAX_GENERATORS)) > 0
        ? Optional.empty() : Optional.of(v.intValue());
  }

  private static int leadingSpaces(String s) {
    int k = 0;
    while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private List<GaugeCondition> readGauge(Node node) {
    List<GaugeCondition> out = new ArrayList<>();
    for (Node item : sequence(node, "'gauge'", "- u^2 - v^2")) {
      Optional<Expr> e = expression(item, "a gauge condition");
      if (e.isEmpty()) {
        continue;
      }
      ScalarNode s = (ScalarNode) item;
      Optional<Expr> chi = asEquation(e.get());
      if (chi.isEmpty()) {
        error(src.pos(item), DesignError.Kind.BAD_CONDITION, "gauge condition '"
            + s.getValue().strip() + "' is not an equation: write χ (meaning χ = 0) or"
            + " 'lhs == rhs', one condition per list item");
        continue;
      }
      if (checkScope(e.get(), s, "a gauge condition", scope(true, List.of()))) {
        out.add(new GaugeCondition(chi.get(), exprPos(item)));
      }
    }
    return out;
  }

  /** χ for "χ" or "lhs == rhs" (as lhs - rhs); empty for inequalities and logic. */
  private static Optional<Expr> asEquation(Expr e) {
    if (e instanceof Expr.Fn f && f.head().equals("Equal")) {
      if (f.args().size() != 2) {
        return Optional.empty();
      }
      Expr lhs = f.args().get(0);
      Expr rhs = f.args().get(1);
      if (Exprs.isZero(rhs)) {
        return Optional.of(lhs);
      }
      Expr minusRhs = rhs instanceof Expr.Num n ? new Expr.Num(n.num().negate(), n.den())
          : Expr.mul(Expr.integer(-1), rhs);
      List<Expr> terms = new ArrayList<>();
      if (lhs instanceof Expr.Add a) {
        terms.addAll(a.terms());
      } else {
        terms.add(lhs);
      }
      terms.add(minusRhs);
      return Optional.of(new Expr.Add(terms));
    }
    if (e instanceof Expr.Fn f && RELATIONS.contains(f.head())) {
      return Optional.empty();
    }
    return Optional.of(e);
  }

  private Optional<Located<Expr>> readLoss(Node node) {
    Optional<Expr> e = expression(node, "the loss");
    if (e.isEmpty()) {
      return Optional.empty();
    }
    ScalarNode s = (ScalarNode) node;
    if (scopeReliable) {
      for (String sym : Exprs.symbols(e.get())) {
        if ("parameter".equals(declaredRole.get(sym))) {
          error(symbolPos(s, sym), DesignError.Kind.LOSS_NOT_OF_PREDICTOR, "the loss must be a"
              + " function of the predictor" + (predictorName == null ? ""
              : " '" + predictorName + "'") + ", not of the parameters: it uses '" + sym
              + "'; write it in terms of the predictor");
          return Optional.empty();
        }
      }
    }
    List<String> inScope = new ArrayList<>();
    if (predictorName != null) {
      inScope.add(predictorName);
    }
    inScope.add(temperature);
    if (!checkScope(e.get(), s, "the loss", scope(false, inScope))) {
      return Optional.empty();
    }
    return Optional.of(new Located<>(e.get(), exprPos(node)));
  }

  // ================================================================ data (minibatch SGD)

  private Optional<DataDecl> readData(Node node) {
    Optional<MappingNode> map = mapping(node, "'data'", "a mapping with 'inputs:', 'teacher:',"
        + " 'per_sample_loss:', 'batch:' and 'learning_rate:'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> keys = entries(map.get(), DATA_KEYS, "key in 'data'");
    boolean ok = true;
    for (String k : DATA_REQUIRED) {
      if (!keys.containsKey(k)) {
        error(src.pos(map.get()), DesignError.Kind.MISSING_KEY, "'data' needs '" + k + ":'"
            + dataExample(k));
        ok = false;
      }
    }
    List<ParameterDecl> inputs = new ArrayList<>();
    List<String> inputNames = new ArrayList<>();
    if (keys.containsKey("inputs")) {
      Optional<MappingNode> in = mapping(keys.get("inputs").getValueNode(), "'inputs' of 'data'",
          "one 'name: shape' line per input, e.g. 'x: scalar' or 'x: vector 3'");
      if (in.isEmpty()) {
        ok = false;
      } else {
        Map<String, NodeTuple> entries = entries(in.get(), null, "input");
        if (entries.isEmpty()) {
          error(src.pos(in.get()), DesignError.Kind.EMPTY_SECTION,
              "'inputs' is empty: declare at least one input, e.g. 'x: scalar'");
          ok = false;
        }
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
          String name = e.getKey();
          SourcePos at = src.pos(e.getValue().getKeyNode());
          inputNames.add(name);
          boolean nameOk = checkName(name, at, "input") && checkDataNameFree(name, at, "input");
          Optional<Shape> shape = readShape(e.getValue().getValueNode(), name);
          if (shape.isPresent() && shape.get().kind() == Shape.Kind.MATRIX) {
            error(src.pos(e.getValue().getValueNode()), DesignError.Kind.BAD_SHAPE, "input '"
                + name + "' must be a scalar or a vector (matrix inputs are not supported)");
            shape = Optional.empty();
          }
          if (nameOk && shape.isPresent()) {
            inputs.add(new ParameterDecl(name, shape.get(), at));
          } else {
            ok = false;
          }
        }
      }
    }
    String label = DataDecl.DEFAULT_LABEL;
    SourcePos labelAt = src.pos(map.get());
    if (keys.containsKey("label")) {
      Node n = keys.get("label").getValueNode();
      Optional<String> t = text(n, "'label' of 'data'");
      if (t.isPresent()) {
        label = t.get().strip();
        labelAt = src.pos(n);
      } else {
        ok = false;
      }
    }
    if (!checkName(label, labelAt, "label") || !checkDataNameFree(label, labelAt, "label")) {
      ok = false;
    } else if (inputNames.contains(label)) {
      error(labelAt, DesignError.Kind.NAME_CLASH, "label '" + label + "' has the same name as"
          + " an input; name the label with 'label:', e.g. 'label: y'");
      ok = false;
    }
    double mean = number(keys, "input_mean", 0.0, false);
    double sd = number(keys, "input_sd", 1.0, true);
    double noise = number(keys, "label_noise", 0.0, true);
    double rate = number(keys, "learning_rate", Double.NaN, true);
    if (keys.containsKey("learning_rate") && !(rate > 0)) {
      if (!Double.isNaN(rate)) {
        error(src.pos(keys.get("learning_rate").getValueNode()), DesignError.Kind.WRONG_TYPE,
            "'learning_rate' must be positive, got " + rate);
      }
      ok = false;
    }
    ok &= !Double.isNaN(mean) && !Double.isNaN(sd) && !Double.isNaN(noise);
    int batch = whole(keys, "batch", 1, 1, Integer.MAX_VALUE);
    int samples = whole(keys, "samples", 0, 0, MAX_SAMPLES);
    ok &= batch >= 1 && samples >= 0;

    List<String> teacherScope = new ArrayList<>(inputNames);
    Optional<Located<Expr>> teacher = keys.containsKey("teacher")
        ? dataExpression(keys.get("teacher").getValueNode(), "the teacher", teacherScope)
        : Optional.empty();
    List<String> lossScope = new ArrayList<>(inputNames);
    lossScope.add(label);
    if (predictorName != null) {
      lossScope.add(predictorName);
    }
    Optional<Located<Expr>> loss = keys.containsKey("per_sample_loss")
        ? dataExpression(keys.get("per_sample_loss").getValueNode(), "the per-sample loss",
            lossScope)
        : Optional.empty();
    if (!ok || teacher.isEmpty() || loss.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DataDecl(inputs, mean, sd, label, teacher.get(), noise, loss.get(),
        batch, rate, samples, src.pos(map.get())));
  }

  private static String dataExample(String key) {
    switch (key) {
      case "inputs":
        return " (e.g. 'inputs:' followed by '    x: scalar')";
      case "teacher":
        return " (the noise-free label, e.g. 'teacher: 2*x')";
      case "per_sample_loss":
        return " (e.g. 'per_sample_loss: (beta*x - y)^2/2')";
      case "batch":
        return " (the minibatch size, e.g. 'batch: 8')";
      default:
        return " (e.g. 'learning_rate: 0.01')";
    }
  }

  /** Input and label names share the design's namespace. */
  private boolean checkDataNameFree(String name, SourcePos at, String role) {
    String clash = declaredRole.containsKey(name) ? declaredRole.get(name)
        : name.equals(predictorName) ? "predictor"
        : name.equals(temperature) ? "temperature symbol" : null;
    if (clash == null) {
      return true;
    }
    error(at, DesignError.Kind.NAME_CLASH, role + " '" + name + "' has the same name as the "
        + clash + "; names must be unique");
    return false;
  }

  /** An expression of the data block: no parameters (the model enters through the predictor). */
  private Optional<Located<Expr>> dataExpression(Node node, String what, List<String> extra) {
    Optional<Expr> e = expression(node, what);
    if (e.isEmpty()) {
      return Optional.empty();
    }
    ScalarNode s = (ScalarNode) node;
    if (scopeReliable) {
      for (String sym : Exprs.symbols(e.get())) {
        if ("parameter".equals(declaredRole.get(sym))) {
          error(symbolPos(s, sym), DesignError.Kind.LOSS_NOT_OF_PREDICTOR, what + " must not use"
              + " the parameter '" + sym + "': the model enters through the predictor"
              + (predictorName == null ? "" : " '" + predictorName + "'"));
          return Optional.empty();
        }
      }
    }
    if (!checkScope(e.get(), s, what, scope(false, extra))) {
      return Optional.empty();
    }
    return Optional.of(new Located<>(e.get(), exprPos(node)));
  }

  /** A real number of the data block, {@code fallback} when absent, NaN (reported) when bad. */
  private double number(Map<String, NodeTuple> keys, String key, double fallback,
      boolean nonNegative) {
    if (!keys.containsKey(key)) {
      return fallback;
    }
    Node n = keys.get(key).getValueNode();
    Optional<String> t = text(n, "'" + key + "' of 'data'");
    if (t.isEmpty()) {
      return Double.NaN;
    }
    double v;
    try {
      v = Double.parseDouble(t.get().strip());
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!Double.isFinite(v) || t.get().strip().matches("(?i).*(nan|infinity).*")) {
      error(src.pos(n), DesignError.Kind.WRONG_TYPE, "'" + key + "' must be a number such as"
          + " 0.1 or 1e-3, not '" + t.get().strip() + "'");
      return Double.NaN;
    }
    if (nonNegative && v < 0) {
      error(src.pos(n), DesignError.Kind.WRONG_TYPE, "'" + key + "' must not be negative, got "
          + t.get().strip());
      return Double.NaN;
    }
    return v;
  }

  /** A whole number of the data block in [min, max]; -1 (reported) when bad. */
  private int whole(Map<String, NodeTuple> keys, String key, int fallback, int min, int max) {
    if (!keys.containsKey(key)) {
      return fallback;
    }
    Node n = keys.get(key).getValueNode();
    Optional<String> t = text(n, "'" + key + "' of 'data'");
    if (t.isEmpty()) {
      return -1;
    }
    String v = t.get().strip();
    if (!WHOLE.matcher(v).matches() || new BigInteger(v).compareTo(BigInteger.valueOf(min)) < 0
        || new BigInteger(v).compareTo(BigInteger.valueOf(max)) > 0) {
      error(src.pos(n), DesignError.Kind.WRONG_TYPE, "'" + key + "' must be a whole number from "
          + min + " to " + max + ", not '" + v + "'");
      return -1;
    }
    return Integer.parseInt(v);
  }

  // ================================================================ expressions and scopes

  /**
   * Parses the expression in {@code node}; records an error and returns empty when the node is
   * not a non-empty scalar or does not parse. A present result always comes from a ScalarNode.
   */
  private Optional<Expr> expression(Node node, String what) {
    if (!(node instanceof ScalarNode s)) {
      String hint = node instanceof SequenceNode || node instanceof MappingNode
          ? "; quote values that start with '{' or '[' in YAML, e.g. \"{1, 2}\"" : "";
      error(src.pos(node), DesignError.Kind.WRONG_TYPE, what + " must be a Wolfram expression"
          + " (text), not " + describe(node) + hint);
      return Optional.empty();
    }
    if (isNull(s) || s.getValue().isBlank()) {
      error(src.pos(node), DesignError.Kind.EMPTY_VALUE, what + " is empty");
      return Optional.empty();
    }
    String code = s.getValue();
    Expr e;
    try {
      e = WolframSyntax.parse(code);
    } catch (CasException ex) {
      int off = WolframSyntax.errorOffset(ex).orElse(0);
      error(src.posIn(s, off), DesignError.Kind.EXPRESSION_SYNTAX, "syntax error in " + what
          + ": " + ex.getMessage() + " (in '" + abbreviate(code.strip()) + "')");
      return Optional.empty();
    }
    Optional<String> bad = forbiddenConstruct(e);
    if (bad.isPresent()) {
      int off = constructOffset(code, bad.get());
      error(src.posIn(s, Math.max(0, off)), DesignError.Kind.EXPRESSION_SYNTAX, "not a formula"
          + " in " + what + ": " + CONSTRUCTS.get(bad.get()) + " (in '" + abbreviate(code.strip())
          + "')");
      return Optional.empty();
    }
    return Optional.of(sizes.isEmpty() ? e : Exprs.map(e, x -> x instanceof Expr.Sym y
        && sizes.containsKey(y.name()) ? Expr.integer(sizes.get(y.name())) : null));
  }

  /** Heads that parse but have no place in a formula, with the reason shown to the user. */
  private static final Map<String, String> CONSTRUCTS = Map.of(
      "Set", "'=' is assignment; write '==' for an equation",
      "SetDelayed", "':=' is a definition; a design holds formulas only",
      "CompoundExpression", "';' separates statements; write a single formula",
      "Function", "pure functions ('#', '&') are not supported",
      "Slot", "pure functions ('#', '&') are not supported");

  private static Optional<String> forbiddenConstruct(Expr e) {
    if (e instanceof Expr.Fn f && CONSTRUCTS.containsKey(f.head())) {
      return Optional.of(f.head());
    }
    for (Expr c : Exprs.children(e)) {
      Optional<String> inner = forbiddenConstruct(c);
      if (inner.isPresent()) {
        return inner;
      }
    }
    return Optional.empty();
  }

  private static int constructOffset(String code, String head) {
    switch (head) {
      case "Set": {
        Matcher m = Pattern.compile("(?<![=!<>:])=(?![=])").matcher(code);
        return m.find() ? m.start() : -1;
      }
      case "SetDelayed":
        return code.indexOf(":=");
      case "CompoundExpression":
        return code.indexOf(';');
      default:
        int amp = code.indexOf('&');
        return amp >= 0 ? amp : code.indexOf('#');
    }
  }

  /**
   * The names an expression may use: parameters (if {@code withParameters}), constants, the
   * names in {@code extra}; built-ins are always allowed.
   */
  private List<String> scope(boolean withParameters, List<String> extra) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : declaredRole.entrySet()) {
      if (e.getValue().equals("table")) {
        continue; // a function head, not a symbol
      }
      if (withParameters || !e.getValue().equals("parameter")) {
        out.add(e.getKey());
      }
    }
    for (String x : extra) {
      if (!out.contains(x)) {
        out.add(x);
      }
    }
    return out;
  }

  /**
   * Reports symbols and function heads that are neither in scope nor Wolfram built-ins. Skipped
   * (returns true) when the declarations could not be read: every symbol would look undeclared.
   */
  private boolean checkScope(Expr e, ScalarNode node, String where, List<String> scope) {
    if (!scopeReliable) {
      return true;
    }
    boolean ok = true;
    for (String s : Exprs.symbols(e)) {
      if (scope.contains(s) || WolframSyntax.isReservedName(s)) {
        continue;
      }
      ok = false;
      String hint = capitalHint(s);
      if (hint.isEmpty()) {
        hint = eNotationHint(node.getValue(), s);
      }
      if (hint.isEmpty()) {
        hint = Suggestions.closest(s, scope).map(c -> "; did you mean '" + c + "'?").orElse("");
      }
      error(symbolPos(node, s), DesignError.Kind.UNDECLARED_SYMBOL, "undeclared symbol '" + s
          + "' in " + where + " (declared: " + (scope.isEmpty() ? "nothing"
          : String.join(", ", scope)) + ")" + hint);
    }
    for (String h : heads(e)) {
      if (!WolframSyntax.isReservedName(h) && !tableNames.contains(h)) {
        ok = false;
        error(symbolPos(node, h), DesignError.Kind.UNDECLARED_SYMBOL, "unknown function '" + h
            + "' in " + where + ": not a Wolfram built-in" + capitalHint(h));
      }
    }
    return ok;
  }

  /** {@code sin} for {@code Sin}: Wolfram built-ins are capitalised and take square brackets. */
  private static String capitalHint(String s) {
    if (s.isEmpty() || Character.isUpperCase(s.charAt(0))) {
      return "";
    }
    String cap = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return WolframSyntax.isReservedName(cap) && cap.length() > 1
        ? "; did you mean '" + cap + "[...]'? Wolfram functions are capitalised and take square"
            + " brackets"
        : "";
  }

  private static String eNotationHint(String code, String symbol) {
    return symbol.matches("[eE][0-9]*") && E_NOTATION.matcher(code).find()
        ? "; note that '1e-3' means 1*e - 3 in Wolfram syntax: write 1*^-3 or 0.001" : "";
  }

  /** Function heads used in {@code e}, in order of first use. */
  /** The non-finite symbols in {@code e} ({@link Exprs#symbols} leaves out constants). */
  private static Set<String> nonFinite(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    if (e instanceof Expr.Sym s && NON_FINITE.contains(s.name())) {
      out.add(s.name());
    }
    for (Expr c : Exprs.children(e)) {
      out.addAll(nonFinite(c));
    }
    return out;
  }

  private static Set<String> heads(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collectHeads(e, out);
    return out;
  }

  private static void collectHeads(Expr e, Set<String> out) {
    if (e instanceof Expr.Fn f) {
      out.add(f.head());
    }
    for (Expr c : Exprs.children(e)) {
      collectHeads(c, out);
    }
  }

  /**
   * Where an expression's first character is (after an opening quote, or on the first content
   * line of a block scalar), so that {@link SourcePos#shift} by an offset is exact for
   * expressions on one line.
   */
  private SourcePos exprPos(Node node) {
    return node instanceof ScalarNode s ? src.posIn(s, 0) : src.pos(node);
  }

  /** Where the identifier {@code name} first occurs as a whole token in the scalar's text. */
  private SourcePos symbolPos(ScalarNode node, String name) {
    String code = node.getValue();
    int k = 0;
    while (k < code.length()) {
      char c = code.charAt(k);
      if (c == '"') {
        int close = code.indexOf('"', k + 1);
        k = close < 0 ? code.length() : close + 1;
      } else if (Character.isLetter(c) || c == '$') {
        int start = k;
        while (k < code.length() && (Character.isLetterOrDigit(code.charAt(k))
            || code.charAt(k) == '$')) {
          k++;
        }
        if (code.substring(start, k).equals(name)) {
          return src.posIn(node, start);
        }
      } else if (Character.isDigit(c)) {
        while (k < code.length() && (Character.isDigit(code.charAt(k))
            || code.charAt(k) == '.')) {
          k++;
        }
      } else {
        k++;
      }
    }
    return src.pos(node);
  }

  // ================================================================ YAML helpers

  /**
   * The entries of a mapping by key text, first occurrence kept. Reports non-scalar keys,
   * duplicate keys and, when {@code known} is given, unknown keys with the closest known one.
   */
  private Map<String, NodeTuple> entries(MappingNode map, List<String> known, String what) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode ks) || isNull(k)) {
        error(src.pos(k), DesignError.Kind.WRONG_TYPE, "a " + what + " must be a plain name,"
            + " not " + describe(k));
        continue;
      }
      String key = ks.getValue();
      if (out.containsKey(key)) {
        error(src.pos(k), DesignError.Kind.DUPLICATE_KEY, "duplicate " + what + " '" + key
            + "' (first at " + src.pos(out.get(key).getKeyNode()) + ")");
        continue;
      }
      if (known != null && !known.contains(key)) {
        error(src.pos(k), DesignError.Kind.UNKNOWN_KEY, "unknown " + what + " '" + key + "'"
            + Suggestions.closest(key, known).map(s -> " (did you mean '" + s + "'?)")
            .orElse(" (known: " + String.join(", ", known) + ")"));
        continue;
      }
      out.put(key, t);
    }
    return out;
  }

  /** The value of a top-level key, absent if the key is absent. */
  private static Optional<Node> value(Map<String, NodeTuple> map, String key) {
    NodeTuple t = map.get(key);
    return t == null ? Optional.empty() : Optional.of(t.getValueNode());
  }

  private Optional<MappingNode> mapping(Node node, String what, String expected) {
    if (node instanceof MappingNode m) {
      return Optional.of(m);
    }
    if (isNull(node)) {
      error(src.pos(node), DesignError.Kind.EMPTY_VALUE, what + " is empty: expected "
          + expected);
    } else {
      error(src.pos(node), DesignError.Kind.WRONG_TYPE, what + " must be a mapping ("
          + expected + "), not " + describe(node));
    }
    return Optional.empty();
  }

  private List<Node> sequence(Node node, String what, String example) {
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    if (isNull(node)) {
      error(src.pos(node), DesignError.Kind.EMPTY_VALUE, what + " is empty: expected a list"
          + " of items such as '" + example + "' (or omit the key)");
    } else {
      error(src.pos(node), DesignError.Kind.WRONG_TYPE, what + " must be a list of items such"
          + " as '" + example + "', not " + describe(node));
    }
    return List.of();
  }

  private Optional<String> text(Node node, String what) {
    if (!(node instanceof ScalarNode s)) {
      error(src.pos(node), DesignError.Kind.WRONG_TYPE, what + " must be text, not "
          + describe(node));
      return Optional.empty();
    }
    if (isNull(s) || s.getValue().isBlank()) {
      error(src.pos(node), DesignError.Kind.EMPTY_VALUE, what + " is empty");
      return Optional.empty();
    }
    return Optional.of(s.getValue());
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
  }

  private static String describe(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    return "text";
  }

  private List<String> parameterNames() {
    List<String> out = new ArrayList<>();
    declaredRole.forEach((k, v) -> {
      if (v.equals("parameter")) {
        out.add(k);
      }
    });
    return out;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }

  private void error(SourcePos pos, DesignError.Kind kind, String message) {
    errors.add(new DesignError(pos, kind, message));
  }
}
