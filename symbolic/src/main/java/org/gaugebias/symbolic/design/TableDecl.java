package org.gaugebias.symbolic.design;

import java.util.Objects;

/**
 * A tabulated function the design's expressions may apply ({@code tables:}; the table is read
 * when the design is compiled, not by the reader). Its name is used as a function head:
 * {@code name[expr]}.
 *
 * @param name the function's name
 * @param file the table file as written, relative to the design file
 * @param pos where the name is written
 * @param filePos where the file name is written
 */
public record TableDecl(String name, String file, SourcePos pos, SourcePos filePos) {
  public TableDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(filePos, "filePos");
  }
}
