package org.gaugebias.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code gaugebias bench --paper}: warm derivation time of the designs at the paper's sizes
 * (u⊙v n = 64, TV n = 200, the 64-point DCT, the 16-unit ReLU layer, one ReLU unit on 64
 * inputs) in one JVM: read, compile and derive, one warm-up then the median of the repeats.
 * Beside the wall time it reports the CPU time of the deriving threads (the caller and the CAS worker):
 * on a shared machine the wall time measures the load as much as the engine (issue 9's goal,
 * under a second warm, is stated for an unloaded core).
 */
final class PaperSizeBench {
  /** The paper-size designs, by file name in the designs folder. */
  static final List<String> DESIGNS = List.of("hadamard-uv-64.yaml", "cumsum-tv-200.yaml",
      "spectral-dct-64.yaml", "spectral-dct2d-8x8.yaml", "relu-layer-16.yaml",
      "relu-unit-64.yaml");

  private final PrintWriter out;
  private final Path designs;
  private final int repeats;

  PaperSizeBench(PrintWriter out, Path designs, int repeats) {
    this.out = out;
    this.designs = designs;
    this.repeats = repeats;
  }

  void run() {
    List<String[]> rows = new ArrayList<>();
    for (String name : DESIGNS) {
      Path f = designs.resolve(name);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      double[] first = time(f);
      double[] wall = new double[repeats];
      double[] cpu = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        double[] t = time(f);
        wall[r] = t[0];
        cpu[r] = t[1];
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      rows.add(new String[] {name.replace(".yaml", ""), ms(first[0]), ms(wall[repeats / 2]),
          ms(cpu[repeats / 2]), ms(cpu[0])});
      out.println(String.join(" | ", rows.get(rows.size() - 1)));
      out.flush();
    }
    out.print(Table.render(new String[] {"design", "first ms", "warm median ms (wall)",
        "warm median ms (CPU)", "min CPU ms"}, rows));
    out.printf(Locale.ROOT, "load average: %.1f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.flush();
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** {wall ms, CPU ms of the deriving threads} of one read + compile + derive. */
  private static double[] time(Path f) {
    long c0 = cpu();
    long w0 = System.nanoTime();
    Engine.derive(f, null);
    return new double[] {(System.nanoTime() - w0) / 1e6, (cpu() - c0) / 1e6};
  }

  /** CPU time of this thread and the CAS worker threads, in ns. */
  static long cpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo i : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (i == null) {
        continue;
      }
      boolean ours = i.getThreadId() == Thread.currentThread().getId()
          || i.getThreadName().startsWith("gaugebias");
      long c = ours ? mx.getThreadCpuTime(i.getThreadId()) : -1;
      total += Math.max(0, c);
    }
    return total;
  }
}
