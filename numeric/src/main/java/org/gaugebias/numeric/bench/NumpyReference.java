package org.gaugebias.numeric.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one of the NumPy reference scripts of {@code shared/bench} as a process and reads the
 * rate it prints, so that a benchmark can report a ratio against the same computation on the same
 * machine. The OpenBLAS variables that slow a current NumPy on some processors are removed from
 * that process alone (the machine notes say so); every line it prints is echoed with a prefix.
 */
public final class NumpyReference {
  private NumpyReference() {
  }

  /**
   * The rate the script prints after {@code label} (e.g. {@code steps/s}) when run with
   * {@code --steps steps}.
   */
  public static double rate(Path script, long steps, String label) throws IOException,
      InterruptedException {
    return rate(script, List.of("--steps", Long.toString(steps)), label);
  }

  /** The same with {@code --chains chains --steps steps}. */
  public static double rate(Path script, int chains, long steps, String label)
      throws IOException, InterruptedException {
    return rate(script, List.of("--chains", Integer.toString(chains), "--steps",
        Long.toString(steps)), label);
  }

  private static double rate(Path script, List<String> args, String label) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", script.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("OPENBLAS_CORETYPE");
    pb.environment().remove("OPENBLAS_L2_SIZE");
    Process p = pb.start();
    Pattern rate = Pattern.compile(Pattern.quote(label) + "\\s+([0-9.eE+-]+)");
    double value = Double.NaN;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        System.out.println("  numpy | " + line);
        Matcher m = rate.matcher(line);
        if (m.find()) {
          value = Double.parseDouble(m.group(1));
        }
      }
    }
    int code = p.waitFor();
    if (code != 0 || Double.isNaN(value)) {
      throw new IOException("numpy reference " + script + " failed (exit " + code + ")");
    }
    return value;
  }
}
