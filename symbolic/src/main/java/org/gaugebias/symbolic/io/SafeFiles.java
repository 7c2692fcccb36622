package org.gaugebias.symbolic.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.failure.Failure;

/**
 * Every file gaugebias writes goes through here: written in full to a temporary sibling, then
 * moved into place, so a file is either complete or absent, and an older good file is never
 * replaced by a truncated one (disk full, {@code ulimit -f}, a kill). Failures are
 * {@link Failure}s of kind IO naming the file and the reason.
 *
 * <p>For report writers outside the command line (numeric reports, plots):
 * {@link #write(Path, Body)} takes any stream writer; {@link #requireWritable(Path)} checks an
 * output before long work starts.
 */
public final class SafeFiles {
  /** Writes a file's content to a stream (the stream is the temporary sibling). */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Fault injection for tests: writes fail after this many bytes in total; < 0 = never. */
  private static volatile long failAfterBytes = -1;

  private SafeFiles() {
  }

  /** Writes {@code text} (UTF-8) to {@code target} atomically, creating parent folders. */
  public static void write(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes {@code body} to {@code target} atomically, creating parent folders. */
  public static void write(Path target, Body body) {
    Map<Path, Body> one = new LinkedHashMap<>();
    one.put(target, body);
    writeAll(one);
  }

  /**
   * Writes several files that belong together (a design's .txt, .tex, .json): all are staged
   * first and moved into place only when every one was written, so a failure leaves none of
   * them new.
   */
  public static void writeAll(Map<Path, Body> files) {
    List<Path[]> staged = new ArrayList<>();
    try {
      for (Map.Entry<Path, Body> f : files.entrySet()) {
        staged.add(new Path[] {stage(f.getKey(), f.getValue()), f.getKey()});
      }
      for (Path[] s : staged) {
        move(s[0], s[1]);
      }
    } finally {
      for (Path[] s : staged) {
        deleteQuietly(s[0]);
      }
    }
  }

  /**
   * Fails now, before any work, if {@code target} could not be written: its folder cannot be
   * created or written, or the target is a folder.
   */
  public static void requireWritable(Path target) {
    Path abs = target.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      throw Failure.io(target.toString(), "cannot write " + target + ": it is a folder", null);
    }
    Path dir = abs.getParent();
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".gaugebias-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw Failure.io(target.toString(), "cannot write " + target + ": " + reason(e, dir), e);
    }
  }

  /** Fault injection for tests: every later write fails once this many bytes were written. */
  public static void failAfterBytes(long bytes) {
    failAfterBytes = bytes;
  }

  /** Turns fault injection off. */
  public static void noFaults() {
    failAfterBytes = -1;
  }

  private static Path stage(Path target, Body body) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      if (Files.isDirectory(abs)) {
        throw new FileSystemException(target.toString(), null, "it is a folder");
      }
      Files.createDirectories(dir);
      // not createTempFile: its owner-only permissions would survive the move
      tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(
          java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".part");
      try (OutputStream out = counting(Files.newOutputStream(tmp,
          java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE))) {
        body.writeTo(out);
      }
      return tmp;
    } catch (IOException | SecurityException e) {
      deleteQuietly(tmp);
      throw Failure.io(target.toString(), "cannot write " + target + ": " + reason(e, abs), e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private static void move(Path tmp, Path target) {
    try {
      try {
        Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw Failure.io(target.toString(), "cannot write " + target + ": " + reason(e, target), e);
    }
  }

  private static OutputStream counting(OutputStream out) {
    long limit = failAfterBytes;
    if (limit < 0) {
      return out;
    }
    return new FilterOutputStream(out) {
      private long written;

      @Override
      public void write(int b) throws IOException {
        check(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        check(len);
        out.write(b, off, len);
      }

      private void check(int n) throws IOException {
        written += n;
        if (written > limit) {
          throw new IOException("File too large (injected fault)");
        }
      }
    };
  }

  /** A reason a user can act on: "no such folder", "permission denied", the system's words. */
  static String reason(Exception e, Path where) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such folder";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      return f.getFile() + " is a file, not a folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover .part file is hidden and harmless; the target was never touched
    }
  }
}
