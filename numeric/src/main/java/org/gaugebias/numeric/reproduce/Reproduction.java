package org.gaugebias.numeric.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gaugebias.numeric.run.Run;
import org.gaugebias.numeric.run.RunContext;

/**
 * Runs experiments arm by arm and seed by seed, and decides MATCH and the attribution (issue 10).
 *
 * <p>Each (experiment, arm, replica) is one single-threaded task with its own streams, so the
 * results do not depend on the thread count; tasks go to a fixed pool, the longest first, and
 * are combined in arm and replica order. Cancellation: running tasks stop after their current
 * chunk and keep what they did; tasks not started are skipped; the reports say INCOMPLETE.
 */
public final class Reproduction {
  /** Default root seed (recorded in every report). */
  public static final long DEFAULT_SEED = 20260406L;

  private Reproduction() {
  }

  /**
   * @param experiments what to run, in report order
   * @param seeds replicas per arm
   * @param stepsScale factor on the published step counts
   * @param rootSeed the recorded root seed
   * @param threads worker threads (results do not depend on it)
   */
  public record Settings(List<Experiment> experiments, int seeds, double stepsScale,
      long rootSeed, int threads, java.util.Map<String, List<String>> derivedLaws) {
    /** Settings without derived laws (the reports then name the catalogue design only). */
    public Settings(List<Experiment> experiments, int seeds, double stepsScale, long rootSeed,
        int threads) {
      this(experiments, seeds, stepsScale, rootSeed, threads, java.util.Map.of());
    }

    public Settings {
      derivedLaws = java.util.Map.copyOf(derivedLaws);
      experiments = List.copyOf(experiments);
      if (experiments.isEmpty()) {
        throw new IllegalArgumentException("no experiment to run");
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("--seeds must be a positive number, got " + seeds);
      }
      if (!(stepsScale > 0) || Double.isInfinite(stepsScale)) {
        throw new IllegalArgumentException("--steps-scale must be a positive finite number, got "
            + stepsScale);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be a positive number, got "
            + threads);
      }
    }

    /**
     * What the report says of {@code e}'s catalogue design: the engine's derived law when the
     * caller derived it, else where it is.
     */
    public List<String> catalogueLines(Experiment e) {
      return e.catalogueDesign().map(link -> derivedLaws.getOrDefault(e.name(),
          List.of("catalogue: designs/" + link.file() + " (" + link.relation() + ")")))
          .orElse(List.of());
    }

    /** Steps of {@code e}'s arms at this scale (at least 1). */
    public long steps(Experiment e) {
      return Math.max(1, Math.round(e.publishedSteps() * stepsScale));
    }
  }

  /** The whole set as a run; {@code each} sees every experiment as soon as it is finished. */
  public static Run<ReproductionReport> run(Settings s, Consumer<ExperimentReport> each) {
    return context -> execute(s, each, context);
  }

  private record Task(Experiment experiment, Arm arm, int armIndex, int replica, long steps,
      double cost) {
  }

  private static ReproductionReport execute(Settings s, Consumer<ExperimentReport> each,
      RunContext context) {
    long start = System.nanoTime();
    List<Task> tasks = new ArrayList<>();
    for (Experiment e : s.experiments()) {
      List<Arm> arms = e.arms();
      for (int a = 0; a < arms.size(); a++) {
        for (int r = 0; r < s.seeds(); r++) {
          tasks.add(new Task(e, arms.get(a), a, r, s.steps(e),
              s.steps(e) * Costs.perStep(e, arms.get(a))));
        }
      }
    }
    double totalCost = tasks.stream().mapToDouble(Task::cost).sum();
    long totalUnits = Math.max(1, Math.round(totalCost / 1e3));
    AtomicLong doneUnits = new AtomicLong();
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
      Thread t = new Thread(r, "gaugebias-reproduce-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Map<Task, Future<ArmResult>> futures = new LinkedHashMap<>();
    List<Task> byCost = new ArrayList<>(tasks);
    byCost.sort((x, y) -> Double.compare(y.cost(), x.cost()));
    try {
      for (Task t : byCost) {
        double unitsPerStep = t.cost() / t.steps() / 1e3;
        futures.put(t, pool.submit(() -> {
          if (context.cancelled().getAsBoolean()) {
            return null;
          }
          double[] carry = {0};
          StepControl control = new StepControl(n -> {
            carry[0] += n * unitsPerStep;
            long whole = (long) carry[0];
            carry[0] -= whole;
            context.progress().progress(doneUnits.addAndGet(whole), totalUnits);
          }, context.cancelled());
          return t.experiment().run(t.arm(), t.armIndex(), t.replica(), s.rootSeed(),
              t.steps(), control);
        }));
      }
      List<ExperimentReport> reports = new ArrayList<>();
      for (Experiment e : s.experiments()) {
        long es = System.nanoTime();
        List<ArmResult> results = new ArrayList<>();
        for (Task t : tasks) {
          if (t.experiment() == e) {
            ArmResult r = futures.get(t).get();
            if (r != null) {
              results.add(r);
            }
          }
        }
        ExperimentReport report = Attribution.report(e, s, results, (System.nanoTime() - es)
            / 1e9);
        each.accept(report);
        reports.add(report);
      }
      return new ReproductionReport(s.rootSeed(), s.seeds(), s.stepsScale(), s.threads(),
          reports, (System.nanoTime() - start) / 1e9,
          !context.cancelled().getAsBoolean() && reports.stream()
              .allMatch(ExperimentReport::complete));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("reproduction interrupted", ex);
    } catch (ExecutionException ex) {
      throw new IllegalStateException("reproduction failed: " + ex.getCause(), ex.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
