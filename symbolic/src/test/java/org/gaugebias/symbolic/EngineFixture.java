package org.gaugebias.symbolic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.trace.Derivation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The engine for a test class: one Symja session, started before its tests and closed after,
 * and the one way tests compile and derive designs with it (from a file, a shipped design, or
 * YAML text). Register it with
 * {@code @RegisterExtension static final EngineFixture ENGINE = new EngineFixture();}.
 */
public final class EngineFixture implements BeforeAllCallback, AfterAllCallback {
  /** The repository root (tests run in a module folder). */
  public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private SymjaSession session;
  private Path scratch;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    session = SymjaSession.start();
    scratch = Files.createTempDirectory("gaugebias-test");
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    session.close();
    try (Stream<Path> files = Files.walk(scratch)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public SymjaSession session() {
    return session;
  }

  public Parameterization compile(Design design) {
    return new DesignCompiler(session).compile(design);
  }

  public Parameterization compile(Path file) {
    return compile(DesignReader.read(file));
  }

  /** The design in {@code yaml}, read as if from a file called {@code name}. */
  public Parameterization compile(String name, String yaml) {
    return compile(DesignReader.read(name, yaml));
  }

  public Derivation derive(Path file) {
    return new ForwardDeriver(session).derive(compile(file));
  }

  /** A shipped design, {@code designs/<id>.yaml}. */
  public Derivation deriveShipped(String id) {
    return derive(ROOT.resolve("designs").resolve(id + ".yaml"));
  }

  /** The design in {@code yaml}, read as if from a file called {@code name}. */
  public Derivation derive(String name, String yaml) {
    return new ForwardDeriver(session).derive(compile(name, yaml));
  }

  /** The design in {@code yaml}, written to a file of a scratch folder first (as a user would). */
  public Derivation deriveFromFile(String yaml) {
    try {
      Path f = Files.createTempFile(scratch, "design", ".yaml");
      Files.writeString(f, yaml);
      return derive(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
